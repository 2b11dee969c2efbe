"""One row per stored artifact. The digest is of the content, so equal outputs share a row."""

from django.db import models

from designer.kernel.ports import PORT_TYPES


class Artifact(models.Model):
    # An artifact is the value of one output port, so its kinds are the port types.
    KINDS = [(k, k) for k in PORT_TYPES]

    digest = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=KINDS)
    size = models.BigIntegerField()
    # Path inside the store, e.g. "ab/ab12…/data.parquet".
    uri = models.CharField(max_length=500)
    schema = models.JSONField(null=True, blank=True)
    row_count = models.BigIntegerField(null=True, blank=True)
    # Dataframes: the column profile, computed on first request and kept (content never changes).
    profile = models.JSONField(null=True, blank=True)
    # Models: what the executor child saw when it wrote the pickle (the web never unpickles).
    summary = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["digest", "kind"], name="artifact_digest")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:12]}"
