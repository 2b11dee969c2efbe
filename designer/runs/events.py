"""The numbered event log of a run, and publishing it to live viewers.

`record` must be called inside the transaction that makes the change it describes: the
row and the change commit together, and the event is published only after commit, so a
viewer never hears of a change the database does not hold. Publishing happens on one
long-lived event loop per process (a fresh connection per send costs milliseconds).
"""

import asyncio
import json
import logging
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any

from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models import F

from .event_types import admit_event, admit_run_summary
from .models import Run, RunEvent

log = logging.getLogger(__name__)


def group_name(run_id: int) -> str:
    return f"run.{run_id}"


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
    with transaction.atomic():
        # The UPDATE locks the run row until commit, so sequence numbers never collide.
        Run.objects.filter(pk=run_id).update(last_seq=F("last_seq") + len(items))
        last = Run.objects.values_list("last_seq", flat=True).get(pk=run_id)
        first = last - len(items) + 1
        events, rows = [], []
        for offset, (type_, payload, node_id) in enumerate(items):
            event = {"type": type_, "seq": first + offset, **payload}
            admit_event(event)  # an unknown field or a wrong type is refused here
            events.append(event)
            rows.append(
                RunEvent(
                    run_id=run_id, seq=event["seq"], type=type_, node_id=node_id, payload=event
                )
            )
        RunEvent.objects.bulk_create(rows)
        transaction.on_commit(lambda: publisher.send(run_id, events))
    return events


RUNS_GROUP = "runs"


def announce_run(summary: dict[str, Any]) -> None:
    """Tell viewers of the runs list about a run's new state, after commit."""
    admit_run_summary(summary)
    message = {"type": "run.summary", "run": summary}
    transaction.on_commit(lambda: publisher.send_group(RUNS_GROUP, message))


def events_after(run_id: int, seq: int, limit: int = 1000) -> list[dict]:
    rows = RunEvent.objects.filter(run_id=run_id, seq__gt=seq).order_by("seq")[:limit]
    return [row.payload for row in rows]


class Publisher:
    """Sends events to the channel layer from a single event loop.

    In the embedded default the web server's own loop is used (the in-memory channel layer
    only works on the loop its consumers wait on); elsewhere a private loop thread.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            self._loop = loop

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._loop.is_closed():
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=loop.run_forever, name="event-publisher", daemon=True
                )
                thread.start()
                self._loop = loop
            return self._loop

    def send(self, run_id: int, events: list[dict]) -> None:
        # Serialized once here rather than once per viewer: a run with a hundred viewers
        # would otherwise encode every event a hundred times.
        texts = [json.dumps(event) for event in events]
        message = {"type": "run.events", "events": events, "texts": texts}
        self._submit(self._send(group_name(run_id), message))

    def send_group(self, group: str, message: dict) -> None:
        self._submit(self._send(group, message))

    def _submit(self, coro: Coroutine) -> None:
        loop = self._get_loop()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            loop.create_task(coro)
        else:
            asyncio.run_coroutine_threadsafe(coro, loop)

    async def _send(self, group: str, message: dict) -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            # A burst of events (a log flood) travels as one message; viewers unpack it.
            await layer.group_send(group, message)
        except Exception:
            # Viewers that miss an event see the gap in seq and reload from the database.
            log.warning("could not publish to %s", group, exc_info=True)


publisher = Publisher()
