"""Pipeline (the editable draft) and PipelineVersion (an immutable snapshot)."""

from django.conf import settings
from django.db import models

from designer.accounts.models import default_workspace_id


def empty_graph() -> dict:
    return {"nodes": [], "edges": []}


class Pipeline(models.Model):
    workspace = models.ForeignKey(
        "accounts.Workspace",
        related_name="+",
        on_delete=models.PROTECT,
        default=default_workspace_id,
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    graph = models.JSONField(default=empty_graph)
    parameters = models.JSONField(default=dict)
    default_compute = models.CharField(max_length=100, default="default")
    # Bumped on every write; a write that names an older revision is refused (409).
    revision = models.PositiveIntegerField(default=1)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.name


class PipelineVersion(models.Model):
    pipeline = models.ForeignKey(Pipeline, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField()
    graph = models.JSONField()
    parameters = models.JSONField(default=dict)
    default_compute = models.CharField(max_length=100, default="default")
    # Content address (kernel.caching.version_digest): submitting an unchanged pipeline
    # runs the version it already has.
    digest = models.CharField(max_length=64, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pipeline", "number"], name="pipeline_version_number")
        ]
        ordering = ["pipeline", "-number"]

    def __str__(self) -> str:
        return f"{self.pipeline_id} v{self.number}"
