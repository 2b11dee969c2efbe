"""The live run stream: `ws://HOST/ws/runs/{id}/`.

On connect: check the viewer may see the run, subscribe to the run's events (through this
process's one subscription to the run's group, `fanout`), then send the snapshot, so no event
falls between the two. Then forward events in `seq` order; an event older than what was sent
is dropped, and a gap is filled from the database, so a viewer sees every event once, in
order. Each event is written as the text the publisher serialized once for every viewer, by a
writer of the viewer's own, so a slow viewer holds up nobody else.

A client that connects with `?batch=1` gets the events that are waiting for it at once (a
viewer that fell behind, a flood of log lines) as one message, `{"type": "batch", "seq": <the
last one's>, "events": [<each event as it would have come alone>, ...]}`; one waiting event
still comes alone. Without it, every event is a message of its own, as always.

A run of a workspace the user is not a member of is refused exactly like a missing one
(4404). The runs list stream (`ws://HOST/ws/runs/`) sends a run's changes only to members of
its workspace.
"""

import asyncio
import json
import time
from abc import ABC, abstractmethod
from collections import deque
from typing import Any, NamedTuple
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from designer.accounts.acting import Action, can, roles_of
from designer.accounts.models import Workspace
from designer.runs.describe import describe_run
from designer.runs.events import events_after
from designer.runs.models import Run

from .fanout import fanout
from .publisher import RUNS_GROUP, group_name

CLOSE_UNAUTHORIZED = 4401
CLOSE_NOT_FOUND = 4404
# The most events one batch message carries.
BATCH_MAX = 500
# How long the runs list stream trusts the workspaces it read for its user: a membership
# given or taken away shows within this many seconds.
MEMBERSHIPS_FOR = 10.0


class Snapshot(NamedTuple):
    seq: int
    text: str


@database_sync_to_async
def _may_view(user: Any, run_id: int) -> bool:
    """Whether the run exists and is the user's to see (memberships read afresh: a connection
    may outlive a membership)."""
    run = Run.objects.select_related("pipeline__workspace").filter(pk=run_id).first()
    roles_of(user, fresh=True)
    return run is not None and can(user, Action.VIEW, run)


@database_sync_to_async
def _read_snapshot(run_id: int) -> Snapshot | None:
    """The run as a viewer first sees it, serialized once for every viewer waiting for it;
    None when it is gone. Who may see it is checked per viewer (`_may_view`)."""
    run = (
        Run.objects.select_related("pipeline__workspace", "version", "experiment")
        .filter(pk=run_id)
        .first()
    )
    if run is None:
        return None
    described = describe_run(run)
    message = {"type": "snapshot", "seq": described["seq"], "run": described}
    return Snapshot(described["seq"], json.dumps(message))


@database_sync_to_async
def _workspace_names(user: Any) -> set[str]:
    return set(
        Workspace.objects.filter(pk__in=list(roles_of(user, fresh=True))).values_list(
            "name", flat=True
        )
    )


@database_sync_to_async
def _missing(run_id: int, after: int) -> list[dict]:
    return events_after(run_id, after)


class Outbox(ABC):
    """What a viewer has yet to be sent, and the one task that writes it (started when there
    is something to write): handing a message over never waits on the viewer's socket."""

    def _outbox_init(self) -> None:
        self.outbox: deque = deque()
        self.writer: asyncio.Task | None = None
        self.writing = False  # on once the viewer may be written to

    def _wake(self) -> None:
        if self.writing and self.writer is None and self.outbox:
            self.writer = asyncio.get_running_loop().create_task(self._write_all())

    async def _write_all(self) -> None:
        try:
            while self.outbox:
                # Everything waiting is taken at once.
                waiting = list(self.outbox)
                self.outbox.clear()
                await self.write(waiting)
        except Exception:  # the socket went away under us: disconnect() tidies up
            self.outbox.clear()
        finally:
            self.writer = None

    def _outbox_close(self) -> None:
        self.writing = False
        self.outbox.clear()
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None

    @abstractmethod
    async def write(self, waiting: list[Any]) -> None:
        """Send the messages that were waiting, in the order they came."""


class Viewer(Outbox, AsyncJsonWebsocketConsumer):
    """A websocket that only reads from the group streams of this process (`fanout`).

    It has no channel of its own in the channel layer: nothing is ever sent to one viewer,
    and a channel per viewer is not free. The in-memory layer of the embedded deployment
    walks every channel with a receiver waiting, on every send to a group (its expiry
    sweep), so a thousand viewers made each event's publish a thousand steps long; the Redis
    layer would keep a receive going for each. Naming a layer that is not configured is how
    a consumer goes without one."""

    channel_layer_alias = "viewers have no channel of their own"


class RunConsumer(Viewer):
    async def connect(self) -> None:
        self._outbox_init()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHORIZED)
            return
        self.run_id = int(self.scope["url_route"]["kwargs"]["run_id"])
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        self.batch = query.get("batch", [""])[-1] in {"1", "true", "yes"}
        if not await _may_view(user, self.run_id):
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.group = group_name(self.run_id)
        self.fanout = fanout()
        self.relay = await self.fanout.join(self.group, self)
        snapshot = await self._snapshot()
        if snapshot is None:
            self.fanout.leave(self.group, self)
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.accept()
        await self.send(text_data=snapshot.text)
        self.last_seq = snapshot.seq
        self.writing = True
        self._wake()

    async def _snapshot(self) -> Snapshot | None:
        run_id = self.run_id
        return await self.relay.snapshot(lambda: _read_snapshot(run_id))

    async def disconnect(self, code: int) -> None:
        self._outbox_close()
        if hasattr(self, "relay"):
            self.fanout.leave(self.group, self)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        # Clients may ask for a fresh snapshot, e.g. after noticing a gap themselves.
        if isinstance(content, dict) and content.get("type") == "resync":
            if not await _may_view(self.scope["user"], self.run_id):
                return
            snapshot = await self._snapshot()
            if snapshot is not None:
                self.last_seq = snapshot.seq
                await self.send(text_data=snapshot.text)

    def deliver(self, message: dict[str, Any]) -> None:
        """A message of the run's group (from this process's one subscription)."""
        if message.get("type") != "run.events":
            return
        events = message["events"]
        texts = message.get("texts")
        if texts is None:  # serialized here once for every viewer of this process
            texts = message["texts"] = [json.dumps(event) for event in events]
        self.outbox.extend(zip(events, texts, strict=True))
        self._wake()

    async def write(self, waiting: list[tuple[dict[str, Any], str]]) -> None:
        # In order, each seq once, gaps filled from the database; then written as one
        # message per event, or as batches when asked for.
        texts: list[tuple[int, str]] = []
        for event, text in waiting:
            seq = event["seq"]
            if seq <= self.last_seq:
                continue
            if seq > self.last_seq + 1:
                for missed in await _missing(self.run_id, self.last_seq):
                    if missed["seq"] >= seq:
                        break
                    if missed["seq"] > self.last_seq:
                        texts.append((missed["seq"], json.dumps(missed)))
                        self.last_seq = missed["seq"]
            texts.append((seq, text))
            self.last_seq = seq
        await self._send_texts(texts)

    async def _send_texts(self, texts: list[tuple[int, str]]) -> None:
        if not self.batch:
            for _, text in texts:
                await self.send(text_data=text)
            return
        for start in range(0, len(texts), BATCH_MAX):
            chunk = texts[start : start + BATCH_MAX]
            if len(chunk) == 1:
                await self.send(text_data=chunk[0][1])
            else:
                events = ", ".join(text for _, text in chunk)
                await self.send(
                    text_data=f'{{"type": "batch", "seq": {chunk[-1][0]}, "events": [{events}]}}'
                )


class RunListConsumer(Viewer):
    """`ws://HOST/ws/runs/`: the state changes of runs in the user's workspaces, for the runs
    list. Every summary names its run's workspace; the names the user may see are read on
    connect and again at most every MEMBERSHIPS_FOR seconds. Each summary is serialized once
    for every viewer of this process."""

    async def connect(self) -> None:
        self._outbox_init()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHORIZED)
            return
        self.workspaces = await _workspace_names(user)
        self.read_at = time.monotonic()
        self.fanout = fanout()
        self.relay = await self.fanout.join(RUNS_GROUP, self)
        await self.accept()
        self.writing = True
        self._wake()

    async def disconnect(self, code: int) -> None:
        self._outbox_close()
        if hasattr(self, "relay"):
            self.fanout.leave(RUNS_GROUP, self)

    def deliver(self, message: dict[str, Any]) -> None:
        if message.get("type") != "run.summary":
            return
        if "text" not in message:
            message["text"] = json.dumps({"type": "run", "run": message["run"]})
        self.outbox.append(message)
        self._wake()

    async def write(self, waiting: list[dict[str, Any]]) -> None:
        for message in waiting:
            if time.monotonic() - self.read_at > MEMBERSHIPS_FOR:
                self.workspaces = await _workspace_names(self.scope["user"])
                self.read_at = time.monotonic()
            if message["run"].get("workspace") in self.workspaces:
                await self.send(text_data=message["text"])
