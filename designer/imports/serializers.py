"""JSON shapes of an import: what `POST /api/imports/` takes and what it answers."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.pipelines.serializers import IssueSerializer, PipelineSerializer
from designer.registry.serializers import ComponentSerializer
from designer.schedules.serializers import ScheduleSerializer


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        help_text="Azure ML v2 or Kubeflow component, pipeline and schedule YAML files, the code "
        "folders they name, or zip archives of them",
    )
    path = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Each file's path relative to the others (like nyc/prep.yml), in the order "
        "of the files; without it a file is known by its name",
    )
    workspace = serializers.CharField(
        required=False,
        max_length=64,
        help_text="The workspace the pipelines go to (a contributor's); by default the "
        "request's chosen workspace, else your default one",
    )


class ImportedPipelineSerializer(PipelineSerializer):
    """A created pipeline and, as validation sees it now, whether it can run."""

    valid = serializers.SerializerMethodField()
    errors = serializers.SerializerMethodField()

    class Meta(PipelineSerializer.Meta):
        fields = [*PipelineSerializer.Meta.fields, "valid", "errors"]
        read_only_fields = fields

    def get_valid(self, obj) -> bool:
        return not self.context["errors"].get(obj.pk)

    @extend_schema_field(IssueSerializer(many=True))
    def get_errors(self, obj) -> list[dict]:
        return self.context["errors"].get(obj.pk, [])


class ImportNoteSerializer(serializers.Serializer):
    file = serializers.CharField()
    field = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    components = ComponentSerializer(many=True)
    pipelines = ImportedPipelineSerializer(many=True)
    schedules = ScheduleSerializer(many=True)
    notes = ImportNoteSerializer(many=True, help_text="What was approximated or left out, and why")
