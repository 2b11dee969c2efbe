"""An endpoint (a stable name others call) and its versions (each a frozen pipeline version)."""

from django.conf import settings
from django.db import models

from designer.accounts.models import default_workspace_id
from designer.pipelines.models import PipelineVersion


class Endpoint(models.Model):
    workspace = models.ForeignKey(
        "accounts.Workspace",
        related_name="+",
        on_delete=models.PROTECT,
        default=default_workspace_id,
    )
    name = models.CharField(max_length=64, unique=True)
    description = models.TextField(blank=True)
    enabled = models.BooleanField(default=True)
    # The version a call without a version number runs.
    default_version = models.ForeignKey(
        "EndpointVersion", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EndpointVersion(models.Model):
    endpoint = models.ForeignKey(Endpoint, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField()
    # PROTECT: a published version keeps its graph however the pipeline changes later.
    pipeline_version = models.ForeignKey(
        PipelineVersion, related_name="endpoint_versions", on_delete=models.PROTECT
    )
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "number"], name="endpoint_version_number")
        ]
        ordering = ["endpoint", "-number"]

    def __str__(self) -> str:
        return f"{self.endpoint.name} v{self.number}"
