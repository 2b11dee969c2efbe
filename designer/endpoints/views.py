"""Endpoint HTTP API: publish, list, inspect, change, and call."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.pagination import page_response, paged

from . import services
from .serializers import (
    EndpointRunRequestSerializer,
    EndpointRunSerializer,
    EndpointSerializer,
    EndpointUpdateSerializer,
    PublishedSerializer,
    PublishSerializer,
)

PAGE_PARAMETERS = [OpenApiParameter("cursor", str), OpenApiParameter("limit", int)]


class PublishView(APIView):
    @extend_schema(request=PublishSerializer, responses={201: PublishedSerializer})
    def post(self, request, pk: int):
        body = PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.publish(
            request.user,
            pk,
            body.validated_data["endpoint"],
            body.validated_data.get("description", ""),
        )
        endpoint = version.endpoint  # the row publish locked and updated
        data = {
            "endpoint": endpoint.name,
            "workspace": endpoint.workspace.name,
            "version": version.number,
            "default_version": endpoint.default_version.number
            if endpoint.default_version
            else None,
            "pipeline_version": version.pipeline_version.number,
        }
        return Response(PublishedSerializer(data).data, status=201)


class EndpointListView(APIView):
    @extend_schema(
        operation_id="endpoints_list",
        parameters=PAGE_PARAMETERS,
        responses=paged(EndpointSerializer),
    )
    def get(self, request):
        return page_response(request, services.list_endpoints(request.user), EndpointSerializer)


class EndpointDetailView(APIView):
    @extend_schema(responses=EndpointSerializer)
    def get(self, request, name: str):
        return Response(EndpointSerializer(services.get_endpoint(request.user, name)).data)

    @extend_schema(request=EndpointUpdateSerializer, responses=EndpointSerializer)
    def patch(self, request, name: str):
        body = EndpointUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        endpoint = services.update_endpoint(request.user, name, **body.validated_data)
        return Response(EndpointSerializer(endpoint).data)


class EndpointRunView(APIView):
    """`POST /api/endpoints/{name}/runs/` (default version) and `.../versions/{v}/runs/`."""

    # A token scoped to this endpoint may call it (and nothing else).
    required_scope = "endpoint:run:{name}"

    @extend_schema(request=EndpointRunRequestSerializer, responses={201: EndpointRunSerializer})
    def post(self, request, name: str, version: int | None = None):
        body = EndpointRunRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = services.run_endpoint(request.user, name, version, **body.validated_data)
        data = {
            "run_id": run.pk,
            "status": run.status,
            "url": request.build_absolute_uri(f"/runs/{run.pk}"),
            "status_url": request.build_absolute_uri(f"/api/runs/{run.pk}/"),
            "endpoint": name,
            "version": run.trigger.get("version"),
        }
        return Response(EndpointRunSerializer(data).data, status=201)
