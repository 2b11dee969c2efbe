"""JSON shapes of pipelines."""

from rest_framework import serializers

from .models import Pipeline


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
