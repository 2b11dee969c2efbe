"""Run endpoints: submit, list, inspect, cancel, logs; open a run as a new pipeline or compare
it with the draft; design-time schemas from past runs."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.pagination import ARRAY_PAGE_PARAMETERS, array_response, keyset_page, list_page
from designer.pipelines.serializers import (
    PipelineSerializer,
    SchemasResultSerializer,
    ValidateRequestSerializer,
)
from designer.pipelines.services import get_pipeline
from designer.query_params import whole_number

from . import orchestrator, pick_up, queries, retention
from .choices import TRIGGER_KINDS, RunStatus
from .describe import describe_run
from .design_schemas import design_schemas
from .serializers import (
    DraftDiffSerializer,
    ExperimentSerializer,
    LogsSerializer,
    MetricPointSerializer,
    OpenAsPipelineSerializer,
    RerunSerializer,
    RunListItemSerializer,
    RunSerializer,
    SubmitSerializer,
)


class SubmitRunView(APIView):
    @extend_schema(request=SubmitSerializer, responses={201: RunSerializer})
    def post(self, request, pk: int):
        body = SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = orchestrator.submit_run(request.user, pk, **body.validated_data)
        return Response(describe_run(queries.get_run(request.user, run.pk)), status=201)


class RunListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("pipeline", int),
            OpenApiParameter("experiment", str),
            OpenApiParameter("status", str, enum=RunStatus.values),
            OpenApiParameter("trigger", str, enum=list(TRIGGER_KINDS)),
            *ARRAY_PAGE_PARAMETERS,
        ],
        responses=RunListItemSerializer(many=True),
        description="A page of runs, newest first; the next page's cursor is in "
        "`X-Next-Cursor` and `Link`.",
    )
    def get(self, request):
        params = request.query_params
        runs = queries.list_runs(
            request.user,
            pipeline=params.get("pipeline", ""),
            experiment=params.get("experiment", ""),
            status=params.get("status", ""),
            trigger=params.get("trigger", ""),
        )
        page = keyset_page(request, runs, queries.RUN_ORDER)
        return array_response(request, queries.describe_runs(page.rows), page)


class RunDetailView(APIView):
    @extend_schema(responses=RunSerializer)
    def get(self, request, pk: int):
        return Response(queries.run_detail(request.user, pk))

    @extend_schema(
        responses={204: None},
        description="Delete a finished run: hidden at once; its rows, work folder and the "
        "artifacts only it held are removed by the retention sweep (`manage.py gc`).",
    )
    def delete(self, request, pk: int):
        retention.delete_run(request.user, pk)
        return Response(status=204)


class RerunView(APIView):
    @extend_schema(request=RerunSerializer, responses={201: RunSerializer})
    def post(self, request, pk: int):
        body = RerunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = orchestrator.rerun(request.user, pk, **body.validated_data)
        return Response(describe_run(queries.get_run(request.user, run.pk)), status=201)


class CancelRunView(APIView):
    @extend_schema(request=None, responses=RunSerializer)
    def post(self, request, pk: int):
        orchestrator.cancel_run(request.user, pk)
        return Response(queries.run_detail(request.user, pk))


class OpenAsPipelineView(APIView):
    @extend_schema(
        request=OpenAsPipelineSerializer,
        responses={201: PipelineSerializer},
        description="A new pipeline with the graph this run ran (its frozen version) and the "
        "run's parameter values as the defaults of the pipeline parameters.",
    )
    def post(self, request, pk: int):
        body = OpenAsPipelineSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        pipeline = pick_up.open_as_pipeline(
            request.user,
            pk,
            body.validated_data.get("name", ""),
            body.validated_data.get("workspace"),
        )
        return Response(PipelineSerializer(pipeline).data, status=201)


class DraftDiffView(APIView):
    @extend_schema(
        responses=DraftDiffSerializer,
        description="How the pipeline's current draft differs from the version this run ran.",
    )
    def get(self, request, pk: int):
        return Response(pick_up.compare_with_draft(request.user, pk))


class NodeLogsView(APIView):
    @extend_schema(parameters=[OpenApiParameter("after", int)], responses=LogsSerializer)
    def get(self, request, pk: int, node: str):
        after = request.query_params.get("after", "0")
        return Response(
            queries.node_logs(request.user, pk, node, whole_number(after or "0", "after"))
        )


class ExperimentListView(APIView):
    @extend_schema(parameters=ARRAY_PAGE_PARAMETERS, responses=ExperimentSerializer(many=True))
    def get(self, request):
        page = list_page(request, queries.experiments(request.user), _name, "experiments")
        return array_response(request, ExperimentSerializer(page.rows, many=True).data, page)


def _name(row: dict) -> str:
    # Names are unique per workspace only.
    return f"{row['workspace']}/{row['name']}"


class NodeMetricsView(APIView):
    @extend_schema(parameters=ARRAY_PAGE_PARAMETERS, responses=MetricPointSerializer(many=True))
    def get(self, request, pk: int, node: str):
        points = queries.node_metrics(request.user, pk, node)
        page = keyset_page(request, points, queries.METRIC_ORDER)
        return array_response(request, MetricPointSerializer(page.rows, many=True).data, page)


class PipelineSchemasView(APIView):
    @extend_schema(
        request=ValidateRequestSerializer,
        responses=SchemasResultSerializer,
        description="The columns that reach every port, for the saved graph or the draft sent.",
    )
    def post(self, request, pk: int):
        pipeline = get_pipeline(request.user, pk)
        draft = ValidateRequestSerializer(data=request.data)
        draft.is_valid(raise_exception=True)
        graph = draft.validated_data.get("graph")
        parameters = draft.validated_data.get("parameters")
        return Response(design_schemas(pipeline, graph, parameters))
