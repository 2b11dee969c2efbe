"""JSON shapes of pipelines."""

from rest_framework import serializers

from .models import Pipeline, PipelineVersion


class PipelineSerializer(serializers.ModelSerializer):
    graph = serializers.JSONField(required=False)
    parameters = serializers.JSONField(required=False)
    revision = serializers.IntegerField(required=False)

    class Meta:
        model = Pipeline
        fields = [
            "id",
            "name",
            "description",
            "graph",
            "parameters",
            "default_compute",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class PipelineSummarySerializer(serializers.ModelSerializer):
    node_count = serializers.SerializerMethodField()

    class Meta:
        model = Pipeline
        fields = ["id", "name", "description", "revision", "node_count", "created_at", "updated_at"]

    def get_node_count(self, obj: Pipeline) -> int:
        return len((obj.graph or {}).get("nodes") or [])


class ValidateRequestSerializer(serializers.Serializer):
    graph = serializers.JSONField(required=False)
    parameters = serializers.JSONField(required=False)


class IssueSerializer(serializers.Serializer):
    node = serializers.CharField(allow_null=True)
    port = serializers.CharField(allow_null=True)
    param = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField()


class ValidationResultSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    errors = IssueSerializer(many=True)


class CloneRequestSerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False, max_length=200, help_text='Defaults to "Copy of <name>"'
    )


class ImportRequestSerializer(serializers.Serializer):
    yaml = serializers.CharField(trim_whitespace=False, help_text="The pipeline file's text")


class ColumnSerializer(serializers.Serializer):
    name = serializers.CharField()
    dtype = serializers.CharField(help_text="Arrow type name, e.g. double, int64, large_string")


class PortSchemaSerializer(serializers.Serializer):
    columns = ColumnSerializer(many=True, allow_null=True)
    source = serializers.ChoiceField(
        choices=["run", "rule", "unknown"],
        help_text="run: the last run's output; rule: the component's schema rule; "
        "unknown: not known before running",
    )


class NodeSchemasSerializer(serializers.Serializer):
    inputs = serializers.DictField(child=PortSchemaSerializer())
    outputs = serializers.DictField(child=PortSchemaSerializer())


class SchemasResultSerializer(serializers.Serializer):
    nodes = serializers.DictField(child=NodeSchemasSerializer())


class PipelineVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(
        source="created_by.username", allow_null=True, read_only=True, default=None
    )

    class Meta:
        model = PipelineVersion
        fields = [
            "number",
            "digest",
            "graph",
            "parameters",
            "default_compute",
            "created_at",
            "created_by",
        ]
