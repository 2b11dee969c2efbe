"""Which environment a node runs in, made ready before its child starts.

A component without an `environment:` runs in the default one: its children fork from the
worker's zygote (`launcher.start`) and nothing here costs more than a lookup. A component
with one runs in the virtualenv of its recipe's digest: found ready, or built now by this
worker with the build's progress and the installer's lines on the node ("preparing
environment 40 %"), then its children fork from that environment's zygote. A compute target
with `network_installs` off never builds: a step whose environment is not ready is refused
with what to do instead. This module must not decide what runs next or record outcomes;
`step` does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from typing import Any, Protocol

from django.conf import settings

from designer.compute.models import ComputeTarget
from designer.registry.environments import component_recipe
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun
from designer.runtime.virtualenv_build import EnvironmentStore, Prepared
from designer.runtime.virtualenv_recipe import Recipe
from designer.runtime.zygote_pool import ZygotePool

from . import lifecycle
from .launcher import start

HEARTBEAT_SECONDS = 1.0

Record = Callable[[list[dict[str, Any]]], None]


class StepChild(Protocol):
    """What `step` needs of a running executor child, wherever it was forked."""

    @property
    def pid(self) -> int | None: ...

    def wait(self, timeout: float) -> int | None: ...

    def kill(self) -> None: ...


# (The task's file, and what it holds.)
Launch = Callable[[str, dict[str, Any]], StepChild]


# The zygotes of the environments this worker runs steps in, let go when idle.
zygotes = ZygotePool(lambda: float(settings.DESIGNER_ENV_ZYGOTE_IDLE))


class EnvironmentRefused(RuntimeError):
    """The node's compute target does not build environments, and this one is not built."""


@cache
def _store(root: str, uv_cache: str, timeout: float) -> EnvironmentStore:
    return EnvironmentStore(root, uv_cache, timeout)


def environment_store() -> EnvironmentStore:
    """The store the settings name (one object per distinct setting, for the tests' sake)."""
    return _store(
        str(settings.DESIGNER_ENVIRONMENTS),
        str(settings.DESIGNER_UV_CACHE),
        float(settings.DESIGNER_ENV_BUILD_TIMEOUT),
    )


def prepare(node_run: NodeRun, record: Record) -> tuple[Launch, dict[str, Any] | None]:
    """How to start the node's child, and the task's `environment` entry (None by default).

    Raises EnvironmentInvalid (an unreadable requirements file), EnvironmentRefused,
    BuildFailed with the installer's message, or BuildAbandoned when the node stopped being
    this worker's while its environment was building."""
    recipe = component_recipe(node_run.component)
    environment = node_run.component.parsed.environment
    if recipe is None or environment is None:
        return start, None
    prepared = environment_store().find(recipe) or _build(node_run, recipe, record)
    entry = {"digest": recipe.digest, "description": recipe.describe()}

    def launch(task_path: str, task: dict[str, Any]) -> StepChild:
        return zygotes.child(prepared, environment.preload, task_path)

    return launch, entry


def _build(node_run: NodeRun, recipe: Recipe, record: Record) -> Prepared:
    if not _may_install(node_run.compute):
        raise EnvironmentRefused(
            f"Compute target '{node_run.compute}' does not build environments "
            f"(network_installs is off), and environment {recipe.digest} "
            f"({recipe.describe()}) is not built on this worker. Build it beforehand with "
            f"`python manage.py build_environments {node_run.component.ref}`, or run this node "
            "on a compute target that may install packages."
        )
    record([_system_line(f"environment {recipe.digest} ({recipe.describe()}) is not built yet")])
    prepared = environment_store().build(recipe, NodeWatcher(node_run, record))
    # From here on the progress shown is the step's own, which starts at nothing done.
    record([{"type": "progress", "current": 0, "total": 1}])
    return prepared


def _may_install(compute: str) -> bool:
    allowed = (
        ComputeTarget.objects.filter(name=compute)
        .values_list("network_installs", flat=True)
        .first()
    )
    return allowed is not False  # an unknown target keeps the default: installs allowed


class NodeWatcher:
    """Shows a build on its node (log lines, progress) and keeps the node run's lease alive."""

    def __init__(self, node_run: NodeRun, record: Record) -> None:
        self.node_run = node_run
        self.record = record
        self.shown: tuple[int, str] | None = None
        self.beat_at = 0.0
        self.running = True

    def line(self, text: str) -> None:
        self.record([_system_line(f"environment: {text}")])

    def progress(self, percent: int, label: str) -> None:
        if self.shown == (percent, label):
            return
        self.shown = (percent, label)
        self.record([{"type": "progress", "current": percent, "total": 100, "label": label}])

    def keep_going(self) -> bool:
        """Heartbeat; False once the node was canceled or handed to another worker."""
        now = time.monotonic()
        if now - self.beat_at >= HEARTBEAT_SECONDS:
            self.beat_at = now
            self.running = lifecycle.heartbeat(self.node_run.pk) == NodeStatus.RUNNING
        return self.running


def _system_line(text: str) -> dict[str, Any]:
    return {"type": "log", "stream": "system", "line": text}
