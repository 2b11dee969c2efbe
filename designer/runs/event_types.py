"""The exact shape of every message the live streams send, and the check that holds them to it.

`ws/runs/{id}/` sends a `snapshot`, then numbered `node`, `log`, `metric`, `progress` and `run`
events; `ws/runs/` sends each run's new summary. The serializers here are the one definition:
the OpenAPI schema publishes them as components (`add_event_components`, a schema hook) so the
frontend's types are generated from them, and `check_event` holds every recorded event to them.

`check` is strict (an unknown field, a missing one or a wrong type is refused) and cheap: each
field's check is worked out once, then every message runs plain isinstance tests, because a log
flood or a big cancel records thousands of events and DRF validation would cost far more than
the insert.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
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
    try:
        _checker(_instance(serializer_class))(data)
    except _Misfit as misfit:
        raise InvalidEvent(f"{where}{''.join(reversed(misfit.path))}: {misfit}") from None


@cache
def _instance(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    return serializer_class()


class _Misfit(Exception):
    """What is wrong, and where: `path` is filled in (innermost first) on the way out, so a
    value that fits costs no text at all."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.path: list[str] = []


Check = Callable[[Any], None]


@cache
def _checker(field: serializers.Field) -> Check:
    """The check of one field's values, worked out once per field: which kind of field it is
    is decided here, not for every value (a 5,000-node cancel checks 5,000 events)."""
    if isinstance(field, serializers.Serializer):
        fits = _object_checker(field)
    elif isinstance(field, serializers.ListSerializer | serializers.ListField):
        fits = _list_checker(field)
    elif isinstance(field, serializers.DictField):
        fits = _dict_checker(field)
    elif isinstance(field, serializers.ChoiceField):
        fits = _choice_checker(field)
    else:
        fits = _scalar_checker(field)
    if field.allow_null:
        return lambda value: None if value is None else fits(value)

    def not_null(value: Any) -> None:
        if value is None:
            raise _Misfit("must not be null")
        fits(value)

    return not_null


def _object_checker(serializer: serializers.Serializer) -> Check:
    fields = [(name, f.required) for name, f in serializer.fields.items()]
    checkers = {name: _checker(f) for name, f in serializer.fields.items()}

    def fits(data: Any) -> None:
        if not isinstance(data, Mapping):
            raise _Misfit(f"expected an object, got {data!r}")
        if not checkers.keys() >= data.keys():
            unknown = sorted(set(data) - set(checkers))
            raise _Misfit(f"unknown field {', '.join(map(repr, unknown))}")
        for name, required in fields:
            if name in data:
                try:
                    checkers[name](data[name])
                except _Misfit as misfit:
                    misfit.path.append(f".{name}")
                    raise
            elif required:
                raise _Misfit(f"missing field {name!r}")

    return fits


def _list_checker(field: serializers.Field) -> Check:
    return _each_checker(_checker(field.child), list, "a list", enumerate, "[{}]")


def _dict_checker(field: serializers.DictField) -> Check:
    return _each_checker(
        _checker(field.child), Mapping, "an object", lambda value: value.items(), ".{}"
    )


def _each_checker(
    item_fits: Check,
    kind: type,
    expected: str,
    entries: Callable[[Any], Iterable[tuple[Any, Any]]],
    where: str,
) -> Check:
    """A container of `kind` whose every item fits; a misfit names the item's place."""

    def fits(value: Any) -> None:
        if not isinstance(value, kind):
            raise _Misfit(f"expected {expected}, got {value!r}")
        for place, item in entries(value):
            try:
                item_fits(item)
            except _Misfit as misfit:
                misfit.path.append(where.format(place))
                raise

    return fits


def _choice_checker(field: serializers.ChoiceField) -> Check:
    choices = field.choices

    def fits(value: Any) -> None:
        if value not in choices:
            raise _Misfit(f"{value!r} is not one of {', '.join(choices)}")

    return fits


_SCALARS: tuple[tuple[type[serializers.Field], type | tuple[type, ...], str], ...] = (
    (serializers.BooleanField, bool, "true or false"),
    (serializers.IntegerField, int, "an integer"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.CharField, str, "a string"),
    (serializers.DateTimeField, str, "an ISO 8601 time"),
)


def _scalar_checker(field: serializers.Field) -> Check:
    if isinstance(field, serializers.JSONField) or type(field).__name__ == "_UnvalidatedField":
        return lambda value: None  # any JSON value
    for kind, python_type, words in _SCALARS:
        if isinstance(field, kind):
            # bool is an int in Python, but never a number or an integer in JSON.
            no_bool = kind is not serializers.BooleanField
            return _typed(python_type, words, no_bool, kind is serializers.DateTimeField)
    name = type(field).__name__

    def unknown(value: Any) -> None:
        raise TypeError(f"the check does not know {name}")

    return unknown


def _typed(python_type: type | tuple[type, ...], words: str, no_bool: bool, is_time: bool) -> Check:
    def fits(value: Any) -> None:
        if not isinstance(value, python_type) or (no_bool and isinstance(value, bool)):
            raise _Misfit(f"expected {words}, got {value!r}")
        if is_time:
            try:
                datetime.fromisoformat(value)
            except ValueError:
                raise _Misfit(f"expected an ISO 8601 time, got {value!r}") from None

    return fits


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
