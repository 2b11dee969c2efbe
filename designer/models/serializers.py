"""JSON shapes of registered models, their versions, aliases and lineage graphs."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.query_params import MAX_ID

from .choices import VersionSource
from .models import ModelVersion, RegisteredModel

NEW_WORKSPACE_HELP = (
    "The workspace a new model goes to (a contributor's); by default the request's chosen "
    "workspace, else your default one. A model's later versions stay in its workspace."
)


class InputColumnSerializer(serializers.Serializer):
    name = serializers.CharField()
    dtype = serializers.CharField(allow_null=True)


class DatasetRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.IntegerField()
    digest = serializers.CharField()


class VersionLineageSerializer(serializers.Serializer):
    run = serializers.IntegerField(allow_null=True)
    pipeline = serializers.IntegerField(allow_null=True)
    pipeline_version = serializers.IntegerField(allow_null=True)
    node = serializers.CharField(allow_null=True)
    port = serializers.CharField(allow_null=True)
    datasets = DatasetRefSerializer(many=True)


class ModelVersionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="number")
    tags = serializers.ListField(child=serializers.CharField())
    aliases = serializers.SerializerMethodField()
    artifact = serializers.IntegerField(source="artifact_id")
    digest = serializers.CharField(source="artifact.digest")
    size = serializers.IntegerField(source="artifact.size")
    created_by = serializers.CharField(source="created_by.username", allow_null=True, default=None)
    metrics = serializers.DictField(child=serializers.FloatField())
    input_schema = InputColumnSerializer(many=True)
    task = serializers.SerializerMethodField()
    model_class = serializers.SerializerMethodField()
    label_column = serializers.SerializerMethodField()
    lineage = serializers.SerializerMethodField()
    source = serializers.ChoiceField(choices=VersionSource.choices)

    class Meta:
        model = ModelVersion
        fields = [
            "version",
            "description",
            "tags",
            "aliases",
            "artifact",
            "digest",
            "size",
            "created_at",
            "created_by",
            "metrics",
            "input_schema",
            "task",
            "model_class",
            "label_column",
            "lineage",
            "source",
        ]

    def get_aliases(self, obj: ModelVersion) -> list[str]:
        return sorted(alias.alias for alias in obj.aliases.all())

    def get_task(self, obj: ModelVersion) -> str | None:
        return obj.task or None

    def get_model_class(self, obj: ModelVersion) -> str | None:
        return obj.model_class or None

    def get_label_column(self, obj: ModelVersion) -> str | None:
        return obj.label_column or None

    @extend_schema_field(VersionLineageSerializer)
    def get_lineage(self, obj: ModelVersion) -> dict:
        pipeline_version = obj.pipeline_version
        return {
            "run": obj.run_id,
            "pipeline": pipeline_version.pipeline_id if pipeline_version else None,
            "pipeline_version": pipeline_version.number if pipeline_version else None,
            "node": obj.node_id or None,
            "port": obj.port or None,
            "datasets": obj.datasets,
        }


class RegisteredModelSerializer(serializers.ModelSerializer):
    tags = serializers.ListField(child=serializers.CharField())
    latest_version = serializers.IntegerField(source="latest_number", allow_null=True)
    version_count = serializers.IntegerField()
    aliases = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.username", allow_null=True, default=None)
    workspace = serializers.CharField(source="workspace.name", read_only=True)

    class Meta:
        model = RegisteredModel
        fields = [
            "name",
            "workspace",
            "description",
            "tags",
            "latest_version",
            "version_count",
            "aliases",
            "created_at",
            "updated_at",
            "created_by",
        ]

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_aliases(self, obj: RegisteredModel) -> dict[str, int]:
        return {alias.alias: alias.version.number for alias in obj.aliases.all()}


class RegisteredModelDetailSerializer(RegisteredModelSerializer):
    versions = serializers.SerializerMethodField()

    class Meta(RegisteredModelSerializer.Meta):
        fields = [*RegisteredModelSerializer.Meta.fields, "versions"]

    @extend_schema_field(ModelVersionSerializer(many=True))
    def get_versions(self, obj: RegisteredModel) -> list[dict]:
        return ModelVersionSerializer(self.context["versions"], many=True).data


class RegisteredModelVersionSerializer(ModelVersionSerializer):
    """A version as registration answers it: with the model's name."""

    name = serializers.CharField(source="model.name")
    workspace = serializers.CharField(source="model.workspace.name", read_only=True)

    class Meta(ModelVersionSerializer.Meta):
        fields = ["name", "workspace", *ModelVersionSerializer.Meta.fields]


class RegisterFromRunSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    run = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    node = serializers.CharField(max_length=200)
    port = serializers.CharField(max_length=100, default="model")
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    tags = serializers.JSONField(required=False)
    workspace = serializers.CharField(required=False, max_length=64, help_text=NEW_WORKSPACE_HELP)


class RegisterUploadSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    file = serializers.FileField(help_text="A .pkl or .pickle of a fitted model")
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    tags = serializers.CharField(
        required=False, allow_blank=True, help_text="A JSON list or comma-separated text"
    )
    workspace = serializers.CharField(required=False, max_length=64, help_text=NEW_WORKSPACE_HELP)


class ChangeSerializer(serializers.Serializer):
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    tags = serializers.JSONField(required=False)


class AliasRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class AliasSerializer(serializers.Serializer):
    alias = serializers.CharField()
    version = serializers.IntegerField()


class LineageNodeSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.ChoiceField(choices=["dataset", "run", "model"])
    label = serializers.CharField()
    name = serializers.CharField(required=False)
    version = serializers.IntegerField(required=False)
    run = serializers.IntegerField(required=False)
    status = serializers.CharField(required=False)
    pipeline = serializers.CharField(required=False)
    created_at = serializers.DateTimeField(
        allow_null=True, help_text="Null for a dataset version the registry knows only by name"
    )


class LineageEdgeSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    label = serializers.CharField(required=False)


class LineageSerializer(serializers.Serializer):
    root = serializers.CharField()
    nodes = LineageNodeSerializer(many=True)
    edges = LineageEdgeSerializer(many=True)
