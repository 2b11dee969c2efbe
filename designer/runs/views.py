"""Run endpoints: submit, list, inspect, cancel, logs."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import orchestrator, queries
from .choices import RunStatus
from .describe import describe_run
from .serializers import (
    ExperimentSerializer,
    LogsSerializer,
    MetricPointSerializer,
    RerunSerializer,
    RunSerializer,
    RunSummarySerializer,
    SubmitSerializer,
)


class SubmitRunView(APIView):
    @extend_schema(request=SubmitSerializer, responses={201: RunSerializer})
    def post(self, request, pk: int):
        body = SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = orchestrator.submit_run(pk, user=request.user, **body.validated_data)
        return Response(describe_run(queries.get_run(run.pk)), status=201)


class RunListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("pipeline", int),
            OpenApiParameter("experiment", str),
            OpenApiParameter("status", str, enum=RunStatus.values),
            OpenApiParameter("limit", int),
        ],
        responses=RunSummarySerializer(many=True),
    )
    def get(self, request):
        params = request.query_params
        limit = params.get("limit", "50")
        return Response(
            queries.list_runs(
                pipeline=params.get("pipeline", ""),
                experiment=params.get("experiment", ""),
                status=params.get("status", ""),
                limit=int(limit) if limit.isdigit() else 50,
            )
        )


class RunDetailView(APIView):
    @extend_schema(responses=RunSerializer)
    def get(self, request, pk: int):
        return Response(queries.run_detail(pk))


class RerunView(APIView):
    @extend_schema(request=RerunSerializer, responses={201: RunSerializer})
    def post(self, request, pk: int):
        body = RerunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = orchestrator.rerun(pk, user=request.user, **body.validated_data)
        return Response(describe_run(queries.get_run(run.pk)), status=201)


class CancelRunView(APIView):
    @extend_schema(request=None, responses=RunSerializer)
    def post(self, request, pk: int):
        orchestrator.cancel_run(pk)
        return Response(queries.run_detail(pk))


class NodeLogsView(APIView):
    @extend_schema(parameters=[OpenApiParameter("after", int)], responses=LogsSerializer)
    def get(self, request, pk: int, node: str):
        after = request.query_params.get("after", "0")
        return Response(queries.node_logs(pk, node, int(after) if after.isdigit() else 0))


class ExperimentListView(APIView):
    @extend_schema(responses=ExperimentSerializer(many=True))
    def get(self, request):
        return Response(ExperimentSerializer(queries.experiments(), many=True).data)


class NodeMetricsView(APIView):
    @extend_schema(responses=MetricPointSerializer(many=True))
    def get(self, request, pk: int, node: str):
        return Response(MetricPointSerializer(queries.node_metrics(pk, node), many=True).data)
