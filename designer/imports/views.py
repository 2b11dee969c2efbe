"""Import and export HTTP endpoints: Azure ML and Kubeflow YAML in, Azure ML YAML out."""

from django.http import HttpResponse
from django.utils.text import slugify
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.registry.services import versions_by_name

from . import services
from .serializers import ImportResultSerializer, ImportUploadSerializer


class ImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: ImportResultSerializer},
        description="Import Azure ML v2 and Kubeflow Pipelines YAML, all files at once: a "
        "refusal (400) names each file and field and creates nothing.",
    )
    def post(self, request):
        incoming = ImportUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = incoming.validated_data
        result = services.import_files(request.user, _uploads(values), values.get("workspace"))
        context = {
            "versions": versions_by_name(),
            "errors": {item.pipeline.pk: item.errors for item in result.pipelines},
        }
        data = ImportResultSerializer(
            {
                "components": result.components,
                "pipelines": [item.pipeline for item in result.pipelines],
                "schedules": result.schedules,
                "notes": [note.to_dict() for note in result.notes],
            },
            context=context,
        ).data
        return Response(data, status=201)


def _uploads(values: dict) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of each file: its `path` when given, else its own name."""
    files = values["file"]
    paths = values.get("path") or []
    if paths and len(paths) != len(files):
        raise services.ImportInvalid(
            f"Give one path for each file: {len(files)} files, {len(paths)} paths.", field="path"
        )
    names = paths or [upload.name for upload in files]
    return [(name, upload.read()) for name, upload in zip(names, files, strict=True)]


class AzureExportView(APIView):
    @extend_schema(
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        description="The pipeline as Azure ML v2 YAML: a zip of pipeline.yml, the command "
        "component YAML (and code) of its user components, and a README.",
    )
    def get(self, request, pk: int):
        pipeline, data = services.export_azureml(request.user, pk)
        filename = f"{slugify(pipeline.name) or f'pipeline-{pipeline.pk}'}.azureml.zip"
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
