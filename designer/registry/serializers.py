"""JSON shapes of registry rows."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.kernel.params import PARAM_TYPES
from designer.kernel.spec import PORT_TYPES

from .models import Component
from .services import component_files, pipelines_using

# Any JSON value, as a named schema component (settings.SPECTACULAR_SETTINGS) so the generated
# TypeScript has one recursive JsonValue type instead of `unknown`.
JSON_VALUE = {"$ref": "#/components/schemas/JsonValue"}


@extend_schema_field(JSON_VALUE)
class JsonValueField(serializers.JSONField):
    pass


def _port_names(*names: str) -> dict:
    return {
        "type": "object",
        "properties": {n: {"type": "string"} for n in names},
        "required": list(names),
    }


# A component's `inference:` rule (designer/kernel/spec_inference.py), one of its four shapes.
INFERENCE_RULE = {
    "oneOf": [
        {"type": "string", "enum": ["keep", "drop"]},
        {
            "type": "object",
            "properties": {"replace_with_output": {"type": "string"}},
            "required": ["replace_with_output"],
        },
        {
            "type": "object",
            "properties": {
                "apply_with": _port_names(
                    "component", "fitted_output", "model_input", "data_input", "data_output"
                )
            },
            "required": ["apply_with"],
        },
    ]
}


class PortSpecSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=PORT_TYPES)
    description = serializers.CharField(allow_blank=True)
    optional = serializers.BooleanField()
    schema = serializers.JSONField(
        required=False, help_text="The columns a dataframe port declares, when it does."
    )


class ParamSpecSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=PARAM_TYPES)
    default = JsonValueField(allow_null=True)
    optional = serializers.BooleanField()
    min = serializers.FloatField(allow_null=True)
    max = serializers.FloatField(allow_null=True)
    values = serializers.ListField(child=serializers.CharField())
    input = serializers.CharField(allow_null=True)
    language = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_blank=True)
    required_if = serializers.DictField(
        child=serializers.ListField(child=JsonValueField()),
        required=False,
        help_text="Other parameters and their values that make this one required: when any "
        "of them has one of its listed values, a node must set this parameter.",
    )
    label_fallback = serializers.BooleanField(
        required=False,
        help_text="Left empty, this column parameter uses the label column a step upstream "
        "marks; that step also meets its required_if rule.",
    )
    marks_label = serializers.BooleanField(
        required=False,
        help_text="When true, this parameter marks a column as the label for the steps downstream.",
    )


@extend_schema_field(
    {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]}
)
class RequirementsField(serializers.JSONField):
    pass


class EnvironmentSerializer(serializers.Serializer):
    python = serializers.CharField(required=False, help_text='A Python version like "3.12"')
    requirements = RequirementsField(
        help_text="The packages it installs: a list of requirement lines, or the name of a "
        "requirements file in the component's folder"
    )
    preload = serializers.ListField(child=serializers.CharField(), required=False)


class ComponentSerializer(serializers.ModelSerializer):
    inputs = serializers.SerializerMethodField()
    outputs = serializers.SerializerMethodField()
    parameters = serializers.SerializerMethodField()
    deterministic = serializers.SerializerMethodField()
    compute = serializers.SerializerMethodField()
    timeout = serializers.SerializerMethodField(
        help_text="Seconds a step may run before it is stopped; a node may set its own"
    )
    max_retries = serializers.SerializerMethodField(
        help_text="How often a failed step is tried again; a node may set its own"
    )
    versions = serializers.SerializerMethodField()
    subcategory = serializers.SerializerMethodField(
        help_text="A group within the category, like Classification; empty when none"
    )
    tags = serializers.SerializerMethodField(help_text="Extra search words, like binary")
    inference = serializers.SerializerMethodField(
        help_text="What a node becomes in a derived inference pipeline: keep, drop, "
        "{replace_with_output: port} or {apply_with: {component, fitted_output, model_input, "
        "data_input, data_output}}"
    )
    image = serializers.SerializerMethodField(
        help_text="The container image an imported component expects; runs refuse it for now"
    )
    environment = serializers.SerializerMethodField(
        help_text="The environment its steps run in, built for these packages; null for the "
        "default environment"
    )
    workspace = serializers.SerializerMethodField(
        help_text="The workspace that owns the component; null for a built-in of the instance"
    )
    reason = serializers.CharField(
        source="status_reason",
        read_only=True,
        help_text="Why this version is yanked or deprecated, when it is",
    )

    class Meta:
        model = Component
        fields = [
            "name",
            "version",
            "display_name",
            "category",
            "subcategory",
            "tags",
            "description",
            "inputs",
            "outputs",
            "parameters",
            "deterministic",
            "compute",
            "timeout",
            "max_retries",
            "inference",
            "image",
            "environment",
            "versions",
            "code_digest",
            "builtin",
            "workspace",
            "yanked",
            "deprecated",
            "reason",
            "created_at",
        ]
        extra_kwargs = {
            "yanked": {
                "read_only": True,
                "help_text": "Kept for what pins it, but never offered or taken as the latest",
            },
            "deprecated": {
                "read_only": True,
                "help_text": "Still offered, with a warning to move off it",
            },
        }

    @extend_schema_field(serializers.DictField(child=PortSpecSerializer()))
    def get_inputs(self, obj: Component) -> dict:
        return obj.spec.get("inputs", {})

    @extend_schema_field(serializers.DictField(child=PortSpecSerializer()))
    def get_outputs(self, obj: Component) -> dict:
        return obj.spec.get("outputs", {})

    @extend_schema_field(serializers.DictField(child=ParamSpecSerializer()))
    def get_parameters(self, obj: Component) -> dict:
        return obj.spec.get("parameters", {})

    def get_deterministic(self, obj: Component) -> bool:
        return bool(obj.spec.get("deterministic", True))

    def get_compute(self, obj: Component) -> str:
        return obj.spec.get("compute", "default")

    def get_timeout(self, obj: Component) -> int:
        return int(obj.spec.get("timeout", 3600))

    def get_max_retries(self, obj: Component) -> int:
        return int(obj.spec.get("max_retries", 0))

    def get_subcategory(self, obj: Component) -> str:
        return obj.spec.get("subcategory") or ""

    def get_tags(self, obj: Component) -> list[str]:
        return list(obj.spec.get("tags") or [])

    @extend_schema_field(INFERENCE_RULE)
    def get_inference(self, obj: Component):
        return obj.spec.get("inference", "keep")

    def get_image(self, obj: Component) -> str | None:
        return obj.spec.get("image")

    @extend_schema_field(EnvironmentSerializer(allow_null=True))
    def get_environment(self, obj: Component) -> dict | None:
        return obj.spec.get("environment")

    def get_workspace(self, obj: Component) -> str | None:
        return obj.workspace.name if obj.workspace_id else None

    def get_versions(self, obj: Component) -> list[str]:
        versions = self.context.get("versions", {})
        return versions.get(obj.name, [obj.version])


class SourceFileSerializer(serializers.Serializer):
    path = serializers.CharField()
    text = serializers.CharField()


class UsedBySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    nodes = serializers.ListField(child=serializers.CharField())


class SubcategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    count = serializers.IntegerField()


class CategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    count = serializers.IntegerField()
    subcategories = SubcategorySerializer(
        many=True, help_text="Groups within the category, like Classification; often none"
    )


class ComponentDetailSerializer(ComponentSerializer):
    spec = serializers.JSONField()
    python = serializers.SerializerMethodField()
    command = serializers.SerializerMethodField()
    readme = serializers.SerializerMethodField()
    source = serializers.SerializerMethodField()
    used_by = serializers.SerializerMethodField()

    class Meta(ComponentSerializer.Meta):
        fields = ComponentSerializer.Meta.fields + [
            "spec",
            "python",
            "command",
            "readme",
            "source",
            "used_by",
        ]

    def _files(self, obj: Component) -> tuple[str, list[dict]]:
        cache = self.context.setdefault("files", {})
        if obj.pk not in cache:
            cache[obj.pk] = component_files(obj)
        return cache[obj.pk]

    def get_readme(self, obj: Component) -> str:
        return self._files(obj)[0]

    @extend_schema_field(SourceFileSerializer(many=True))
    def get_source(self, obj: Component) -> list[dict]:
        return self._files(obj)[1]

    @extend_schema_field(UsedBySerializer(many=True))
    def get_used_by(self, obj: Component) -> list[dict]:
        # Only the pipelines the reader may see: a built-in is used across workspaces.
        actor = self.context.get("actor")
        return pipelines_using(actor, obj) if actor is not None else []

    def get_python(self, obj: Component) -> str | None:
        return obj.spec.get("python")

    def get_command(self, obj: Component) -> str | None:
        return obj.spec.get("command")


class RegisterSerializer(serializers.Serializer):
    archive = serializers.FileField()
    workspace = serializers.CharField(
        required=False,
        help_text="The workspace a new component name goes to (its name); a new version of a "
        "known name joins the workspace that owns the name",
    )


class StatusSerializer(serializers.Serializer):
    yanked = serializers.BooleanField(required=False)
    deprecated = serializers.BooleanField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)
