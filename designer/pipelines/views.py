"""Pipeline endpoints: CRUD with revisions, validate."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .models import Pipeline
from .serializers import (
    PipelineSerializer,
    PipelineSummarySerializer,
    ValidateRequestSerializer,
    ValidationResultSerializer,
)


def _payload(request, partial: bool) -> dict:
    incoming = PipelineSerializer(data=request.data, partial=partial)
    incoming.is_valid(raise_exception=True)
    return dict(incoming.validated_data)


class PipelineListView(APIView):
    @extend_schema(responses=PipelineSummarySerializer(many=True))
    def get(self, request):
        qs = Pipeline.objects.all()
        search = request.query_params.get("search", "").strip()
        if search:
            qs = qs.filter(name__icontains=search)
        return Response(PipelineSummarySerializer(qs, many=True).data)

    @extend_schema(request=PipelineSerializer, responses={201: PipelineSerializer})
    def post(self, request):
        values = _payload(request, partial=False)
        values.pop("revision", None)
        pipeline = services.create_pipeline(request.user, **values)
        return Response(PipelineSerializer(pipeline).data, status=201)


class PipelineDetailView(APIView):
    @extend_schema(responses=PipelineSerializer)
    def get(self, request, pk: int):
        return Response(PipelineSerializer(services.get_pipeline(pk)).data)

    @extend_schema(request=PipelineSerializer, responses=PipelineSerializer)
    def put(self, request, pk: int):
        return self._update(request, pk, partial=False)

    @extend_schema(request=PipelineSerializer, responses=PipelineSerializer)
    def patch(self, request, pk: int):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk: int, partial: bool):
        values = _payload(request, partial=partial)
        revision = values.pop("revision", None)
        pipeline = services.update_pipeline(pk, revision, **values)
        return Response(PipelineSerializer(pipeline).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.delete_pipeline(pk)
        return Response(status=204)


class PipelineValidateView(APIView):
    @extend_schema(request=ValidateRequestSerializer, responses=ValidationResultSerializer)
    def post(self, request, pk: int):
        pipeline = services.get_pipeline(pk)
        draft = ValidateRequestSerializer(data=request.data)
        draft.is_valid(raise_exception=True)
        graph = draft.validated_data.get("graph", pipeline.graph)
        parameters = draft.validated_data.get("parameters", pipeline.parameters)
        errors = services.check_graph(graph, parameters)
        return Response({"valid": not errors, "errors": errors})
