"""Artifact endpoints: metadata, preview, profile, download."""

from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .serializers import ArtifactSerializer, PreviewSerializer, ProfileSerializer


class ArtifactView(APIView):
    @extend_schema(responses=ArtifactSerializer)
    def get(self, request, pk: int):
        return Response(ArtifactSerializer(services.get_artifact(request.user, pk)).data)


class ArtifactPreviewView(APIView):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=PreviewSerializer)
    def get(self, request, pk: int):
        try:
            limit = int(request.query_params.get("limit", services.PREVIEW_ROWS))
        except ValueError:
            limit = services.PREVIEW_ROWS
        return Response(services.preview(services.get_artifact(request.user, pk), limit))


class ArtifactProfileView(APIView):
    @extend_schema(
        responses=ProfileSerializer,
        description="Per-column statistics of a dataframe artifact (400 for other kinds). "
        "Frames longer than 100 000 rows are profiled on their first rows, with sampled: true.",
    )
    def get(self, request, pk: int):
        return Response(services.profile(services.get_artifact(request.user, pk)))


class ArtifactDownloadView(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        content, filename = services.download(services.get_artifact(request.user, pk))
        return FileResponse(content, as_attachment=True, filename=filename)
