"""Model registry HTTP API: register, list, inspect, change, alias, download, and lineage."""

from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.pagination import page_response, paged

from . import lineage
from .serializers import (
    AliasRequestSerializer,
    AliasSerializer,
    ChangeSerializer,
    LineageSerializer,
    ModelVersionSerializer,
    RegisteredModelDetailSerializer,
    RegisteredModelSerializer,
    RegisteredModelVersionSerializer,
    RegisterFromRunSerializer,
    RegisterUploadSerializer,
)
from .services import registration, registry
from .services.export import export_version

LIST_PARAMETERS = [
    OpenApiParameter("search", str, description="Part of a name or description"),
    OpenApiParameter("cursor", str),
    OpenApiParameter("limit", int),
]


class ModelListView(APIView):
    @extend_schema(
        operation_id="models_list",
        parameters=LIST_PARAMETERS,
        responses=paged(RegisteredModelSerializer),
    )
    def get(self, request):
        models = registry.list_models(request.user, request.query_params.get("search", ""))
        return page_response(request, models, RegisteredModelSerializer)

    @extend_schema(
        request={
            "application/json": RegisterFromRunSerializer,
            "multipart/form-data": RegisterUploadSerializer,
        },
        responses={201: RegisteredModelVersionSerializer},
        description="Register the next version of a model: JSON names a run's node output; "
        "multipart uploads a pickled model (refused with 413 over DESIGNER_MODEL_MAX_BYTES).",
    )
    def post(self, request):
        if request.content_type.startswith("multipart/"):
            version = self._upload(request)
        else:
            version = self._from_run(request)
        return Response(RegisteredModelVersionSerializer(version).data, status=201)

    def _from_run(self, request):
        body = RegisterFromRunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        return registration.register_from_run(
            request.user,
            values["name"],
            values["run"],
            values["node"],
            port=values["port"],
            description=values.get("description", ""),
            tags=values.get("tags"),
            workspace=values.get("workspace"),
        )

    def _upload(self, request):
        body = RegisterUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        return registration.register_upload(
            request.user,
            values["name"],
            values["file"],
            description=values.get("description", ""),
            tags=values.get("tags"),
            workspace=values.get("workspace"),
        )


class ModelDetailView(APIView):
    @extend_schema(responses=RegisteredModelDetailSerializer)
    def get(self, request, name: str):
        return Response(_detail(request.user, name))

    @extend_schema(request=ChangeSerializer, responses=RegisteredModelDetailSerializer)
    def patch(self, request, name: str):
        body = ChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        registry.update_model(request.user, name, **body.validated_data)
        return Response(_detail(request.user, name))

    @extend_schema(responses={204: None})
    def delete(self, request, name: str):
        registry.delete_model(request.user, name)
        return Response(status=204)


def _detail(actor, name: str) -> dict:
    model = registry.get_model(actor, name)
    context = {"versions": registry.versions_of(model).order_by("-number")}
    return RegisteredModelDetailSerializer(model, context=context).data


class ModelVersionView(APIView):
    @extend_schema(responses=ModelVersionSerializer)
    def get(self, request, name: str, version: int):
        found = registry.get_version(request.user, name, version)
        return Response(ModelVersionSerializer(found).data)

    @extend_schema(request=ChangeSerializer, responses=ModelVersionSerializer)
    def patch(self, request, name: str, version: int):
        body = ChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        found = registry.update_version(request.user, name, version, **body.validated_data)
        return Response(ModelVersionSerializer(found).data)

    @extend_schema(responses={204: None})
    def delete(self, request, name: str, version: int):
        registry.delete_version(request.user, name, version)
        return Response(status=204)


class ModelDownloadView(APIView):
    @extend_schema(
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        description="A zip of an MLflow model directory (MLmodel, model.pkl, code/, "
        "requirements.txt, python_env.yaml, conda.yaml) that mlflow.pyfunc.load_model reads.",
    )
    def get(self, request, name: str, version: int):
        archive, filename = export_version(request.user, name, version)
        return FileResponse(
            archive, as_attachment=True, filename=filename, content_type="application/zip"
        )


class AliasView(APIView):
    @extend_schema(request=AliasRequestSerializer, responses=AliasSerializer)
    def put(self, request, name: str, alias: str):
        body = AliasRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        found = registry.set_alias(request.user, name, alias, body.validated_data["version"])
        return Response({"alias": found.alias, "version": found.version.number})

    @extend_schema(responses={204: None})
    def delete(self, request, name: str, alias: str):
        registry.delete_alias(request.user, name, alias)
        return Response(status=204)


class ModelLineageView(APIView):
    @extend_schema(operation_id="models_version_lineage", responses=LineageSerializer)
    def get(self, request, name: str, version: int):
        return Response(LineageSerializer(lineage.model_lineage(request.user, name, version)).data)


class RunLineageView(APIView):
    @extend_schema(operation_id="runs_lineage", responses=LineageSerializer)
    def get(self, request, pk: int):
        return Response(LineageSerializer(lineage.run_lineage(request.user, pk)).data)


class DatasetLineageView(APIView):
    @extend_schema(operation_id="datasets_version_lineage", responses=LineageSerializer)
    def get(self, request, name: str, version: int):
        graph = lineage.dataset_lineage(request.user, name, version)
        return Response(LineageSerializer(graph).data)
