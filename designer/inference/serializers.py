"""JSON shapes of the inference API: deriving an inference pipeline from a run."""

from rest_framework import serializers

from designer.kernel.inference import KINDS
from designer.pipelines.serializers import (
    ColumnSerializer,
    GraphEdgeSerializer,
    GraphField,
    PipelineParametersField,
    PipelineSerializer,
)


class DeriveRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=KINDS,
        default="realtime",
        help_text="realtime: request rows enter by Web Service Input; batch: a registered "
        "dataset named by the pipeline parameter input_dataset",
    )
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The new pipeline's name; defaults to \"<training pipeline> (real-time "
        'inference)"',
    )
    save = serializers.BooleanField(
        default=True, help_text="false: only show what would be derived, and save nothing"
    )
    node = serializers.CharField(
        required=False,
        help_text="The scoring node, when the training pipeline has more than one",
    )


class ReplacedSerializer(serializers.Serializer):
    node = serializers.CharField(help_text="A node of the training pipeline")
    by = serializers.CharField(help_text="The node of the inference pipeline in its place")


class GraphDiffSerializer(serializers.Serializer):
    added = serializers.ListField(
        child=serializers.CharField(), help_text="New node ids, stand-ins included"
    )
    removed = serializers.ListField(
        child=serializers.CharField(), help_text="Training node ids left out, not replaced"
    )
    replaced = ReplacedSerializer(many=True)
    kept = serializers.ListField(child=serializers.CharField())
    edges_added = GraphEdgeSerializer(many=True)
    edges_removed = GraphEdgeSerializer(many=True)


class DerivedPipelineSerializer(serializers.Serializer):
    run = serializers.IntegerField(help_text="The training run it was derived from")
    kind = serializers.ChoiceField(choices=KINDS)
    pipeline = PipelineSerializer(
        allow_null=True, help_text="The saved pipeline; null when save was false"
    )
    graph = GraphField()
    parameters = PipelineParametersField()
    diff = GraphDiffSerializer(help_text="The change from the training pipeline's graph")
    input_schema = ColumnSerializer(
        many=True, help_text="The columns a caller sends (the label and unused columns left out)"
    )
    scoring_node = serializers.CharField(help_text="The node whose output is the prediction")
