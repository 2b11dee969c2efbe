"""Real-time endpoints: a name callers score against, its deployments, and what it served.

A deployment keeps the scoring plan it was deployed with (`spec`: node by node, with the
stored artifacts it reads and the component versions it calls), so it serves the same model
whatever happens later to the pipeline, run or registered model it came from; those links
are kept for people (`pipeline_version`, `model_version`, `target`) and cleared if the row goes.
`ScoringMinute` rows hold per-minute counts and latencies, written by each serving process
every few seconds; `ScoringFailure` rows hold failed requests, with column names, never values.
"""

from django.conf import settings
from django.db import models

from designer.accounts.models import default_workspace_id
from designer.models.models import ModelVersion
from designer.pipelines.models import PipelineVersion


class InferenceEndpoint(models.Model):
    workspace = models.ForeignKey(
        "accounts.Workspace",
        related_name="+",
        on_delete=models.PROTECT,
        default=default_workspace_id,
    )
    name = models.CharField(max_length=64, unique=True)
    description = models.TextField(blank=True)
    # Counts changes of deployments and traffic: serving processes poll it to switch.
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Deployment(models.Model):
    endpoint = models.ForeignKey(
        InferenceEndpoint, related_name="deployments", on_delete=models.CASCADE
    )
    name = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField(default=0)
    # Percent of the requests that name no deployment; all of an endpoint's add up to 100.
    traffic = models.PositiveSmallIntegerField(default=0)
    pipeline_version = models.ForeignKey(
        PipelineVersion, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    model_version = models.ForeignKey(
        ModelVersion, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    # {"kind": "pipeline", "pipeline", "pipeline_name", "version"} or
    # {"kind": "model", "name", "version"}: what was deployed, as it was named then.
    target = models.JSONField(default=dict)
    # The machine-independent scoring plan (see plans.py); `key` is its digest, so two
    # deployments of the same plan share one scoring process.
    spec = models.JSONField(default=dict)
    key = models.CharField(max_length=64)
    input_schema = models.JSONField(default=list)
    # [{"node", "kind", "name", "version", "digest"}]: the models and datasets it serves.
    sources = models.JSONField(default=list)
    # The artifact ids the plan reads; kept from the retention sweep while deployed.
    artifacts = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "name"], name="inference_deployment_name")
        ]
        ordering = ["endpoint", "position"]

    def __str__(self) -> str:
        return f"{self.endpoint.name}/{self.name}"


class ScoringMinute(models.Model):
    """What one serving process answered for one deployment in one minute."""

    endpoint = models.ForeignKey(
        InferenceEndpoint, related_name="minutes", on_delete=models.CASCADE
    )
    deployment = models.CharField(max_length=64)
    minute = models.DateTimeField()
    process = models.CharField(max_length=120)
    count = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    # {bin: count} of answered requests' latencies (serving/stats.py names the bins).
    latencies = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "deployment", "minute", "process"],
                name="inference_minute_per_process",
            )
        ]
        indexes = [models.Index(fields=["endpoint", "minute"])]


class ScoringFailure(models.Model):
    endpoint = models.ForeignKey(
        InferenceEndpoint, related_name="failures", on_delete=models.CASCADE
    )
    deployment = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField()
    status = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=64)
    message = models.TextField()
    # The names of the columns the request sent: never their values.
    columns = models.JSONField(default=list)

    class Meta:
        ordering = ["-id"]
