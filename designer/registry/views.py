"""Registry HTTP endpoints: list, look up, register, yank."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.kernel.ports import PORT_TYPES
from designer.pagination import ARRAY_PAGE_PARAMETERS, array_response, list_page

from . import services
from .serializers import (
    CategorySerializer,
    ComponentDetailSerializer,
    ComponentSerializer,
    RegisterSerializer,
    StatusSerializer,
)

TRUTHY = {"1", "true", "yes", "on"}


def _versions_context(actor) -> dict:
    return {"versions": services.versions_by_name(), "actor": actor}


class ComponentListView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str),
            OpenApiParameter("category", str),
            OpenApiParameter("subcategory", str, description="A group within the category"),
            OpenApiParameter("port_type", str, enum=list(PORT_TYPES)),
            OpenApiParameter("direction", str, enum=["in", "out"]),
            OpenApiParameter(
                "include_yanked", bool, description="Also consider yanked versions (1)"
            ),
            *ARRAY_PAGE_PARAMETERS,
        ],
        responses=ComponentSerializer(many=True),
        description="A page of components (the latest version of each, yanked versions left "
        "out unless `include_yanked`), best match first with `search`; the next page's cursor "
        "is in `X-Next-Cursor` and `Link`.",
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
            include_yanked=params.get("include_yanked", "").strip().lower() in TRUTHY,
        )
        page = list_page(request, found, _name, "components")
        data = ComponentSerializer(
            page.rows, many=True, context=_versions_context(request.user)
        ).data
        return array_response(request, data, page)

    @extend_schema(request=RegisterSerializer, responses={201: ComponentDetailSerializer})
    def post(self, request):
        upload = RegisterSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        component, created = services.register_archive(
            request.user,
            upload.validated_data["archive"].read(),
            upload.validated_data.get("workspace"),
        )
        data = ComponentDetailSerializer(component, context=_versions_context(request.user)).data
        return Response(data, status=201 if created else 200)


class CategoryListView(APIView):
    @extend_schema(parameters=ARRAY_PAGE_PARAMETERS, responses=CategorySerializer(many=True))
    def get(self, request):
        page = list_page(request, services.categories(request.user), _category, "categories")
        return array_response(request, page.rows, page)


def _name(component) -> str:
    return component.name


def _category(row: dict) -> str:
    return row["name"]


class ComponentDetailView(APIView):
    @extend_schema(
        responses=ComponentDetailSerializer,
        description="The latest version: the newest one not yanked (400 when all are).",
    )
    def get(self, request, name: str):
        latest = services.latest(request.user, name)
        return Response(
            ComponentDetailSerializer(latest, context=_versions_context(request.user)).data
        )


class ComponentVersionView(APIView):
    @extend_schema(responses=ComponentDetailSerializer)
    def get(self, request, name: str, version: str):
        component = services.get_component(request.user, name, version)
        return Response(
            ComponentDetailSerializer(component, context=_versions_context(request.user)).data
        )

    @extend_schema(
        request=StatusSerializer,
        responses=ComponentDetailSerializer,
        description="Yank or deprecate this version, or take that back, with a reason. A yanked "
        "version stays readable and keeps working where it is pinned.",
    )
    def patch(self, request, name: str, version: str):
        body = StatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        component = services.set_status(request.user, name, version, **body.validated_data)
        return Response(
            ComponentDetailSerializer(component, context=_versions_context(request.user)).data
        )
