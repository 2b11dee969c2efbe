"""Compute targets: named pools of workers, each served from its own queue."""

from django.db import models


class ComputeTarget(models.Model):
    name = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    # Declared resources, e.g. {"cpus": 2, "memory_mb": 4096, "gpus": 0}; the limits of each
    # step: memory_mb, processes, open_files, cpu_seconds (docs/security.md).
    resources = models.JSONField(default=dict, blank=True)
    concurrency = models.PositiveIntegerField(default=2)
    # Whether its workers may download packages to build a component's environment. Off (an
    # offline target), a step whose environment is not built yet is refused, not built.
    network_installs = models.BooleanField(
        default=True,
        help_text="Whether its workers may download packages to build an environment",
    )
    # Whether its steps may open network connections. Off, each step runs in a network
    # namespace of its own with only a loopback (where the worker can isolate steps at all).
    network = models.BooleanField(
        default=True,
        help_text="Whether its steps may open network connections",
    )
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


class Worker(models.Model):
    """A live worker process, as it last reported itself. Rows of stopped workers age out."""

    name = models.CharField(max_length=200, unique=True)
    host = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    # The targets it serves; an empty list means all of them (the embedded default).
    targets = models.JSONField(default=list)
    threads = models.PositiveIntegerField(default=1)
    # GPUs the worker's machine offers its steps (0: it computes on CPU only).
    gpus = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def serves(self, target: str) -> bool:
        return not self.targets or target in self.targets
