"""Compute target endpoints."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .serializers import ComputeTargetSerializer, ComputeTargetStatusSerializer


def _status(name: str) -> dict:
    return next(t for t in services.describe_targets() if t["name"] == name)


class ComputeListView(APIView):
    @extend_schema(responses=ComputeTargetStatusSerializer(many=True))
    def get(self, request):
        return Response(ComputeTargetStatusSerializer(services.describe_targets(), many=True).data)

    @extend_schema(request=ComputeTargetSerializer, responses={201: ComputeTargetStatusSerializer})
    def post(self, request):
        body = ComputeTargetSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values["resources"] = services.validate_resources(values.get("resources", {}))
        target = services.create_target(**values)
        return Response(ComputeTargetStatusSerializer(_status(target.name)).data, status=201)


class ComputeDetailView(APIView):
    @extend_schema(responses=ComputeTargetStatusSerializer)
    def get(self, request, name: str):
        services.get_target(name)
        return Response(ComputeTargetStatusSerializer(_status(name)).data)

    @extend_schema(request=ComputeTargetSerializer, responses=ComputeTargetStatusSerializer)
    def patch(self, request, name: str):
        body = ComputeTargetSerializer(services.get_target(name), data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values.pop("name", None)
        if "resources" in values:
            values["resources"] = services.validate_resources(values["resources"])
        services.update_target(name, **values)
        return Response(ComputeTargetStatusSerializer(_status(name)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, name: str):
        services.delete_target(name)
        return Response(status=204)
