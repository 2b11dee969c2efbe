"""JSON shapes of pipelines, and of the pipeline graph (DESIGN.md "Pipeline graph")."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.kernel.params import PARAM_TYPES
from designer.registry.serializers import JSON_VALUE, JsonValueField

from .models import Pipeline, PipelineVersion


# anyOf: a binding is a JSON object too, so it matches both.
@extend_schema_field(
    {"anyOf": [{"$ref": "#/components/schemas/ParamBinding"}, JSON_VALUE], "nullable": True}
)
class ParamValueField(serializers.JSONField):
    """A node parameter's value: its own, or a binding to a pipeline parameter."""


class PositionSerializer(serializers.Serializer):
    x = serializers.FloatField()
    y = serializers.FloatField()


class GraphNodeSerializer(serializers.Serializer):
    """One node as the graph holds it. Only `id` and `component` are always there: a graph
    written by a script or imported from YAML may leave the rest to their defaults."""

    id = serializers.CharField()
    component = serializers.CharField(help_text="name@version")
    params = serializers.DictField(
        child=ParamValueField(allow_null=True),
        required=False,
        help_text='Parameter values; {"$param": name} binds one to a pipeline parameter.',
    )
    compute = serializers.CharField(
        allow_null=True, required=False, help_text="null: the pipeline's default compute"
    )
    reuse = serializers.BooleanField(required=False)
    comment = serializers.CharField(allow_blank=True, allow_null=True, required=False)
    position = PositionSerializer(required=False)
    disabled = serializers.BooleanField(
        required=False, help_text="Bypassed: kept in the graph but passes nothing on."
    )
    timeout = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Seconds this step may run (1 to 604800); null: its component's timeout",
    )
    max_retries = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Times a failed step is tried again (0 to 10); null: its component's",
    )


class GraphEdgeSerializer(serializers.Serializer):
    source = serializers.CharField()
    source_port = serializers.CharField()
    target = serializers.CharField()
    target_port = serializers.CharField()


class GraphSerializer(serializers.Serializer):
    nodes = GraphNodeSerializer(many=True)
    edges = GraphEdgeSerializer(many=True)


class PipelineParameterSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=PARAM_TYPES)
    default = JsonValueField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)


# Taken as JSON and checked by `validate_graph`, which names every problem with a stable code
# (a serializer would stop at the first); the schema still gives the exact valid shapes.
@extend_schema_field(GraphSerializer)
class GraphField(serializers.JSONField):
    pass


@extend_schema_field(serializers.DictField(child=PipelineParameterSerializer()))
class PipelineParametersField(serializers.JSONField):
    pass


class PipelineWriteSerializer(serializers.ModelSerializer):
    """A pipeline as a create or update sends it; `revision` guards an update."""

    graph = GraphField(required=False)
    parameters = PipelineParametersField(required=False)
    revision = serializers.IntegerField(required=False)
    workspace = serializers.CharField(
        source="workspace.name",
        required=False,
        help_text="The workspace's name; on create, where the pipeline goes (else the "
        "request's workspace, else your default)",
    )

    class Meta:
        model = Pipeline
        fields = [
            "id",
            "workspace",
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


class PipelineSerializer(PipelineWriteSerializer):
    """A pipeline as the API returns it: every field, always there."""

    graph = GraphField(read_only=True)
    parameters = PipelineParametersField(read_only=True)
    revision = serializers.IntegerField(read_only=True)
    workspace = serializers.CharField(source="workspace.name", read_only=True)

    class Meta(PipelineWriteSerializer.Meta):
        read_only_fields = PipelineWriteSerializer.Meta.fields


class PipelineSummarySerializer(serializers.ModelSerializer):
    node_count = serializers.SerializerMethodField()
    workspace = serializers.CharField(source="workspace.name", read_only=True)

    class Meta:
        model = Pipeline
        fields = [
            "id",
            "workspace",
            "name",
            "description",
            "revision",
            "node_count",
            "created_at",
            "updated_at",
        ]

    def get_node_count(self, obj: Pipeline) -> int:
        return len((obj.graph or {}).get("nodes") or [])


class ValidateRequestSerializer(serializers.Serializer):
    graph = GraphField(required=False)
    parameters = PipelineParametersField(required=False)


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
    workspace = serializers.CharField(
        required=False, max_length=64, help_text="Where the new pipeline goes (a name)"
    )


class SampleSerializer(serializers.Serializer):
    """A sample pipeline as the gallery shows it; clone it to get a pipeline of one's own."""

    key = serializers.CharField(help_text="What /api/pipelines/samples/{key}/clone/ takes")
    name = serializers.CharField()
    description = serializers.CharField()
    node_count = serializers.IntegerField()
    parameters = PipelineParametersField()
    graph = GraphField()


class SampleCloneRequestSerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False, max_length=200, help_text="Defaults to the sample's name"
    )
    workspace = serializers.CharField(
        required=False, max_length=64, help_text="Where the new pipeline goes (a name)"
    )


class ImportRequestSerializer(serializers.Serializer):
    yaml = serializers.CharField(trim_whitespace=False, help_text="The pipeline file's text")
    workspace = serializers.CharField(
        required=False, max_length=64, help_text="Where the new pipeline goes (a name)"
    )


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
    graph = GraphField(read_only=True)
    parameters = PipelineParametersField(read_only=True)
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
