"""Registry rows: one per component version. `name@version` never changes once stored."""

from pathlib import Path

from django.conf import settings
from django.db import models

from designer.kernel.spec import ComponentSpec, parse_spec

_parsed: dict[tuple[int | None, str], ComponentSpec] = {}


class Component(models.Model):
    # Empty for what the instance itself provides (built-ins), which every workspace sees.
    workspace = models.ForeignKey(
        "accounts.Workspace", null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    name = models.CharField(max_length=100)
    version = models.CharField(max_length=50)
    display_name = models.CharField(max_length=200)
    category = models.CharField(max_length=100, db_index=True)
    description = models.TextField(blank=True)
    spec = models.JSONField()
    code_digest = models.CharField(max_length=64)
    # Folder of the component's files, relative to its root (built-in or user store).
    source_dir = models.CharField(max_length=500)
    builtin = models.BooleanField(default=False)
    # A yanked version stays for the pipelines and runs that pin it but is never offered or
    # taken as the latest; a deprecated one is still offered, with a warning.
    yanked = models.BooleanField(default=False)
    deprecated = models.BooleanField(default=False)
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="component_name_version")
        ]
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def parsed(self) -> ComponentSpec:
        # Specs are immutable per content digest, so one parse serves every row and thread.
        key = (self.pk, self.code_digest)
        spec = _parsed.get(key)
        if spec is None:
            spec = _parsed[key] = parse_spec(self.spec, source=f"{self.ref}/component.yaml")
        return spec

    @property
    def path(self) -> Path:
        root = (
            settings.DESIGNER_COMPONENTS_DIR
            if self.builtin
            else settings.DESIGNER_USER_COMPONENTS_DIR
        )
        return Path(root) / self.source_dir
