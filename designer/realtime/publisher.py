"""Publishes committed run events to live viewers through the channel layer.

Listens to the event log's signals (`designer.runs.events`) and sends from one long-lived
event loop per process: a fresh connection per send costs milliseconds. Viewers that miss
a message see the gap in `seq` and reload from the database, so a failed send is logged,
never raised into the transaction that recorded the event.
"""

import asyncio
import json
import logging
import threading
from collections.abc import Coroutine
from typing import Any

from channels.layers import get_channel_layer

log = logging.getLogger(__name__)

RUNS_GROUP = "runs"


def group_name(run_id: int) -> str:
    return f"run.{run_id}"


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

    def send(self, run_id: int, events: list[dict], texts: list[str] | None = None) -> None:
        # Serialized once rather than once per viewer: a run with a hundred viewers would
        # otherwise encode every event a hundred times. The event log hands over the JSON it
        # stored.
        if texts is None:
            texts = [json.dumps(event) for event in events]
        message = {"type": "run.events", "events": events, "texts": texts}
        self._submit(self._send(group_name(run_id), message))

    def send_group(self, group: str, message: dict) -> None:
        self._submit(self._send(group, message))

    def on_events(
        self, sender: Any, run_id: int, events: list[dict], texts: list[str] | None = None, **_: Any
    ) -> None:
        self.send(run_id, events, texts)

    def on_announce(self, sender: Any, summary: dict[str, Any], **_: Any) -> None:
        self.send_group(RUNS_GROUP, {"type": "run.summary", "run": summary})

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
