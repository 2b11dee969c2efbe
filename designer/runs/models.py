"""Experiments, runs, node runs, metrics and the numbered event log of each run."""

from django.conf import settings
from django.db import models

from designer.accounts.models import default_workspace_id
from designer.pipelines.models import Pipeline, PipelineVersion

from .choices import NodeStatus, RunStatus


def manual_trigger() -> dict:
    return {"kind": "manual"}


class Experiment(models.Model):
    workspace = models.ForeignKey(
        "accounts.Workspace",
        related_name="+",
        on_delete=models.PROTECT,
        default=default_workspace_id,
    )
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Names are per workspace: another workspace's "baseline" is not yours.
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="runs_experiment_name")
        ]

    def __str__(self) -> str:
        return self.name


class Run(models.Model):
    pipeline = models.ForeignKey(Pipeline, related_name="runs", on_delete=models.CASCADE)
    version = models.ForeignKey(PipelineVersion, related_name="runs", on_delete=models.PROTECT)
    experiment = models.ForeignKey(Experiment, related_name="runs", on_delete=models.PROTECT)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    # Pipeline parameter values after defaults and overrides.
    parameters = models.JSONField(default=dict)
    # What the person submitting said about the run, and short labels to find it by.
    description = models.TextField(blank=True, default="")
    tags = models.JSONField(default=list, blank=True)
    force_rerun = models.BooleanField(default=False)
    continue_on_failure = models.BooleanField(default=False)
    # A partial run: {"node": id, "scope": "only"|"upto"|"from"}; null runs the whole graph.
    partial = models.JSONField(null=True, blank=True)
    # What started the run: {"kind": "manual"|"endpoint"|"schedule"|"data", and for the
    # others "endpoint", "version", "schedule" or "trigger"}.
    trigger = models.JSONField(default=manual_trigger)
    rerun_of = models.ForeignKey(
        "self", null=True, blank=True, related_name="reruns", on_delete=models.SET_NULL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Sequence number of the last event; events are numbered 1, 2, 3… per run.
    last_seq = models.PositiveBigIntegerField(default=0)
    # Set when a user deletes the run: hidden at once, removed by the retention sweep.
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"run {self.pk} ({self.status})"


class NodeRun(models.Model):
    run = models.ForeignKey(Run, related_name="node_runs", on_delete=models.CASCADE)
    node_id = models.CharField(max_length=200)
    component = models.ForeignKey(
        "registry.Component", related_name="node_runs", on_delete=models.PROTECT
    )
    compute = models.CharField(max_length=100, default="default")
    status = models.CharField(max_length=20, choices=NodeStatus.choices, default=NodeStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict)
    inputs = models.JSONField(default=dict)
    outputs = models.JSONField(default=dict)
    cache_key = models.CharField(max_length=64, blank=True)
    # The parts the key was made of, and why the node was or was not reused.
    cache_parts = models.JSONField(null=True, blank=True)
    reuse_info = models.JSONField(null=True, blank=True)
    # Whether reuse is allowed at all: the node's flag, the component's determinism, the run.
    reuse_allowed = models.BooleanField(default=True)
    max_retries = models.PositiveIntegerField(default=0)
    timeout = models.PositiveIntegerField(default=3600)
    reused_from = models.ForeignKey(
        "self", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    # A source node (a registered dataset or model): what it was bound to when the run
    # started, {"kind", "name", "version", "digest"} (see `sources.py`); null for the others.
    source = models.JSONField(null=True, blank=True)
    progress = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    traceback = models.TextField(blank=True)
    worker = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "node_id"], name="node_run_node")]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["cache_key"]),
            # The latest node runs of a component (the nearest earlier run a miss is explained by).
            models.Index(fields=["component", "id"], name="node_run_component_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.node_id} ({self.status})"


class Metric(models.Model):
    node_run = models.ForeignKey(NodeRun, related_name="metrics", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    value = models.FloatField()
    step = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class RunEvent(models.Model):
    run = models.ForeignKey(Run, related_name="events", on_delete=models.CASCADE)
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=20)
    node_id = models.CharField(max_length=200, blank=True)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "seq"], name="run_event_seq")]
        indexes = [models.Index(fields=["run", "node_id", "type", "seq"])]
        ordering = ["run", "seq"]
