"""JSON shapes of artifacts, their previews, profiles and model summaries."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Artifact

# A column's min, max or top value: a number for numeric columns, else text (or a boolean).
SCALAR = {"oneOf": [{"type": "number"}, {"type": "string"}, {"type": "boolean"}], "nullable": True}


class ModelSummarySerializer(serializers.Serializer):
    # "class" is a Python keyword, hence the source-less field added below.
    params = serializers.DictField(allow_null=True, help_text="get_params(), made JSON-safe")
    label_column = serializers.CharField(allow_null=True)
    feature_columns = serializers.ListField(child=serializers.CharField(), allow_null=True)
    task = serializers.CharField(allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        return {"class": serializers.CharField(allow_null=True), **fields}


class ArtifactSerializer(serializers.ModelSerializer):
    summary = serializers.SerializerMethodField()

    class Meta:
        model = Artifact
        fields = ["id", "digest", "kind", "size", "schema", "row_count", "summary", "created_at"]

    @extend_schema_field(ModelSummarySerializer(allow_null=True))
    def get_summary(self, obj: Artifact) -> dict | None:
        return obj.summary


@extend_schema_field(SCALAR)
class ScalarField(serializers.JSONField):
    pass


class PreviewSerializer(serializers.Serializer):
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=ScalarField(allow_null=True)))
    row_count = serializers.IntegerField()


class HistogramSerializer(serializers.Serializer):
    edges = serializers.ListField(child=serializers.FloatField())
    counts = serializers.ListField(child=serializers.IntegerField())


class TopValueSerializer(serializers.Serializer):
    value = ScalarField()
    count = serializers.IntegerField()


class ColumnProfileSerializer(serializers.Serializer):
    name = serializers.CharField()
    dtype = serializers.CharField(help_text="Arrow type name, as in the artifact's schema")
    count = serializers.IntegerField(help_text="non-missing values")
    missing = serializers.IntegerField()
    unique = serializers.IntegerField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    std = serializers.FloatField(allow_null=True)
    min = ScalarField()
    max = ScalarField()
    histogram = HistogramSerializer(allow_null=True, help_text="numeric columns only")
    top = TopValueSerializer(many=True, help_text="most frequent values, most first (≤ 10)")


class ProfileSerializer(serializers.Serializer):
    row_count = serializers.IntegerField()
    profiled_rows = serializers.IntegerField()
    sampled = serializers.BooleanField(help_text="true when only the first rows were profiled")
    columns = ColumnProfileSerializer(many=True)
