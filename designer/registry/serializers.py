"""JSON shapes of registry rows."""

from rest_framework import serializers

from .models import Component


class ComponentSerializer(serializers.ModelSerializer):
    inputs = serializers.SerializerMethodField()
    outputs = serializers.SerializerMethodField()
    parameters = serializers.SerializerMethodField()
    deterministic = serializers.SerializerMethodField()
    compute = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Component
        fields = [
            "name",
            "version",
            "display_name",
            "category",
            "description",
            "inputs",
            "outputs",
            "parameters",
            "deterministic",
            "compute",
            "versions",
            "code_digest",
            "builtin",
            "created_at",
        ]

    def get_inputs(self, obj: Component) -> dict:
        return obj.spec.get("inputs", {})

    def get_outputs(self, obj: Component) -> dict:
        return obj.spec.get("outputs", {})

    def get_parameters(self, obj: Component) -> dict:
        return obj.spec.get("parameters", {})

    def get_deterministic(self, obj: Component) -> bool:
        return bool(obj.spec.get("deterministic", True))

    def get_compute(self, obj: Component) -> str:
        return obj.spec.get("compute", "default")

    def get_versions(self, obj: Component) -> list[str]:
        versions = self.context.get("versions", {})
        return versions.get(obj.name, [obj.version])


class ComponentDetailSerializer(ComponentSerializer):
    spec = serializers.JSONField()
    python = serializers.SerializerMethodField()
    command = serializers.SerializerMethodField()

    class Meta(ComponentSerializer.Meta):
        fields = ComponentSerializer.Meta.fields + ["spec", "python", "command"]

    def get_python(self, obj: Component) -> str | None:
        return obj.spec.get("python")

    def get_command(self, obj: Component) -> str | None:
        return obj.spec.get("command")


class RegisterSerializer(serializers.Serializer):
    archive = serializers.FileField()
