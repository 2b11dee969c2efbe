"""JSON shapes of the inference API: deriving an inference pipeline from a run, and
real-time endpoints (their deployments, scoring, stats and failures)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.kernel.inference import KINDS
from designer.pipelines.serializers import (
    ColumnSerializer,
    GraphEdgeSerializer,
    GraphField,
    PipelineParametersField,
    PipelineSerializer,
)
from designer.query_params import MAX_ID

from .observability import summary
from .realtime import primary


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


# --- real-time endpoints ------------------------------------------------------------------


class DeployedModelRefSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64, help_text="A registered model")
    version = serializers.CharField(
        max_length=70,
        default="latest",
        help_text="A version number, @alias or latest; resolved when deployed",
    )


class DeploymentRequestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64, help_text="e.g. blue, green")
    pipeline = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="A pipeline with one Web Service Input and one Web Service Output",
    )
    pipeline_version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="The pipeline's version; omitted: the pipeline as it is now (frozen)",
    )
    model = DeployedModelRefSerializer(
        required=False, help_text="Or a registered model version, scored with Score Model"
    )
    traffic = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        help_text="Percent of the requests that name no deployment; all add up to 100",
    )


class RealtimeEndpointCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    workspace = serializers.CharField(
        required=False,
        max_length=64,
        help_text="The workspace it goes to (a name); by default the request's or your own",
    )
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    deployments = DeploymentRequestSerializer(many=True, required=False)


class RealtimeEndpointUpdateSerializer(serializers.Serializer):
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    deployments = DeploymentRequestSerializer(
        many=True,
        required=False,
        help_text="The new list; a deployment named as before with no pipeline or model keeps "
        "what it serves (and its scoring process)",
    )
    traffic = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=100),
        required=False,
        help_text="{deployment: percent}; deployments not named get 0",
    )


class ModelTargetSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.IntegerField()


class ServedSourceSerializer(serializers.Serializer):
    node = serializers.CharField()
    kind = serializers.CharField(help_text="model, run_output or dataset")
    name = serializers.CharField()
    version = serializers.IntegerField()
    digest = serializers.CharField()


class DeploymentSerializer(serializers.Serializer):
    name = serializers.CharField()
    traffic = serializers.IntegerField()
    pipeline = serializers.SerializerMethodField()
    pipeline_version = serializers.SerializerMethodField()
    model = serializers.SerializerMethodField()
    input_schema = ColumnSerializer(many=True)
    sources = ServedSourceSerializer(
        many=True, help_text="The stored models and datasets it serves (the model version serving)"
    )
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_pipeline(self, obj) -> int | None:
        return obj.target.get("pipeline") if obj.target.get("kind") == "pipeline" else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_pipeline_version(self, obj) -> int | None:
        return obj.target.get("version") if obj.target.get("kind") == "pipeline" else None

    @extend_schema_field(ModelTargetSerializer(allow_null=True))
    def get_model(self, obj) -> dict | None:
        if obj.target.get("kind") != "model":
            return None
        return {"name": obj.target["name"], "version": obj.target["version"]}


class ScoringTotalsSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Requests answered or refused")
    errors = serializers.IntegerField(help_text="Requests refused or failed (status 400 and up)")
    p50_ms = serializers.FloatField(
        allow_null=True, help_text="Median latency of answered requests, in the server"
    )
    p95_ms = serializers.FloatField(allow_null=True)


class ScoringSummarySerializer(ScoringTotalsSerializer):
    minutes = serializers.IntegerField(help_text="Over the last this many minutes")


class RealtimeEndpointSerializer(serializers.Serializer):
    name = serializers.CharField()
    workspace = serializers.CharField(source="workspace.name")
    description = serializers.CharField(allow_blank=True)
    revision = serializers.IntegerField(help_text="Counts changes of deployments and traffic")
    url = serializers.SerializerMethodField(help_text="Where to POST rows to score")
    deployments = DeploymentSerializer(many=True)
    input_schema = serializers.SerializerMethodField()
    stats = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_url(self, obj) -> str:
        return f"/api/inference/{obj.name}/score"

    @extend_schema_field(ColumnSerializer(many=True))
    def get_input_schema(self, obj) -> list[dict]:
        deployment = primary(obj)
        return deployment.input_schema if deployment is not None else []

    @extend_schema_field(ScoringSummarySerializer)
    def get_stats(self, obj) -> dict:
        return summary(obj)


class ScoreRequestSerializer(serializers.Serializer):
    """For the schema only: the serving code reads and checks the body itself."""

    rows = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="[{column: value}]"
    )
    columns = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="With data: the column names"
    )
    data = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        required=False,
        help_text="With columns: the rows, each a list of values in the order of columns",
    )


class ScoreSerializer(serializers.Serializer):
    predictions = serializers.ListField(
        child=serializers.JSONField(), help_text="One per row, in order"
    )
    probabilities = serializers.ListField(
        child=serializers.FloatField(allow_null=True),
        required=False,
        help_text="For binary classifiers: the probability of the positive class",
    )
    deployment = serializers.CharField(help_text="The deployment that answered")


class ScoringBucketSerializer(ScoringTotalsSerializer):
    start = serializers.DateTimeField()


class DeploymentScoringStatsSerializer(serializers.Serializer):
    name = serializers.CharField()
    current = serializers.BooleanField(help_text="false: a deployment that was removed since")
    traffic = serializers.IntegerField()
    serving = serializers.DictField(allow_null=True, help_text="{target, sources}: what it serves")
    total = ScoringTotalsSerializer()
    buckets = ScoringBucketSerializer(many=True)


class ScoringStatsSerializer(serializers.Serializer):
    endpoint = serializers.CharField()
    since = serializers.DateTimeField()
    minutes = serializers.IntegerField()
    bucket_seconds = serializers.IntegerField()
    total = ScoringTotalsSerializer()
    buckets = ScoringBucketSerializer(many=True, help_text="Only buckets with requests")
    deployments = DeploymentScoringStatsSerializer(many=True)


class ScoringFailureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    deployment = serializers.CharField(allow_blank=True)
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    columns = serializers.ListField(
        child=serializers.CharField(), help_text="The column names sent; never their values"
    )


class SampleRequestSerializer(serializers.Serializer):
    url = serializers.CharField()
    method = serializers.CharField()
    headers = serializers.DictField(child=serializers.CharField())
    body = serializers.DictField()
    columnar = serializers.DictField()
    input_schema = ColumnSerializer(many=True)
    deployment_header = serializers.CharField()
    scope = serializers.CharField(help_text="The token scope that allows scoring this endpoint")
    curl = serializers.CharField()
