"""Removing stored artifacts that nothing refers to any more.

An artifact is kept while anything holds its id: a node run's inputs or outputs, a dataset
version, a model version. Each app that holds artifact ids registers a *keeper* (a function
returning the ids it holds) at start-up, so this module never imports the apps above it.
Everything else older than a grace period is deleted from the store and its row removed.

The grace period covers the moment between a step storing an output (`ingest`) and its
worker recording the output on the node run: an artifact younger than that is never
collected, whatever refers to it.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import ProtectedError

from .models import Artifact
from .stores import get_store

log = logging.getLogger(__name__)

Keeper = Callable[[], Iterable[int]]

_keepers: dict[str, Keeper] = {}


def register_keeper(name: str, keeper: Keeper) -> None:
    """`keeper()` returns the ids of the artifacts `name` still needs."""
    _keepers[name] = keeper


def kept_ids() -> set[int]:
    kept: set[int] = set()
    for keeper in _keepers.values():
        kept.update(int(i) for i in keeper())
    return kept


@dataclass
class Collected:
    artifacts: int = 0
    bytes: int = 0


def collect_artifacts(older_than: datetime, dry_run: bool = False) -> Collected:
    """Delete every artifact created before `older_than` that no keeper holds."""
    kept = kept_ids()
    candidates = Artifact.objects.filter(created_at__lt=older_than).exclude(pk__in=kept)
    done = Collected()
    store = get_store()
    for artifact in candidates.iterator():
        if dry_run:
            done.artifacts += 1
            done.bytes += artifact.size
            continue
        try:
            with transaction.atomic():
                Artifact.objects.filter(pk=artifact.pk).delete()
        except ProtectedError:
            continue  # a row that holds it appeared since the keepers answered
        if not Artifact.objects.filter(uri=artifact.uri).exists():
            store.delete(artifact.uri)
        done.artifacts += 1
        done.bytes += artifact.size
    if done.artifacts:
        verb = "would delete" if dry_run else "deleted"
        log.info("retention: %s %d artifact(s), %d bytes", verb, done.artifacts, done.bytes)
    return done
