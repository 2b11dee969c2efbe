"""The model registry: registered models, their numbered versions, and aliases.

A version points at a stored model artifact (never copied, never unpickled here) and keeps
what it was registered from: the run, pipeline version, node and port, the dataset versions
upstream of that node, the evaluation metrics and the input schema. Those are copied onto the
version when it is registered, so the answer to "what trained this" survives the run's deletion.
"""

from django.conf import settings
from django.db import models

from designer.accounts.models import default_workspace_id
from designer.artifacts.models import Artifact
from designer.pipelines.models import PipelineVersion
from designer.runs.models import Run

from .choices import VersionSource


class RegisteredModel(models.Model):
    workspace = models.ForeignKey(
        "accounts.Workspace",
        related_name="+",
        on_delete=models.PROTECT,
        default=default_workspace_id,
    )
    name = models.CharField(max_length=64, unique=True)
    description = models.TextField(blank=True)
    tags = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ModelVersion(models.Model):
    model = models.ForeignKey(RegisteredModel, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField()
    description = models.TextField(blank=True)
    tags = models.JSONField(default=list)
    # PROTECT: a registered version keeps its bytes whatever happens to the run.
    artifact = models.ForeignKey(Artifact, related_name="+", on_delete=models.PROTECT)
    source = models.CharField(max_length=10, choices=VersionSource.choices)
    run = models.ForeignKey(
        Run, null=True, blank=True, related_name="registered_models", on_delete=models.SET_NULL
    )
    pipeline_version = models.ForeignKey(
        PipelineVersion, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    node_id = models.CharField(max_length=200, blank=True)
    port = models.CharField(max_length=100, blank=True)
    # [{"name", "version", "digest"}]: the dataset versions upstream of the node in its run.
    datasets = models.JSONField(default=list)
    # {name: value}: the latest value of each metric of the run's evaluation nodes.
    metrics = models.JSONField(default=dict)
    # [{"name", "dtype"}]: the feature columns in training order, label excluded.
    input_schema = models.JSONField(default=list)
    # The dtype of the label column, when known (the output of a regressor or classifier).
    label_dtype = models.CharField(max_length=100, blank=True)
    task = models.CharField(max_length=20, blank=True)
    model_class = models.CharField(max_length=200, blank=True)
    label_column = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="model_version_number")
        ]
        ordering = ["model", "-number"]

    def __str__(self) -> str:
        return f"{self.model.name} v{self.number}"


class ModelAlias(models.Model):
    """A name such as `production` for exactly one version of a model; moving it is an update."""

    model = models.ForeignKey(RegisteredModel, related_name="aliases", on_delete=models.CASCADE)
    alias = models.CharField(max_length=64)
    # CASCADE: deleting a version removes the aliases that pointed at it.
    version = models.ForeignKey(ModelVersion, related_name="aliases", on_delete=models.CASCADE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "alias"], name="model_alias")]
        ordering = ["alias"]

    def __str__(self) -> str:
        return f"{self.model.name}@{self.alias}"
