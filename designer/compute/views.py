"""Compute target endpoints."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.pagination import ARRAY_PAGE_PARAMETERS, array_response, list_page

from . import services
from .serializers import ComputeTargetSerializer, ComputeTargetStatusSerializer


def _status(actor, name: str) -> dict:
    return next(t for t in services.describe_targets(actor) if t["name"] == name)


def _name(target: dict) -> str:
    return target["name"]


class ComputeListView(APIView):
    @extend_schema(
        parameters=ARRAY_PAGE_PARAMETERS, responses=ComputeTargetStatusSerializer(many=True)
    )
    def get(self, request):
        page = list_page(request, services.describe_targets(request.user), _name, "compute")
        return array_response(
            request, ComputeTargetStatusSerializer(page.rows, many=True).data, page
        )

    @extend_schema(request=ComputeTargetSerializer, responses={201: ComputeTargetStatusSerializer})
    def post(self, request):
        body = ComputeTargetSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        target = services.create_target(request.user, **values)
        return Response(
            ComputeTargetStatusSerializer(_status(request.user, target.name)).data, status=201
        )


class ComputeDetailView(APIView):
    @extend_schema(responses=ComputeTargetStatusSerializer)
    def get(self, request, name: str):
        services.get_target(request.user, name)
        return Response(ComputeTargetStatusSerializer(_status(request.user, name)).data)

    @extend_schema(request=ComputeTargetSerializer, responses=ComputeTargetStatusSerializer)
    def patch(self, request, name: str):
        body = ComputeTargetSerializer(
            services.get_target(request.user, name), data=request.data, partial=True
        )
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values.pop("name", None)
        services.update_target(request.user, name, **values)
        return Response(ComputeTargetStatusSerializer(_status(request.user, name)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, name: str):
        services.delete_target(request.user, name)
        return Response(status=204)
