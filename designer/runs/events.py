"""The numbered event log of a run.

`record` must be called inside the transaction that makes the change it describes: the
row and the change commit together. Only after commit are the events handed on, through
the `events_committed` and `run_announced` signals (the realtime app publishes them to
live viewers), so a viewer never hears of a change the database does not hold.
"""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone

from . import inserts
from .event_types import admit_event, admit_run_summary
from .models import Run, RunEvent

# Sent after commit with `run_id`, `events` (each with its `seq`) and `texts` (each event as
# JSON).
events_committed = Signal()
# Sent after commit with `summary`: a run's new state for viewers of the runs list.
run_announced = Signal()


_batch = threading.local()


@contextmanager
def batched(run_id: int) -> Iterator[None]:
    """Write the events recorded inside as one batch when the block ends.

    Use inside the transaction that makes the changes: one update of the run's sequence
    and one insert, instead of a round trip per event (a fully reused run records a
    hundred events in one advance).
    """
    if getattr(_batch, "run_id", None) is not None:
        yield  # already batching: join the outer batch
        return
    _batch.run_id, _batch.items = run_id, []
    try:
        yield
        items = _batch.items
    finally:
        _batch.run_id, _batch.items = None, []
    record_many(run_id, items)


def record(run_id: int, type_: str, payload: dict[str, Any], node_id: str = "") -> dict:
    """Append one event to the run's log and publish it after commit. Returns the event
    (without its `seq` when it waits in a batch)."""
    if getattr(_batch, "run_id", None) == run_id:
        _batch.items.append((type_, payload, node_id))
        return {"type": type_, **payload}
    return record_many(run_id, [(type_, payload, node_id)])[0]


def record_many(run_id: int, items: list[tuple[str, dict[str, Any], str]]) -> list[dict]:
    if not items:
        return []
    # Checked before anything is written: an unknown field or a wrong type is refused here,
    # and the caller's transaction stays usable (the block below takes no savepoint).
    events = []
    for offset, (type_, payload, _) in enumerate(items):
        event = {"type": type_, "seq": offset + 1, **payload}
        admit_event(event)
        events.append(event)
    with transaction.atomic(savepoint=False):
        # The UPDATE locks the run row until commit, so sequence numbers never collide.
        first = _advance_seq(run_id, len(items)) - len(items) + 1
        for offset, event in enumerate(events):
            event["seq"] = first + offset
        # Each event's JSON, made once: the row stores it and viewers are sent it.
        texts = [json.dumps(event) for event in events]
        created = inserts.ready(RunEvent, "created_at")(timezone.now())
        inserts.insert_values(
            RunEvent,
            _COLUMNS,
            [
                (run_id, event["seq"], type_, node_id, text, created)
                for event, text, (type_, _, node_id) in zip(events, texts, items, strict=True)
            ],
        )
        transaction.on_commit(
            lambda: events_committed.send(sender=Run, run_id=run_id, events=events, texts=texts)
        )
    return events


_COLUMNS = ("run_id", "seq", "type", "node_id", "payload", "created_at")


def _advance_seq(run_id: int, count: int) -> int:
    """Reserve `count` sequence numbers of the run's log; the last one. One statement
    (UPDATE ... RETURNING, which SQLite and PostgreSQL both have)."""
    table = Run._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_seq = last_seq + %s WHERE id = %s RETURNING last_seq",
            [count, run_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise Run.DoesNotExist(f"No run {run_id}.")
    return int(row[0])


def announce_run(summary: dict[str, Any]) -> None:
    """Tell viewers of the runs list about a run's new state, after commit."""
    admit_run_summary(summary)
    transaction.on_commit(lambda: run_announced.send(sender=Run, summary=summary))


def events_after(run_id: int, seq: int, limit: int = 1000) -> list[dict]:
    rows = RunEvent.objects.filter(run_id=run_id, seq__gt=seq).order_by("seq")[:limit]
    return [row.payload for row in rows]
