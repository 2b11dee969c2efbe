"""Inference HTTP API: derive an inference pipeline from a completed run."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .serializers import DerivedPipelineSerializer, DeriveRequestSerializer


class InferencePipelineView(APIView):
    """`POST /api/runs/{id}/inference-pipeline/`."""

    @extend_schema(request=DeriveRequestSerializer, responses={201: DerivedPipelineSerializer})
    def post(self, request, pk: int):
        body = DeriveRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        derived = services.derive_pipeline(request.user, pk, **body.validated_data)
        return Response(DerivedPipelineSerializer(derived).data, status=201)
