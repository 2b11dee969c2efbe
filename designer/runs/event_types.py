"""The exact shape of every message the live streams send, and the check that holds them to it.

`ws/runs/{id}/` sends a `snapshot`, then numbered `node`, `log`, `metric`, `progress` and `run`
events; `ws/runs/` sends each run's new summary. The serializers here are the one definition:
the OpenAPI schema publishes them as components (`add_event_components`, a schema hook) so the
frontend's types are generated from them, and `check_event` holds every recorded event to them.

`check` is strict (an unknown field, a missing one or a wrong type is refused) and cheap: it
walks the serializer's fields once per message with plain isinstance tests, because a log flood
records thousands of events and DRF validation would cost far more than the insert.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from .serializers import (
    LOG_STREAMS,
    NodeStateSerializer,
    RunSerializer,
    RunStateSerializer,
    RunSummarySerializer,
)

log = logging.getLogger(__name__)


class InvalidEvent(ValueError):
    """An event that does not have the shape its type declares."""


@cache
def _constant_field(value: str) -> type[serializers.ChoiceField]:
    @extend_schema_field({"type": "string", "enum": [value]})
    class Constant(serializers.ChoiceField):
        pass

    return Constant


def constant(value: str) -> serializers.ChoiceField:
    """A field that only ever holds `value`: the schema says so, and TypeScript gets a literal."""
    return _constant_field(value)(choices=[value])


class _Numbered(serializers.Serializer):
    seq = serializers.IntegerField(help_text="Strictly increasing per run")


class SnapshotEventSerializer(_Numbered):
    type = constant("snapshot")
    run = RunSerializer()


class NodeEventSerializer(_Numbered, NodeStateSerializer):
    type = constant("node")
    metrics = serializers.DictField(
        child=serializers.FloatField(),
        required=False,
        help_text="Only when the node became reused: its origin's metrics (name: latest value)",
    )


class LogEventSerializer(_Numbered):
    type = constant("log")
    node = serializers.CharField()
    stream = serializers.ChoiceField(choices=LOG_STREAMS)
    line = serializers.CharField(allow_blank=True, trim_whitespace=False)


class MetricEventSerializer(_Numbered):
    type = constant("metric")
    node = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField()
    step = serializers.IntegerField(allow_null=True)


class ProgressEventSerializer(_Numbered):
    type = constant("progress")
    node = serializers.CharField()
    current = serializers.FloatField()
    total = serializers.FloatField()
    label = serializers.CharField(
        required=False, help_text="What is measured when not the step's own work"
    )


class RunEventSerializer(_Numbered, RunStateSerializer):
    type = constant("run")


class RunListMessageSerializer(serializers.Serializer):
    """What `ws/runs/` sends when a run's state changes."""

    type = constant("run")
    run = RunSummarySerializer()


EVENTS: dict[str, type[serializers.Serializer]] = {
    "node": NodeEventSerializer,
    "log": LogEventSerializer,
    "metric": MetricEventSerializer,
    "progress": ProgressEventSerializer,
    "run": RunEventSerializer,
}

RUN_STREAM_MESSAGE = PolymorphicProxySerializer(
    component_name="RunStreamMessage",
    serializers={"snapshot": SnapshotEventSerializer, **EVENTS},
    resource_type_field_name="type",
    many=False,
)


# --- the check -------------------------------------------------------------------------------


def check_event(event: Mapping[str, Any]) -> None:
    """Raise InvalidEvent unless `event` (with its `type` and `seq`) has its type's exact shape."""
    serializer = EVENTS.get(event.get("type"))  # type: ignore[arg-type]
    if serializer is None:
        raise InvalidEvent(f"unknown event type {event.get('type')!r}")
    check(serializer, event, f"{event['type']} event")


def admit_event(event: Mapping[str, Any]) -> None:
    """Hold a run event to its shape on the way out (see `_admit`)."""
    _admit(check_event, event)


def admit_run_summary(summary: Mapping[str, Any]) -> None:
    """Hold a runs-list message to its shape on the way out (see `_admit`)."""
    _admit(
        lambda message: check(RunListMessageSerializer, message, "runs-list message"),
        {"type": "run", "run": summary},
    )


def _admit(checker: Any, message: Mapping[str, Any]) -> None:
    """Refuse a malformed message where that is safe, and never lose one silently where not.

    Strict (DEBUG, or DESIGNER_STRICT_EVENTS, as the tests set it): raise, which also rolls
    back the change the message describes. Otherwise the message is a bug in the code that
    made it, and refusing it would undo a real state change too (a finished node would stay
    running), so it goes out as it is and is reported as an error.
    """
    try:
        checker(message)
    except InvalidEvent:
        if getattr(settings, "DESIGNER_STRICT_EVENTS", settings.DEBUG):
            raise
        log.error("sending a malformed run message %r", message, exc_info=True)


def check(serializer_class: type[serializers.Serializer], data: Any, where: str) -> None:
    """Raise InvalidEvent unless `data` is exactly what `serializer_class` describes."""
    _check_field(_instance(serializer_class), data, where)


@cache
def _instance(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    return serializer_class()


def _check_object(serializer: serializers.Serializer, data: Any, where: str) -> None:
    if not isinstance(data, Mapping):
        raise InvalidEvent(f"{where}: expected an object, got {data!r}")
    fields = serializer.fields
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise InvalidEvent(f"{where}: unknown field {', '.join(map(repr, unknown))}")
    for name, field in fields.items():
        if name in data:
            _check_field(field, data[name], f"{where}.{name}")
        elif field.required:
            raise InvalidEvent(f"{where}: missing field {name!r}")


_SCALARS: tuple[tuple[type[serializers.Field], type | tuple[type, ...], str], ...] = (
    (serializers.BooleanField, bool, "true or false"),
    (serializers.IntegerField, int, "an integer"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.CharField, str, "a string"),
    (serializers.DateTimeField, str, "an ISO 8601 time"),
)


def _check_field(field: serializers.Field, value: Any, where: str) -> None:
    if value is None:
        if not field.allow_null:
            raise InvalidEvent(f"{where}: must not be null")
        return
    if isinstance(field, serializers.Serializer):
        _check_object(field, value, where)
    elif isinstance(field, serializers.ListSerializer | serializers.ListField):
        if not isinstance(value, list):
            raise InvalidEvent(f"{where}: expected a list, got {value!r}")
        for index, item in enumerate(value):
            _check_field(field.child, item, f"{where}[{index}]")
    elif isinstance(field, serializers.DictField):
        if not isinstance(value, Mapping):
            raise InvalidEvent(f"{where}: expected an object, got {value!r}")
        for key, item in value.items():
            _check_field(field.child, item, f"{where}.{key}")
    elif isinstance(field, serializers.ChoiceField):
        if value not in field.choices:
            raise InvalidEvent(f"{where}: {value!r} is not one of {', '.join(field.choices)}")
    else:
        _check_scalar(field, value, where)


def _check_scalar(field: serializers.Field, value: Any, where: str) -> None:
    if isinstance(field, serializers.JSONField) or type(field).__name__ == "_UnvalidatedField":
        return  # any JSON value
    for kind, python_type, words in _SCALARS:
        if isinstance(field, kind):
            # bool is an int in Python, but never a number or an integer in JSON.
            if not isinstance(value, python_type) or (
                kind is not serializers.BooleanField and isinstance(value, bool)
            ):
                raise InvalidEvent(f"{where}: expected {words}, got {value!r}")
            if kind is serializers.DateTimeField:
                _check_time(value, where)
            return
    raise TypeError(f"{where}: the check does not know {type(field).__name__}")


def _check_time(value: str, where: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InvalidEvent(f"{where}: expected an ISO 8601 time, got {value!r}") from None


# --- the schema --------------------------------------------------------------------------------


def add_event_components(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """A drf-spectacular postprocessing hook: publish the stream messages as components.

    Must run before `postprocess_schema_enums`, so the statuses inside become the shared
    RunStatus and NodeStatus enums.
    """
    # Imported here: workers record events but never build the schema.
    from drf_spectacular.openapi import AutoSchema
    from drf_spectacular.settings import spectacular_settings
    from rest_framework.views import APIView

    schema = AutoSchema()
    schema.registry = generator.registry
    schema.method, schema.path, schema.view = "GET", "/ws/runs/", APIView()
    schema.view.request = request
    for serializer in (RUN_STREAM_MESSAGE, RunListMessageSerializer):
        schema.resolve_serializer(serializer, "response")
    result["components"] = generator.registry.build(spectacular_settings.APPEND_COMPONENTS)
    return result
