"""Datastores (registered places to read files from) and datasets with immutable versions.

A dataset version points at a dataframe artifact, whose content never changes; the version
row itself is never updated after it is made.
"""

from django.conf import settings
from django.db import models

from designer.accounts.models import default_workspace_id
from designer.artifacts.models import Artifact

from .choices import DatastoreKind


class Datastore(models.Model):
    # Empty for what the instance itself provides (built-ins), which every workspace sees.
    workspace = models.ForeignKey(
        "accounts.Workspace", null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    name = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=DatastoreKind.choices)
    # local: an absolute folder under one of DESIGNER_DATA_ROOTS.
    path = models.CharField(max_length=1000, blank=True)
    # s3: bucket, an optional key prefix, and the service's URL when it is not AWS.
    bucket = models.CharField(max_length=255, blank=True)
    prefix = models.CharField(max_length=1000, blank=True)
    endpoint_url = models.CharField(max_length=500, blank=True)
    # http: the base URL a file's path is appended to.
    url = models.CharField(max_length=1000, blank=True)
    description = models.TextField(blank=True)
    # A Fernet token of the credentials' JSON (see credentials.py); empty when there are none.
    credentials_encrypted = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_credentials(self) -> bool:
        return bool(self.credentials_encrypted)


class Dataset(models.Model):
    # Empty for the built-in samples, which every workspace reads.
    workspace = models.ForeignKey(
        "accounts.Workspace",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        default=default_workspace_id,
    )
    name = models.CharField(max_length=64, unique=True)
    description = models.TextField(blank=True)
    tags = models.JSONField(default=list)
    # The newest version, kept here (under the dataset's row lock) so lists need no subquery.
    latest = models.ForeignKey(
        "DatasetVersion", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
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


class DatasetVersion(models.Model):
    dataset = models.ForeignKey(Dataset, related_name="versions", on_delete=models.CASCADE)
    version = models.PositiveIntegerField()
    # PROTECT: the stored table of a version is never deleted while the version exists.
    artifact = models.ForeignKey(Artifact, related_name="+", on_delete=models.PROTECT)
    # The artifact's content digest, copied so "same content as the newest?" needs no join.
    digest = models.CharField(max_length=64)
    # Where it came from: {"kind": upload|datastore|run|sample, and "file", "datastore",
    # "path", "run", "node", "port" or "loader" as fits}.
    source = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "version"], name="dataset_version_number")
        ]
        ordering = ["dataset", "-version"]

    def __str__(self) -> str:
        return f"{self.dataset.name} v{self.version}"
