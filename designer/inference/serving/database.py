"""What the serving loop reads from and writes to the database, as plain blocking functions.

The hub calls each of them in a worker thread (`asyncio.to_thread`), never on the event loop,
and each closes the thread's connection when it is stale, like the end of a request does.
They read endpoints and deployments as immutable configs, and write minute totals and
failures in bulk: nothing here runs once per request.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from designer.inference.models import (
    Deployment,
    InferenceEndpoint,
    ScoringFailure,
    ScoringMinute,
)
from designer.inference.plans import local_plan

from .stats import Taken


@dataclass(frozen=True)
class DeploymentConfig:
    name: str
    traffic: int
    key: str
    spec: dict[str, Any]
    input_schema: list[dict[str, str]]


@dataclass(frozen=True)
class EndpointConfig:
    id: int
    workspace_id: int
    name: str
    revision: int
    deployments: tuple[DeploymentConfig, ...]


def _connection_hygiene(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        close_old_connections()
        try:
            return function(*args, **kwargs)
        finally:
            close_old_connections()

    return wrapper


@_connection_hygiene
def config_of(name: str) -> EndpointConfig | None:
    endpoint = InferenceEndpoint.objects.filter(name=name).first()
    if endpoint is None:
        return None
    return EndpointConfig(
        id=endpoint.pk,
        workspace_id=endpoint.workspace_id,
        name=endpoint.name,
        revision=endpoint.revision,
        deployments=tuple(
            DeploymentConfig(d.name, d.traffic, d.key, d.spec, d.input_schema)
            for d in Deployment.objects.filter(endpoint=endpoint).order_by("position")
        ),
    )


@_connection_hygiene
def revisions_of(names: list[str]) -> dict[str, int]:
    """The current revision of each endpoint named; a deleted one is missing."""
    rows = InferenceEndpoint.objects.filter(name__in=names).values_list("name", "revision")
    return dict(rows)


@_connection_hygiene
def plan_of(spec: dict[str, Any]) -> dict[str, Any]:
    return local_plan(spec)


@_connection_hygiene
def store(taken: Taken, process: str, failures_kept: int) -> None:
    """Write the minutes and failures `taken` from a process's recorder."""
    ids = {key[0] for key in taken.buckets} | {f.endpoint for f in taken.failures}
    existing = set(InferenceEndpoint.objects.filter(pk__in=ids).values_list("pk", flat=True))
    for (endpoint, deployment, minute), bucket in taken.buckets.items():
        if endpoint not in existing:
            continue
        try:
            with transaction.atomic():
                ScoringMinute.objects.update_or_create(
                    endpoint_id=endpoint,
                    deployment=deployment,
                    minute=datetime.fromtimestamp(minute, UTC),
                    process=process,
                    defaults={
                        "count": bucket.count,
                        "errors": bucket.errors,
                        "latencies": {str(k): v for k, v in bucket.latencies.items()},
                    },
                )
        except IntegrityError:
            continue  # the endpoint was deleted since
    _store_failures(taken, existing, failures_kept)


def _store_failures(taken: Taken, existing: set[int], kept: int) -> None:
    rows = [
        ScoringFailure(
            endpoint_id=f.endpoint,
            deployment=f.deployment,
            at=datetime.fromtimestamp(f.at, UTC),
            status=f.status,
            code=f.code,
            message=f.message,
            columns=f.columns,
        )
        for f in taken.failures
        if f.endpoint in existing
    ]
    try:
        ScoringFailure.objects.bulk_create(rows)
    except IntegrityError:
        return
    for endpoint in {row.endpoint_id for row in rows}:
        newest = ScoringFailure.objects.filter(endpoint_id=endpoint).order_by("-id")
        cut = newest.values_list("id", flat=True)[kept : kept + 1]
        if cut:
            ScoringFailure.objects.filter(endpoint_id=endpoint, id__lte=cut[0]).delete()


@_connection_hygiene
def forget_minutes_before(days: float) -> int:
    """Delete minute rows older than `days`; how many went."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = ScoringMinute.objects.filter(minute__lt=cutoff).delete()
    return deleted


@_connection_hygiene
def endpoint_names() -> list[str]:
    return list(InferenceEndpoint.objects.order_by("name").values_list("name", flat=True))
