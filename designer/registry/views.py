"""Registry HTTP endpoints: list, look up, register."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.kernel.ports import PORT_TYPES

from . import services
from .serializers import (
    CategorySerializer,
    ComponentDetailSerializer,
    ComponentSerializer,
    RegisterSerializer,
)


def _versions_context() -> dict:
    return {"versions": services.versions_by_name()}


class ComponentListView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str),
            OpenApiParameter("category", str),
            OpenApiParameter("subcategory", str, description="A group within the category"),
            OpenApiParameter("port_type", str, enum=list(PORT_TYPES)),
            OpenApiParameter("direction", str, enum=["in", "out"]),
        ],
        responses=ComponentSerializer(many=True),
    )
    def get(self, request):
        params = request.query_params
        found = services.latest_components(
            request.user,
            search=params.get("search", "").strip(),
            category=params.get("category", "").strip(),
            port_type=params.get("port_type", "").strip(),
            direction=params.get("direction", "").strip(),
            subcategory=params.get("subcategory", "").strip(),
        )
        return Response(ComponentSerializer(found, many=True, context=_versions_context()).data)

    @extend_schema(request=RegisterSerializer, responses={201: ComponentDetailSerializer})
    def post(self, request):
        upload = RegisterSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        component, created = services.register_archive(
            request.user, upload.validated_data["archive"].read()
        )
        data = ComponentDetailSerializer(component, context=_versions_context()).data
        return Response(data, status=201 if created else 200)


class CategoryListView(APIView):
    @extend_schema(responses=CategorySerializer(many=True))
    def get(self, request):
        return Response(services.categories(request.user))


class ComponentDetailView(APIView):
    @extend_schema(responses=ComponentDetailSerializer)
    def get(self, request, name: str):
        latest = services.versions_of(request.user, name)[0]
        return Response(ComponentDetailSerializer(latest, context=_versions_context()).data)


class ComponentVersionView(APIView):
    @extend_schema(responses=ComponentDetailSerializer)
    def get(self, request, name: str, version: str):
        component = services.get_component(request.user, name, version)
        return Response(ComponentDetailSerializer(component, context=_versions_context()).data)
