"""Inference HTTP API: derive an inference pipeline from a completed run; real-time endpoints.

Token clients' `POST /api/inference/{name}/score` is answered before Django, by
`serving/fast_path.py`; `ScoreView` answers the rest (a browser session trying an endpoint)
with the same serving code, and documents the route.
"""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.accounts.acting import roles_of
from designer.pagination import page_response, paged
from designer.query_params import whole_number

from . import observability, realtime, services
from .sample_request import sample_request
from .serializers import (
    DerivedPipelineSerializer,
    DeriveRequestSerializer,
    RealtimeEndpointCreateSerializer,
    RealtimeEndpointSerializer,
    RealtimeEndpointUpdateSerializer,
    SampleRequestSerializer,
    ScoreRequestSerializer,
    ScoreSerializer,
    ScoringFailureSerializer,
    ScoringStatsSerializer,
)
from .serving.hub import TARGET_HEADER, get_hub

PAGE_PARAMETERS = [OpenApiParameter("cursor", str), OpenApiParameter("limit", int)]


class InferencePipelineView(APIView):
    """`POST /api/runs/{id}/inference-pipeline/`."""

    @extend_schema(request=DeriveRequestSerializer, responses={201: DerivedPipelineSerializer})
    def post(self, request, pk: int):
        body = DeriveRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        derived = services.derive_pipeline(request.user, pk, **body.validated_data)
        return Response(DerivedPipelineSerializer(derived).data, status=201)


class RealtimeEndpointListView(APIView):
    @extend_schema(
        operation_id="inference_endpoints_list",
        parameters=PAGE_PARAMETERS,
        responses=paged(RealtimeEndpointSerializer),
    )
    def get(self, request):
        endpoints = realtime.list_endpoints(request.user)
        return page_response(request, endpoints, RealtimeEndpointSerializer)

    @extend_schema(
        request=RealtimeEndpointCreateSerializer, responses={201: RealtimeEndpointSerializer}
    )
    def post(self, request):
        body = RealtimeEndpointCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        endpoint = realtime.create_endpoint(request.user, **body.validated_data)
        return Response(RealtimeEndpointSerializer(endpoint).data, status=201)


class RealtimeEndpointDetailView(APIView):
    @extend_schema(operation_id="inference_endpoint_retrieve", responses=RealtimeEndpointSerializer)
    def get(self, request, name: str):
        endpoint = realtime.get_endpoint(request.user, name)
        return Response(RealtimeEndpointSerializer(endpoint).data)

    @extend_schema(request=RealtimeEndpointUpdateSerializer, responses=RealtimeEndpointSerializer)
    def patch(self, request, name: str):
        body = RealtimeEndpointUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        endpoint = realtime.update_endpoint(request.user, name, **body.validated_data)
        return Response(RealtimeEndpointSerializer(endpoint).data)

    @extend_schema(responses={204: None})
    def delete(self, request, name: str):
        realtime.delete_endpoint(request.user, name)
        return Response(status=204)


class ScoreView(APIView):
    """`POST /api/inference/{name}/score` for sessions (and any request the fast path left)."""

    required_scope = "inference:score:{name}"

    @extend_schema(
        request=ScoreRequestSerializer,
        responses=ScoreSerializer,
        parameters=[
            OpenApiParameter(
                TARGET_HEADER,
                str,
                location=OpenApiParameter.HEADER,
                required=False,
                description="Score with this deployment, whatever the traffic split",
            )
        ],
    )
    def post(self, request, name: str):
        data = request.data
        roles_of(request.user)  # read here: the hub checks them on its loop, without queries
        hub = get_hub()
        limit = settings.DESIGNER_INFERENCE_START_TIMEOUT + settings.DESIGNER_INFERENCE_TIMEOUT
        answer = hub.call(
            hub.score(name, request.user, lambda: data, request.headers.get(TARGET_HEADER)),
            timeout=limit,
        )
        return Response(answer)


class SampleRequestView(APIView):
    @extend_schema(responses=SampleRequestSerializer)
    def get(self, request, name: str):
        endpoint = realtime.get_endpoint(request.user, name)
        return Response(sample_request(endpoint, request.build_absolute_uri("/")))


class StatsView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("minutes", int, description="How far back (default 60, at most 10080)")
        ],
        responses=ScoringStatsSerializer,
    )
    def get(self, request, name: str):
        raw = request.query_params.get("minutes")
        minutes = 60 if raw in (None, "") else whole_number(raw, "minutes", 1, 10080)
        return Response(
            ScoringStatsSerializer(observability.endpoint_stats(request.user, name, minutes)).data
        )


class FailuresView(APIView):
    @extend_schema(
        operation_id="inference_failures_list",
        parameters=PAGE_PARAMETERS,
        responses=paged(ScoringFailureSerializer),
    )
    def get(self, request, name: str):
        failures = observability.list_failures(request.user, name)
        return page_response(request, failures, ScoringFailureSerializer)
