"""Pipeline endpoints: CRUD with revisions, validate, YAML, clone, and the sample pipelines."""

from django.http import HttpResponse
from django.utils.text import slugify
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.pagination import (
    ARRAY_PAGE_PARAMETERS,
    array_response,
    keyset_page,
    list_page,
    page_response,
    paged,
)
from designer.parsers import JSONParser

from . import services, yaml_io
from .serializers import (
    CloneRequestSerializer,
    ImportRequestSerializer,
    PipelineSerializer,
    PipelineSummarySerializer,
    PipelineVersionSerializer,
    PipelineWriteSerializer,
    SampleCloneRequestSerializer,
    SampleSerializer,
    ValidateRequestSerializer,
    ValidationResultSerializer,
)


def _payload(request, partial: bool) -> dict:
    incoming = PipelineWriteSerializer(data=request.data, partial=partial)
    incoming.is_valid(raise_exception=True)
    values = dict(incoming.validated_data)
    # `workspace` is written as a name and read back as one (source "workspace.name").
    values["workspace"] = (values.pop("workspace", None) or {}).get("name")
    return values


class YAMLTextParser(BaseParser):
    """A YAML body as bytes, read no further than the import limit allows."""

    media_type = "text/yaml"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read(yaml_io.MAX_BYTES + 1) if stream is not None else b""


class ApplicationYAMLParser(YAMLTextParser):
    media_type = "application/yaml"


class LegacyYAMLParser(YAMLTextParser):
    media_type = "application/x-yaml"


class PipelineListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("search", str, description="Part of the name, any case"),
            OpenApiParameter("ordering", str, enum=services.ORDERINGS, default="-updated_at"),
            *ARRAY_PAGE_PARAMETERS,
        ],
        responses=PipelineSummarySerializer(many=True),
        description="A page of pipelines; the next page's cursor is in `X-Next-Cursor` and "
        "`Link` (a cursor holds to the ordering it was cut under).",
    )
    def get(self, request):
        ordering = request.query_params.get("ordering", "")
        pipelines = services.list_pipelines(
            request.user, request.query_params.get("search", ""), ordering
        )
        page = keyset_page(request, pipelines, services.list_order(ordering))
        return array_response(request, PipelineSummarySerializer(page.rows, many=True).data, page)

    @extend_schema(request=PipelineWriteSerializer, responses={201: PipelineSerializer})
    def post(self, request):
        values = _payload(request, partial=False)
        values.pop("revision", None)
        pipeline = services.create_pipeline(request.user, **values)
        return Response(PipelineSerializer(pipeline).data, status=201)


class PipelineDetailView(APIView):
    @extend_schema(responses=PipelineSerializer)
    def get(self, request, pk: int):
        return Response(PipelineSerializer(services.get_pipeline(request.user, pk)).data)

    @extend_schema(request=PipelineWriteSerializer, responses=PipelineSerializer)
    def put(self, request, pk: int):
        return self._update(request, pk, partial=False)

    @extend_schema(request=PipelineWriteSerializer, responses=PipelineSerializer)
    def patch(self, request, pk: int):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk: int, partial: bool):
        values = _payload(request, partial=partial)
        revision = values.pop("revision", None)
        pipeline = services.update_pipeline(request.user, pk, revision, **values)
        return Response(PipelineSerializer(pipeline).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.delete_pipeline(request.user, pk)
        return Response(status=204)


class PipelineValidateView(APIView):
    @extend_schema(request=ValidateRequestSerializer, responses=ValidationResultSerializer)
    def post(self, request, pk: int):
        pipeline = services.get_pipeline(request.user, pk)
        draft = ValidateRequestSerializer(data=request.data)
        draft.is_valid(raise_exception=True)
        graph = draft.validated_data.get("graph", pipeline.graph)
        parameters = draft.validated_data.get("parameters", pipeline.parameters)
        errors = services.check_graph(graph, parameters, pipeline.workspace_id)
        return Response({"valid": not errors, "errors": errors})


class PipelineCloneView(APIView):
    @extend_schema(request=CloneRequestSerializer, responses={201: PipelineSerializer})
    def post(self, request, pk: int):
        incoming = CloneRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        name = incoming.validated_data.get("name")
        workspace = incoming.validated_data.get("workspace")
        pipeline = services.clone_pipeline(request.user, pk, name, workspace)
        return Response(PipelineSerializer(pipeline).data, status=201)


class SampleListView(APIView):
    @extend_schema(
        operation_id="pipelines_samples_list",
        parameters=ARRAY_PAGE_PARAMETERS,
        responses=SampleSerializer(many=True),
        description="The sample pipelines a new pipeline can start from, in gallery order.",
    )
    def get(self, request):
        page = list_page(request, services.list_samples(request.user), _sample_key, "samples")
        return array_response(request, SampleSerializer(page.rows, many=True).data, page)


def _sample_key(sample) -> str:
    return sample.key


class SampleCloneView(APIView):
    @extend_schema(
        request=SampleCloneRequestSerializer,
        responses={201: PipelineSerializer},
        description="A new pipeline of yours with the sample's graph and parameters.",
    )
    def post(self, request, key: str):
        incoming = SampleCloneRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        name = incoming.validated_data.get("name")
        workspace = incoming.validated_data.get("workspace")
        pipeline = services.clone_sample(request.user, key, name, workspace)
        return Response(PipelineSerializer(pipeline).data, status=201)


class PipelineExportView(APIView):
    @extend_schema(responses={(200, "text/yaml"): OpenApiTypes.STR})
    def get(self, request, pk: int):
        pipeline, text = services.export_pipeline(request.user, pk)
        filename = f"{slugify(pipeline.name) or f'pipeline-{pipeline.pk}'}.pipeline.yaml"
        response = HttpResponse(text, content_type="text/yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PipelineImportView(APIView):
    parser_classes = [JSONParser, YAMLTextParser, ApplicationYAMLParser, LegacyYAMLParser]

    @extend_schema(
        request={"text/yaml": OpenApiTypes.STR, "application/json": ImportRequestSerializer},
        responses={201: PipelineSerializer},
        description="Create a pipeline from a YAML file (as exported); 400 names what is wrong.",
    )
    def post(self, request):
        if request.content_type.startswith("application/json"):
            incoming = ImportRequestSerializer(data=request.data)
            incoming.is_valid(raise_exception=True)
            text = incoming.validated_data["yaml"]
            workspace = incoming.validated_data.get("workspace")
        else:
            workspace = None
            # An empty body never reaches the parser; it is an empty file then.
            text = request.data if isinstance(request.data, bytes) else b""
        pipeline = services.import_pipeline(request.user, text, workspace)
        return Response(PipelineSerializer(pipeline).data, status=201)


class PipelineVersionListView(APIView):
    @extend_schema(
        operation_id="pipelines_versions_list",
        parameters=[OpenApiParameter("cursor", str), OpenApiParameter("limit", int)],
        responses=paged(PipelineVersionSerializer),
    )
    def get(self, request, pk: int):
        versions = services.list_versions(request.user, pk)
        return page_response(request, versions, PipelineVersionSerializer)


class PipelineVersionDetailView(APIView):
    @extend_schema(responses=PipelineVersionSerializer)
    def get(self, request, pk: int, number: int):
        return Response(
            PipelineVersionSerializer(services.get_version(request.user, pk, number)).data
        )
