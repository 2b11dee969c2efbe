"""Per-minute request counts and latency histograms, kept in memory between flushes.

A serving process records every answered request here (a few dict operations, no I/O); the
hub writes what changed to the database every few seconds (`take`). A minute's row holds
this process's running totals for that minute, so writing it again is harmless and rows
from several processes add up. Latencies go into logarithmic bins 5 % wide (bin `i` starts
at `BASE_MS * GROWTH**i`), so percentiles read from summed bins are within 5 % of exact.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

BASE_MS = 0.05
GROWTH = 1.05
MAX_PENDING_FAILURES = 1000


def bin_of(ms: float) -> int:
    """The bin of a latency in milliseconds."""
    if ms <= BASE_MS:
        return 0
    return int(math.log(ms / BASE_MS) / math.log(GROWTH))


def bin_value(index: int) -> float:
    """A latency that stands for bin `index`: the middle of its range."""
    return BASE_MS * GROWTH ** (index + 0.5)


def merge(histograms: Iterable[Mapping[Any, int]]) -> dict[int, int]:
    total: dict[int, int] = {}
    for histogram in histograms:
        for index, count in histogram.items():
            total[int(index)] = total.get(int(index), 0) + int(count)
    return total


def percentile(histogram: Mapping[int, int], q: float) -> float | None:
    """The latency below which a fraction `q` of the counted requests fall; None if none."""
    count = sum(histogram.values())
    if not count:
        return None
    rank = q * count
    seen = 0
    for index in sorted(histogram):
        seen += histogram[index]
        if seen >= rank:
            return round(bin_value(index), 2)
    return round(bin_value(max(histogram)), 2)


@dataclass
class Bucket:
    count: int = 0
    errors: int = 0
    latencies: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    endpoint: int
    deployment: str
    at: float
    status: int
    code: str
    message: str
    columns: list[str]


@dataclass
class Taken:
    """What changed since the last flush: whole minute buckets, and new failures."""

    buckets: dict[tuple[int, str, int], Bucket]
    failures: list[Failure]
    dropped_failures: int = 0


class Recorder:
    """In-memory counts of one process; `record` and `fail` run on the event loop."""

    def __init__(self, clock=time.time) -> None:
        self._clock = clock
        self._buckets: dict[tuple[int, str, int], Bucket] = {}
        self._dirty: set[tuple[int, str, int]] = set()
        self._failures: list[Failure] = []
        self._dropped = 0

    def record(self, endpoint: int, deployment: str, ok: bool, ms: float) -> None:
        """Count one request; the latency of answered ones goes into the histogram."""
        key = (endpoint, deployment, int(self._clock() // 60) * 60)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = Bucket()
        bucket.count += 1
        if ok:
            index = bin_of(ms)
            bucket.latencies[index] = bucket.latencies.get(index, 0) + 1
        else:
            bucket.errors += 1
        self._dirty.add(key)

    def fail(self, failure: Failure) -> None:
        """Keep a failed request for the log; past the cap between flushes, only count it."""
        if len(self._failures) >= MAX_PENDING_FAILURES:
            self._dropped += 1
            return
        self._failures.append(failure)

    def now(self) -> float:
        return self._clock()

    def take(self) -> Taken:
        """The buckets that changed and the failures since the last call; minutes that can
        no longer change (older than the previous one) are forgotten once taken."""
        taken = Taken(
            buckets={key: _copy(self._buckets[key]) for key in self._dirty},
            failures=self._failures,
            dropped_failures=self._dropped,
        )
        self._dirty = set()
        self._failures = []
        self._dropped = 0
        oldest = int(self._clock() // 60) * 60 - 60
        self._buckets = {k: v for k, v in self._buckets.items() if k[2] >= oldest}
        return taken

    def give_back(self, taken: Taken) -> None:
        """A flush that failed: mark its minutes changed again and keep its failures."""
        for key, bucket in taken.buckets.items():
            # A minute forgotten since holds its final totals in `taken`: keep those.
            self._buckets.setdefault(key, bucket)
            self._dirty.add(key)
        room = MAX_PENDING_FAILURES - len(self._failures)
        self._failures = taken.failures[:room] + self._failures
        self._dropped += taken.dropped_failures + max(0, len(taken.failures) - room)


def _copy(bucket: Bucket) -> Bucket:
    return Bucket(bucket.count, bucket.errors, dict(bucket.latencies))
