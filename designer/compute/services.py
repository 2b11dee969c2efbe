"""Compute target services: CRUD, the live worker registry, and each target's load."""

import logging
import os
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from designer.accounts.acting import Action, check
from designer.errors import Conflict, InvalidInput, NotFound

from .models import ComputeTarget, Worker

log = logging.getLogger(__name__)

WORKER_TTL = timedelta(seconds=15)
HEARTBEAT_EVERY = 5.0
EDITABLE = ("description", "resources", "concurrency", "network_installs", "network")


def get_target(actor, name: str) -> ComputeTarget:
    check(actor, Action.VIEW)
    target = ComputeTarget.objects.filter(name=name).first()
    if target is None:
        raise NotFound(f"No compute target '{name}'.")
    return target


def create_target(actor, **values: Any) -> ComputeTarget:
    check(actor, Action.ADMINISTER)
    values["resources"] = validate_resources(values.get("resources", {}))
    try:
        with transaction.atomic():
            return ComputeTarget.objects.create(**values)
    except IntegrityError as exc:
        raise Conflict(f"A compute target named '{values.get('name')}' already exists.") from exc


def update_target(actor, name: str, **values: Any) -> ComputeTarget:
    check(actor, Action.ADMINISTER)
    target = get_target(actor, name)
    if "resources" in values:
        values["resources"] = validate_resources(values["resources"])
    for key, value in values.items():
        if key in EDITABLE:
            setattr(target, key, value)
    target.save()
    return target


@dataclass(frozen=True)
class Load:
    """What is waiting for and running on the compute targets right now."""

    # target name -> node runs queued for it
    queued: dict[str, int] = field(default_factory=dict)
    # target name -> node runs not yet finished (pending, queued or running)
    unfinished: dict[str, int] = field(default_factory=dict)
    # the worker names (`host:pid/thread`) running a node run
    running_on: list[str] = field(default_factory=list)


LoadProbe = Callable[[], Load]
# Node runs are the execution layer's to count; it registers its probe at start-up, so
# this app never imports what sits above it.
_load_probe: LoadProbe = Load


def register_load_probe(probe: LoadProbe) -> None:
    global _load_probe
    _load_probe = probe


def delete_target(actor, name: str) -> None:
    check(actor, Action.ADMINISTER)
    target = get_target(actor, name)
    if name == "default":
        raise Conflict("The default compute target cannot be deleted.", code="target_in_use")
    if _load_probe().unfinished.get(name):
        raise Conflict(f"Nodes are still queued or running on '{name}'.", code="target_in_use")
    target.delete()


def describe_targets(actor) -> list[dict[str, Any]]:
    check(actor, Action.VIEW)
    live = list(Worker.objects.filter(last_seen__gte=timezone.now() - WORKER_TTL))
    load = _load_probe()
    described = []
    for target in ComputeTarget.objects.all():
        workers = [w for w in live if w.serves(target.name)]
        described.append(
            {
                "name": target.name,
                "description": target.description,
                "resources": target.resources,
                "concurrency": target.concurrency,
                "network_installs": target.network_installs,
                "network": target.network,
                "queue_length": load.queued.get(target.name, 0),
                "workers": [_worker(w, load.running_on) for w in workers],
                "hints": target_hints(target, workers),
            }
        )
    return described


def target_hints(target: ComputeTarget, workers: list[Worker]) -> list[str]:
    """What does not match the target's declaration, among the workers serving it now."""
    wanted = (target.resources or {}).get("gpus") or 0
    if wanted <= 0 or not workers or any(worker.gpus > 0 for worker in workers):
        return []
    count = "1 GPU" if wanted == 1 else f"{wanted:g} GPUs"
    return [
        f"'{target.name}' declares {count}, but no worker serving it has a GPU: its steps run "
        "on CPU. Start a worker for it on a machine with a GPU."
    ]


def count_gpus() -> int:
    """GPUs this machine offers: DESIGNER_WORKER_GPUS when set, else the NVIDIA devices."""
    given = os.environ.get("DESIGNER_WORKER_GPUS", "").strip()
    if given.isdigit():
        return int(given)
    try:
        devices = os.listdir("/dev")
    except OSError:
        return 0
    return sum(1 for name in devices if re.fullmatch(r"nvidia\d+", name))


def _worker(worker: Worker, running: list[str]) -> dict[str, Any]:
    busy = sum(1 for name in running if name.startswith(f"{worker.name}/"))
    return {
        "name": worker.name,
        "host": worker.host,
        "pid": worker.pid,
        "threads": worker.threads,
        "gpus": worker.gpus,
        "busy": busy,
        "started_at": worker.started_at,
        "last_seen": worker.last_seen,
    }


# Limits of each step on the target (docs/security.md): whole numbers, with their smallest.
STEP_LIMITS = {"processes": 1, "open_files": 16, "cpu_seconds": 1}
# Past these a number means nothing to the kernel and is sure to be a mistake.
LARGEST = 2**40


def validate_resources(resources: Any) -> dict[str, Any]:
    if not isinstance(resources, dict):
        raise InvalidInput('resources must be an object like {"cpus": 2, "memory_mb": 4096}.')
    allowed = {"cpus", "memory_mb", "gpus", *STEP_LIMITS}
    unknown = set(resources) - allowed
    if unknown:
        raise InvalidInput(f"Unknown resources {sorted(unknown)}; use {sorted(allowed)}.")
    for key, value in resources.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise InvalidInput(f"resources.{key} must be a number of at least 0.")
        if value > LARGEST:
            raise InvalidInput(f"resources.{key} must be at most {LARGEST}.")
        if key in STEP_LIMITS and (not float(value).is_integer() or value < STEP_LIMITS[key]):
            raise InvalidInput(
                f"resources.{key} must be a whole number of at least {STEP_LIMITS[key]}."
            )
    return resources


class Heartbeat:
    """Keeps this process's Worker row fresh while its workers run."""

    def __init__(self, name: str, targets: list[str], threads: int) -> None:
        self.name, self.targets, self.threads = name, targets, threads
        self.gpus = count_gpus()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        self._beat()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        Worker.objects.filter(name=self.name).delete()

    def _beat(self) -> None:
        Worker.objects.update_or_create(
            name=self.name,
            defaults={
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "targets": self.targets,
                "threads": self.threads,
                "gpus": self.gpus,
                "last_seen": timezone.now(),
            },
        )

    def _run(self) -> None:
        while not self._stop.wait(HEARTBEAT_EVERY):
            try:
                self._beat()
            except Exception:
                log.warning("worker heartbeat failed", exc_info=True)
            finally:
                close_old_connections()
