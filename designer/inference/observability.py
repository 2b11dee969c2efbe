"""What an endpoint did: requests, errors and latency over time, and its failed requests.

Reads the minute rows every serving process writes (`serving/database.py`): rows of several
processes for the same minute add up, their latency histograms too, so percentiles are over
every request. Long ranges come in coarser buckets, so an answer stays a few hundred points.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from designer.errors import InvalidInput

from .models import InferenceEndpoint, ScoringFailure
from .realtime import get_endpoint
from .serving.stats import merge, percentile

MAX_MINUTES = 7 * 24 * 60
SUMMARY_MINUTES = 60


def endpoint_stats(actor, name: str, minutes: int = 60) -> dict[str, Any]:
    """Totals and buckets over the last `minutes`, for the endpoint and per deployment."""
    if not 1 <= minutes <= MAX_MINUTES:
        raise InvalidInput(f"minutes must be between 1 and {MAX_MINUTES}.", code="bad_minutes")
    endpoint = get_endpoint(actor, name)
    since = _minute(timezone.now()) - timedelta(minutes=minutes - 1)
    width = _bucket_seconds(minutes)
    rows = list(endpoint.minutes.filter(minute__gte=since))
    deployments = {d.name: d for d in endpoint.deployments.all()}
    names = list(deployments) + sorted({r.deployment for r in rows} - set(deployments))
    return {
        "endpoint": endpoint.name,
        "since": since,
        "minutes": minutes,
        "bucket_seconds": width,
        "total": _summary(rows),
        "buckets": _buckets(rows, width),
        "deployments": [
            _deployment(n, deployments.get(n), [r for r in rows if r.deployment == n], width)
            for n in names
        ],
    }


def summary(endpoint: InferenceEndpoint) -> dict[str, Any]:
    """The last hour's totals, for an endpoint's detail."""
    since = _minute(timezone.now()) - timedelta(minutes=SUMMARY_MINUTES - 1)
    return {"minutes": SUMMARY_MINUTES, **_summary(endpoint.minutes.filter(minute__gte=since))}


def list_failures(actor, name: str) -> QuerySet[ScoringFailure]:
    return get_endpoint(actor, name).failures.all()


def serving(deployment) -> dict[str, Any]:
    """What a deployment serves: what was deployed and the models and datasets it reads."""
    return {"target": deployment.target, "sources": deployment.sources}


def _deployment(name: str, row, rows: list, width: int) -> dict[str, Any]:
    return {
        "name": name,
        "current": row is not None,
        "traffic": row.traffic if row is not None else 0,
        "serving": serving(row) if row is not None else None,
        "total": _summary(rows),
        "buckets": _buckets(rows, width),
    }


def _summary(rows) -> dict[str, Any]:
    rows = list(rows)
    latencies = merge(r.latencies for r in rows)
    return {
        "count": sum(r.count for r in rows),
        "errors": sum(r.errors for r in rows),
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
    }


def _buckets(rows: list, width: int) -> list[dict[str, Any]]:
    grouped: dict[datetime, list] = defaultdict(list)
    for row in rows:
        start = datetime.fromtimestamp(
            int(row.minute.timestamp()) // width * width, row.minute.tzinfo
        )
        grouped[start].append(row)
    return [{"start": start, **_summary(grouped[start])} for start in sorted(grouped)]


def _bucket_seconds(minutes: int) -> int:
    if minutes <= 180:
        return 60
    if minutes <= 24 * 60:
        return 300
    return 3600


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)
