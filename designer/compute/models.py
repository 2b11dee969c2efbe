"""Compute targets: named pools of workers, each served from its own queue."""

from django.db import models


class ComputeTarget(models.Model):
    name = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    # Declared resources, e.g. {"cpus": 2, "memory_mb": 4096, "gpus": 0}.
    resources = models.JSONField(default=dict, blank=True)
    concurrency = models.PositiveIntegerField(default=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def queue_name(self) -> str:
        return queue_for(self.name)


def queue_for(target: str) -> str:
    return f"compute.{target}"
