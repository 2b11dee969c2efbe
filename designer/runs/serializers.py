"""Request shapes for runs, and the exact response shapes: `describe.py` builds the dicts
(cheaply, once per event for every viewer), and tests/runs/test_api_types.py proves that what
it builds for real runs is exactly what these serializers describe."""

from rest_framework import serializers

from designer.pipelines.serializers import GraphEdgeSerializer, GraphSerializer
from designer.registry.serializers import JsonValueField

from .choices import TRIGGER_KINDS, NodeStatus, RunStatus

# Why a node run reused an earlier result or did not: `reused`, or a miss named after what
# blocked reuse (runs/reuse.py); `changed` comes with the list of changes.
REUSE_REASONS = (
    "reused",
    "changed",
    "first_run",
    "outputs_missing",
    "earlier_failed",
    "disabled",
    "not_deterministic",
    "force_rerun",
    "selected",
)
# The parts of a cache key a change can name (kernel/caching.py).
CHANGE_PARTS = ("component", "code", "param", "input", "environment")
PARTIAL_SCOPES = ("only", "upto", "from")
# `system`: the lines the executor writes for every step (runtime/system_log.py).
LOG_STREAMS = ("stdout", "stderr", "system")


class SubmitSerializer(serializers.Serializer):
    experiment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The experiment to file the run under: an existing one's name or a new name; "
        "empty uses the pipeline's name.",
    )
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default=""
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50, allow_blank=True),
        required=False,
        max_length=20,
        default=list,
        help_text="Short labels to find the run by; blanks and repeats are dropped.",
    )
    parameters = serializers.DictField(
        child=JsonValueField(allow_null=True), required=False, default=dict
    )
    force_rerun = serializers.BooleanField(required=False, default=False)
    continue_on_failure = serializers.BooleanField(required=False, default=False)
    partial = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        allow_null=True,
        default=None,
        help_text='Run part of the graph: {"node": id, "scope": "only" | "upto" | "from"}.',
    )


class RerunSerializer(serializers.Serializer):
    failed_only = serializers.BooleanField(required=False, default=True)


class NodeRefSerializer(serializers.Serializer):
    """A node of a run: where a reused output came from, or what a miss was compared with."""

    run = serializers.IntegerField()
    node = serializers.CharField()


class ReuseChangeSerializer(serializers.Serializer):
    """One difference between an earlier cache key and this node run's."""

    part = serializers.ChoiceField(choices=CHANGE_PARTS)
    name = serializers.CharField(allow_null=True)
    before = JsonValueField(allow_null=True)
    now = JsonValueField(allow_null=True)


class ReuseInfoSerializer(serializers.Serializer):
    """Why a node run reused an earlier result, or why it did not (`runs/reuse.py`)."""

    reused = serializers.BooleanField()
    reason = serializers.ChoiceField(choices=REUSE_REASONS)
    compared_with = NodeRefSerializer(required=False)
    changes = ReuseChangeSerializer(many=True)
    message = serializers.CharField(allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        # `from` is a Python keyword, so it cannot be declared as a class attribute.
        fields["from"] = NodeRefSerializer(required=False)
        return fields


class NodeSourceSerializer(serializers.Serializer):
    """What a source node was bound to when its run started (`runs/sources.py`)."""

    kind = serializers.ChoiceField(
        choices=["dataset", "model", "run_output"],
        help_text="run_output: an output of an earlier run; name is <run>/<node>/<port> and "
        "version the run's id",
    )
    name = serializers.CharField()
    version = serializers.IntegerField()
    digest = serializers.CharField()


class ProgressSerializer(serializers.Serializer):
    current = serializers.FloatField()
    total = serializers.FloatField()
    label = serializers.CharField(
        required=False, help_text="What is measured when not the step's own work"
    )


class NodeStateSerializer(serializers.Serializer):
    """What a `node` event carries: enough for a viewer to redraw the node."""

    node = serializers.CharField()
    status = serializers.ChoiceField(choices=NodeStatus.choices)
    attempts = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    reused = serializers.BooleanField()
    outputs = serializers.DictField(child=serializers.IntegerField(), help_text="port: artifact id")
    error = serializers.CharField(allow_null=True)
    reuse = ReuseInfoSerializer(allow_null=True)
    traceback = serializers.CharField(allow_null=True)
    source = NodeSourceSerializer(
        allow_null=True,
        help_text="For a dataset or registered-model node: the version it was bound to",
    )
    from_run = serializers.IntegerField(
        help_text="The run whose metrics and logs this node shows: this run, or for a reused "
        "node the run that executed it"
    )


class NodeRunSerializer(NodeStateSerializer):
    component = serializers.CharField()
    compute = serializers.CharField()
    params = serializers.DictField(child=JsonValueField(allow_null=True))
    metrics = serializers.DictField(child=serializers.FloatField(), help_text="name: latest value")
    progress = ProgressSerializer(allow_null=True)
    max_retries = serializers.IntegerField()
    reused_from = NodeRefSerializer(allow_null=True)


class RunStateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RunStatus.choices)
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class RunTriggerSerializer(serializers.Serializer):
    """What started a run: a person, an endpoint call, a schedule or a data trigger."""

    kind = serializers.ChoiceField(choices=TRIGGER_KINDS)
    endpoint = serializers.CharField(required=False)
    version = serializers.IntegerField(required=False)
    schedule = serializers.IntegerField(required=False)
    trigger = serializers.IntegerField(required=False)


class RunSummarySerializer(RunStateSerializer):
    id = serializers.IntegerField()
    workspace = serializers.CharField(help_text="The workspace of its pipeline (a name)")
    pipeline = serializers.IntegerField()
    pipeline_name = serializers.CharField()
    version = serializers.IntegerField()
    experiment = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField())
    trigger = RunTriggerSerializer()
    created_at = serializers.DateTimeField()
    submitted_by = serializers.CharField(
        allow_null=True, help_text="Who submitted it; null when the account is gone"
    )


class RunListItemSerializer(RunSummarySerializer):
    metrics = serializers.DictField(
        child=serializers.FloatField(),
        help_text='Latest value of every metric its nodes logged, as {"node.metric": value}; '
        "a reused node's are the run's it reused",
    )


class PartialSerializer(serializers.Serializer):
    node = serializers.CharField()
    scope = serializers.ChoiceField(choices=PARTIAL_SCOPES)


class RunSerializer(RunSummarySerializer):
    parameters = serializers.DictField(child=JsonValueField(allow_null=True))
    force_rerun = serializers.BooleanField()
    continue_on_failure = serializers.BooleanField()
    partial = PartialSerializer(allow_null=True)
    rerun_of = serializers.IntegerField(allow_null=True)
    graph = GraphSerializer()
    seq = serializers.IntegerField()
    nodes = NodeRunSerializer(many=True)


class LogLineSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    stream = serializers.ChoiceField(choices=LOG_STREAMS)
    line = serializers.CharField()
    time = serializers.DateTimeField()


class LogsSerializer(serializers.Serializer):
    lines = LogLineSerializer(many=True)
    last_seq = serializers.IntegerField(
        help_text="Pass as `after` to get the next lines; a seq of the `from_run` run"
    )
    from_run = serializers.IntegerField(
        help_text="The run the lines were logged in: this run, or for a reused node the run "
        "that executed it"
    )


class ExperimentSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Unique within its workspace")
    workspace = serializers.CharField()
    run_count = serializers.IntegerField()
    last_run_at = serializers.DateTimeField()
    statuses = serializers.DictField(child=serializers.IntegerField())


class MetricPointSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.FloatField()
    step = serializers.IntegerField(allow_null=True)
    time = serializers.DateTimeField()
    from_run = serializers.IntegerField(
        help_text="The run that logged it: this run, or for a reused node the run that executed it"
    )


class OpenAsPipelineSerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text='Defaults to "<pipeline> (run #<id>)"',
    )
    workspace = serializers.CharField(
        required=False,
        max_length=64,
        help_text="Where the new pipeline goes (a name); defaults to the run's workspace",
    )


class ValueChangeSerializer(serializers.Serializer):
    name = serializers.CharField()
    before = JsonValueField(allow_null=True, help_text="In the run's version; null when unset")
    now = JsonValueField(allow_null=True, help_text="In the draft; null when unset")


class ComponentChangeSerializer(serializers.Serializer):
    before = serializers.CharField()
    now = serializers.CharField()


class NodeChangeSerializer(serializers.Serializer):
    node = serializers.CharField()
    component = ComponentChangeSerializer(allow_null=True)
    params = ValueChangeSerializer(many=True)
    settings = ValueChangeSerializer(
        many=True, help_text="compute, reuse, disabled, timeout, max_retries"
    )


class DraftDiffSerializer(serializers.Serializer):
    """How a pipeline's current draft differs from the version one of its runs ran."""

    run = serializers.IntegerField()
    pipeline = serializers.IntegerField()
    pipeline_name = serializers.CharField()
    version = serializers.IntegerField(help_text="The version the run ran")
    revision = serializers.IntegerField(help_text="The draft's revision compared")
    graph = GraphSerializer(help_text="The draft's graph")
    same = serializers.BooleanField()
    added = serializers.ListField(
        child=serializers.CharField(), help_text="Nodes only in the draft"
    )
    removed = serializers.ListField(
        child=serializers.CharField(), help_text="Nodes only in the run"
    )
    changed = NodeChangeSerializer(many=True)
    edges_added = GraphEdgeSerializer(many=True)
    edges_removed = GraphEdgeSerializer(many=True)
    parameters = ValueChangeSerializer(
        many=True, help_text="Pipeline parameters whose definition differs"
    )
