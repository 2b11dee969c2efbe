"""JSON shapes of schedules and data triggers: what the API answers and what it accepts.

Inputs are checked for shape here; the timing, the endpoint, the version, the parameters and the
folder are checked by the services, whose errors name the field.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .choices import CATCH_UP_CHOICES, FREQUENCY_CHOICES
from .models import Schedule, Trigger


class RecurrenceSerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=FREQUENCY_CHOICES)
    interval = serializers.IntegerField(min_value=1, required=False, default=1)
    hours = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=23), allow_null=True, required=False
    )
    minutes = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=59), allow_null=True, required=False
    )
    week_days = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        required=False,
        help_text="Day names, Monday…Sunday (or Mon…Sun); only with frequency week.",
    )


class LastFireSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    run_id = serializers.IntegerField(allow_null=True)
    skipped_reason = serializers.CharField(
        allow_null=True, help_text="Why this tick, or ticks missed before it, did not run."
    )


def _last_fire(owner: Schedule | Trigger) -> dict | None:
    if owner.last_fire_at is None:
        return None
    return {
        "at": owner.last_fire_at,
        "run_id": owner.last_fire_run_id,
        "skipped_reason": owner.last_fire_skipped_reason or None,
    }


class ScheduleSerializer(serializers.ModelSerializer):
    endpoint = serializers.CharField(source="endpoint.name")
    workspace = serializers.CharField(
        source="endpoint.workspace.name", help_text="Its endpoint's workspace."
    )
    recurrence = RecurrenceSerializer(allow_null=True)
    catch_up = serializers.ChoiceField(choices=CATCH_UP_CHOICES)
    parameters = serializers.DictField(child=serializers.JSONField())
    last_fire = serializers.SerializerMethodField()

    class Meta:
        model = Schedule
        fields = [
            "id",
            "name",
            "endpoint",
            "workspace",
            "version",
            "cron",
            "recurrence",
            "time_zone",
            "start_at",
            "end_at",
            "parameters",
            "experiment",
            "catch_up",
            "max_catch_up",
            "max_concurrent",
            "paused",
            "next_fire_at",
            "last_fire",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(LastFireSerializer(allow_null=True))
    def get_last_fire(self, obj: Schedule) -> dict | None:
        return _last_fire(obj)


class ScheduleInputSerializer(serializers.Serializer):
    """A new schedule (POST), or the fields to change (PATCH). Give cron or recurrence."""

    name = serializers.CharField(max_length=64)
    endpoint = serializers.CharField(max_length=64)
    version = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    cron = serializers.CharField(max_length=200, allow_null=True, required=False)
    recurrence = RecurrenceSerializer(allow_null=True, required=False)
    time_zone = serializers.CharField(max_length=64, required=False)
    start_at = serializers.DateTimeField(allow_null=True, required=False)
    end_at = serializers.DateTimeField(allow_null=True, required=False)
    parameters = serializers.DictField(child=serializers.JSONField(), required=False)
    experiment = serializers.CharField(max_length=200, allow_blank=True, required=False)
    catch_up = serializers.ChoiceField(choices=CATCH_UP_CHOICES, required=False)
    max_catch_up = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    max_concurrent = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    paused = serializers.BooleanField(required=False)


class RunNowSerializer(serializers.Serializer):
    run_id = serializers.IntegerField()


class TriggerSerializer(serializers.ModelSerializer):
    endpoint = serializers.CharField(source="endpoint.name")
    workspace = serializers.CharField(
        source="endpoint.workspace.name", help_text="Its endpoint's workspace."
    )
    datastore = serializers.CharField(allow_null=True)
    parameters = serializers.DictField(child=serializers.JSONField())
    last_fire = serializers.SerializerMethodField()

    class Meta:
        model = Trigger
        fields = [
            "id",
            "name",
            "endpoint",
            "workspace",
            "version",
            "datastore",
            "path",
            "glob",
            "recursive",
            "debounce_seconds",
            "paths_parameter",
            "parameters",
            "experiment",
            "paused",
            "last_fire",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(LastFireSerializer(allow_null=True))
    def get_last_fire(self, obj: Trigger) -> dict | None:
        return _last_fire(obj)


class TriggerInputSerializer(serializers.Serializer):
    """A new data trigger (POST), or the fields to change (PATCH)."""

    name = serializers.CharField(max_length=64)
    endpoint = serializers.CharField(max_length=64)
    version = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    datastore = serializers.CharField(
        allow_null=True, required=False, help_text="Reserved for datastores; null for now."
    )
    path = serializers.CharField(
        max_length=1000, help_text="A folder inside one of the data roots (DESIGNER_DATA_ROOTS)."
    )
    glob = serializers.CharField(max_length=200, required=False)
    recursive = serializers.BooleanField(required=False)
    debounce_seconds = serializers.IntegerField(min_value=0, required=False)
    paths_parameter = serializers.CharField(
        max_length=200,
        help_text="The string pipeline parameter that receives the changed paths, as JSON.",
    )
    parameters = serializers.DictField(child=serializers.JSONField(), required=False)
    experiment = serializers.CharField(max_length=200, allow_blank=True, required=False)
    paused = serializers.BooleanField(required=False)
