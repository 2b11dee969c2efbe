"""Datastore and dataset HTTP API: parse, call one service, serialize."""

import json

from django.conf import settings
from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.artifacts.serializers import PreviewSerializer, ProfileSerializer
from designer.errors import InvalidInput
from designer.pagination import page_response, paged
from designer.query_params import whole_number

from .errors import TooLarge, bytes_text
from .serializers import (
    BrowseSerializer,
    DatasetDetailSerializer,
    DatasetRegisterSerializer,
    DatasetSerializer,
    DatasetUpdateSerializer,
    DatasetUploadSerializer,
    DatasetVersionSerializer,
    DatastoreCreateSerializer,
    DatastoreSerializer,
    DatastoreUpdateSerializer,
    FilePreviewSerializer,
    RegisteredDatasetVersionSerializer,
)
from .services import datasets, datastores, registering

PAGE_PARAMETERS = [OpenApiParameter("cursor", str), OpenApiParameter("limit", int)]
# Room for the multipart envelope and the small form fields around the file itself.
ENVELOPE_BYTES = 64 * 1024
PREVIEW_DEFAULT = 100


class DatastoreListView(APIView):
    @extend_schema(
        operation_id="datastores_list",
        parameters=PAGE_PARAMETERS,
        responses=paged(DatastoreSerializer),
    )
    def get(self, request):
        return page_response(request, datastores.list_datastores(request.user), DatastoreSerializer)

    @extend_schema(request=DatastoreCreateSerializer, responses={201: DatastoreSerializer})
    def post(self, request):
        body = DatastoreCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        datastore = datastores.create_datastore(request.user, **body.validated_data)
        return Response(DatastoreSerializer(datastore).data, status=201)


class DatastoreDetailView(APIView):
    @extend_schema(responses=DatastoreSerializer)
    def get(self, request, name: str):
        return Response(DatastoreSerializer(datastores.get_datastore(request.user, name)).data)

    @extend_schema(request=DatastoreUpdateSerializer, responses=DatastoreSerializer)
    def patch(self, request, name: str):
        body = DatastoreUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        unknown = {"name", "kind"} & set(request.data)
        values = {**body.validated_data, **{k: request.data[k] for k in unknown}}
        datastore = datastores.update_datastore(request.user, name, **values)
        return Response(DatastoreSerializer(datastore).data)

    @extend_schema(responses={204: None})
    def delete(self, request, name: str):
        datastores.delete_datastore(request.user, name)
        return Response(status=204)


class DatastoreBrowseView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("path", str), OpenApiParameter("cursor", str)],
        responses=BrowseSerializer,
    )
    def get(self, request, name: str):
        listing = datastores.browse(
            request.user,
            name,
            request.query_params.get("path", ""),
            request.query_params.get("cursor"),
        )
        return Response(BrowseSerializer(listing).data)


class DatastorePreviewView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("path", str, required=True)],
        responses=FilePreviewSerializer,
    )
    def get(self, request, name: str):
        preview = datastores.preview_file(request.user, name, request.query_params.get("path"))
        return Response(FilePreviewSerializer(preview).data)


class DatasetListView(APIView):
    @extend_schema(
        operation_id="datasets_list",
        parameters=[OpenApiParameter("search", str), *PAGE_PARAMETERS],
        responses=paged(DatasetSerializer),
    )
    def get(self, request):
        found = datasets.list_datasets(request.user, request.query_params.get("search", ""))
        return page_response(request, found, DatasetSerializer)

    @extend_schema(
        request={
            "multipart/form-data": DatasetUploadSerializer,
            "application/json": DatasetRegisterSerializer,
        },
        responses={
            201: RegisteredDatasetVersionSerializer,
            200: RegisteredDatasetVersionSerializer,
        },
        description="Register a new version: upload a file (multipart), or name a datastore "
        "file or a run's output (JSON). The same content as the newest version answers 200 "
        "with that version; nothing new is made.",
    )
    def post(self, request):
        if request.content_type.startswith("multipart/"):
            version, created = self._upload(request)
        else:
            body = DatasetRegisterSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            version, created = _register(request.user, body.validated_data)
        return Response(
            RegisteredDatasetVersionSerializer(version).data, status=201 if created else 200
        )

    def _upload(self, request):
        # Before the body is parsed: a request far past the limit is refused unread.
        limit = settings.DESIGNER_DATASET_MAX_BYTES
        length = request.META.get("CONTENT_LENGTH") or ""
        if length.isdigit() and int(length) > limit + ENVELOPE_BYTES:
            raise TooLarge(
                f"The upload is {bytes_text(int(length))}, larger than this server's dataset "
                f"limit of {bytes_text(limit)} (DESIGNER_DATASET_MAX_BYTES)."
            )
        body = DatasetUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        return registering.register_upload(
            request.user,
            values["name"],
            values["file"],
            values.get("description"),
            _form_tags(values.get("tags")),
            values.get("workspace"),
        )


def _register(actor, values: dict):
    extra = {
        "description": values.get("description"),
        "tags": values.get("tags"),
        "workspace": values.get("workspace"),
    }
    if "datastore" in values:
        return registering.register_from_datastore(
            actor, values["name"], values["datastore"], values["path"], **extra
        )
    return registering.register_from_run(
        actor, values["name"], values["run"], values["node"], values["port"], **extra
    )


def _form_tags(text: str | None):
    """A form's tags: a JSON list, or comma-separated text."""
    if text is None or not text.strip().startswith("["):
        return text
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InvalidInput("tags: not a JSON list of strings.", code="bad_tags") from exc


class DatasetDetailView(APIView):
    @extend_schema(responses=DatasetDetailSerializer)
    def get(self, request, name: str):
        return _detail(datasets.get_dataset(request.user, name))

    @extend_schema(request=DatasetUpdateSerializer, responses=DatasetDetailSerializer)
    def patch(self, request, name: str):
        body = DatasetUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        datasets.update_dataset(request.user, name, **body.validated_data)
        return _detail(datasets.get_dataset(request.user, name))

    @extend_schema(responses={204: None})
    def delete(self, request, name: str):
        datasets.delete_dataset(request.user, name)
        return Response(status=204)


def _detail(dataset) -> Response:
    context = {"versions": datasets.versions_of(dataset)}
    return Response(DatasetDetailSerializer(dataset, context=context).data)


class DatasetVersionView(APIView):
    @extend_schema(responses=DatasetVersionSerializer)
    def get(self, request, name: str, version: int):
        found = datasets.get_version(request.user, name, version)
        return Response(DatasetVersionSerializer(found).data)


class DatasetVersionPreviewView(APIView):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=PreviewSerializer)
    def get(self, request, name: str, version: int):
        raw = request.query_params.get("limit")
        limit = whole_number(raw, "limit", 1, 1000) if raw else PREVIEW_DEFAULT
        return Response(datasets.preview_version(request.user, name, version, limit))


class DatasetVersionProfileView(APIView):
    @extend_schema(responses=ProfileSerializer)
    def get(self, request, name: str, version: int):
        return Response(datasets.profile_version(request.user, name, version))


class _IgnoreFormat(DefaultContentNegotiation):
    """`?format=csv` picks the file's format here, not a DRF renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class DatasetVersionDownloadView(APIView):
    content_negotiation_class = _IgnoreFormat

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=list(datasets.DOWNLOAD_FORMATS))],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, name: str, version: int):
        content, filename = datasets.download_version(
            request.user, name, version, request.query_params.get("format", "")
        )
        return FileResponse(content, as_attachment=True, filename=filename)
