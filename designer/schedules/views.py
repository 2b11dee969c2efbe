"""Schedule and data trigger HTTP API: list, create, inspect, change, delete, run now."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.pagination import page_response, paged

from .serializers import (
    RunNowSerializer,
    ScheduleInputSerializer,
    ScheduleSerializer,
    TriggerInputSerializer,
    TriggerSerializer,
)
from .services import schedules, triggers

LIST_PARAMETERS = [
    OpenApiParameter("cursor", str),
    OpenApiParameter("limit", int),
    OpenApiParameter("endpoint", str, description="Only those that call this endpoint."),
]


def _body(serializer_class, request, partial: bool = False) -> dict:
    body = serializer_class(data=request.data, partial=partial)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class ScheduleListView(APIView):
    @extend_schema(
        operation_id="schedules_list",
        parameters=LIST_PARAMETERS,
        responses=paged(ScheduleSerializer),
    )
    def get(self, request):
        found = schedules.list_schedules(request.user, request.query_params.get("endpoint"))
        return page_response(request, found, ScheduleSerializer)

    @extend_schema(request=ScheduleInputSerializer, responses={201: ScheduleSerializer})
    def post(self, request):
        schedule = schedules.create_schedule(
            request.user, **_body(ScheduleInputSerializer, request)
        )
        return Response(ScheduleSerializer(schedule).data, status=201)


class ScheduleDetailView(APIView):
    @extend_schema(responses=ScheduleSerializer)
    def get(self, request, pk: int):
        return Response(ScheduleSerializer(schedules.get_schedule(request.user, pk)).data)

    @extend_schema(request=ScheduleInputSerializer, responses=ScheduleSerializer)
    def patch(self, request, pk: int):
        values = _body(ScheduleInputSerializer, request, partial=True)
        schedule = schedules.update_schedule(request.user, pk, **values)
        return Response(ScheduleSerializer(schedule).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        schedules.delete_schedule(request.user, pk)
        return Response(status=204)


class ScheduleRunNowView(APIView):
    @extend_schema(request=None, responses={201: RunNowSerializer})
    def post(self, request, pk: int):
        run = schedules.run_now(request.user, pk)
        return Response(RunNowSerializer({"run_id": run.pk}).data, status=201)


class TriggerListView(APIView):
    @extend_schema(
        operation_id="triggers_list",
        parameters=LIST_PARAMETERS,
        responses=paged(TriggerSerializer),
    )
    def get(self, request):
        found = triggers.list_triggers(request.user, request.query_params.get("endpoint"))
        return page_response(request, found, TriggerSerializer)

    @extend_schema(request=TriggerInputSerializer, responses={201: TriggerSerializer})
    def post(self, request):
        trigger = triggers.create_trigger(request.user, **_body(TriggerInputSerializer, request))
        return Response(TriggerSerializer(trigger).data, status=201)


class TriggerDetailView(APIView):
    @extend_schema(responses=TriggerSerializer)
    def get(self, request, pk: int):
        return Response(TriggerSerializer(triggers.get_trigger(request.user, pk)).data)

    @extend_schema(request=TriggerInputSerializer, responses=TriggerSerializer)
    def patch(self, request, pk: int):
        values = _body(TriggerInputSerializer, request, partial=True)
        trigger = triggers.update_trigger(request.user, pk, **values)
        return Response(TriggerSerializer(trigger).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        triggers.delete_trigger(request.user, pk)
        return Response(status=204)
