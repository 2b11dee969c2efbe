"""JSON shapes of endpoints, their versions, publishing and calling."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Endpoint, EndpointVersion


class ParameterSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField()
    default = serializers.JSONField(allow_null=True)
    description = serializers.CharField(allow_blank=True)


class EndpointVersionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="number")
    pipeline = serializers.IntegerField(source="pipeline_version.pipeline_id")
    pipeline_version = serializers.IntegerField(source="pipeline_version.number")
    parameters = serializers.SerializerMethodField()

    class Meta:
        model = EndpointVersion
        fields = [
            "version",
            "pipeline",
            "pipeline_version",
            "description",
            "parameters",
            "created_at",
        ]

    @extend_schema_field(ParameterSerializer(many=True))
    def get_parameters(self, obj: EndpointVersion) -> list[dict]:
        """The pipeline parameters a caller may set, with their types and defaults."""
        definitions = obj.pipeline_version.parameters or {}
        return ParameterSerializer(
            [
                {
                    "name": name,
                    "type": spec.get("type", "string"),
                    "default": spec.get("default"),
                    "description": spec.get("description", ""),
                }
                for name, spec in sorted(definitions.items())
            ],
            many=True,
        ).data


class EndpointSerializer(serializers.ModelSerializer):
    workspace = serializers.CharField(source="workspace.name", read_only=True)
    default_version = serializers.IntegerField(
        source="default_version.number", allow_null=True, read_only=True
    )
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Endpoint
        fields = [
            "name",
            "workspace",
            "description",
            "enabled",
            "default_version",
            "versions",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(EndpointVersionSerializer(many=True))
    def get_versions(self, obj: Endpoint) -> list[dict]:
        versions = obj.versions.select_related("pipeline_version").order_by("-number")
        return EndpointVersionSerializer(versions, many=True).data


class EndpointUpdateSerializer(serializers.Serializer):
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    enabled = serializers.BooleanField(required=False)
    default_version = serializers.IntegerField(required=False, min_value=1)


class PublishSerializer(serializers.Serializer):
    endpoint = serializers.CharField(max_length=64)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class PublishedSerializer(serializers.Serializer):
    endpoint = serializers.CharField()
    workspace = serializers.CharField()
    version = serializers.IntegerField()
    default_version = serializers.IntegerField(allow_null=True)
    pipeline_version = serializers.IntegerField()


class EndpointRunRequestSerializer(serializers.Serializer):
    experiment = serializers.CharField(required=False, allow_blank=True, max_length=200)
    parameters = serializers.DictField(required=False, child=serializers.JSONField())
    force_rerun = serializers.BooleanField(required=False, default=False)


class EndpointRunSerializer(serializers.Serializer):
    run_id = serializers.IntegerField()
    status = serializers.CharField()
    # The run in the browser, and its JSON state for scripts to poll.
    url = serializers.CharField()
    status_url = serializers.CharField()
    endpoint = serializers.CharField()
    version = serializers.IntegerField()
