"""The live run stream: `ws://HOST/ws/runs/{id}/`.

On connect: join the run's group first, then send the snapshot, so no event falls between
the two. Then forward events in `seq` order; an event older than what was sent is dropped,
and a gap is filled from the database, so a viewer sees every event once, in order.

A run of a workspace the user is not a member of is refused exactly like a missing one
(4404). The runs list stream (`ws://HOST/ws/runs/`) sends a run's changes only to members of
its workspace.
"""

import json
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from designer.accounts.acting import Action, can, roles_of
from designer.accounts.models import Workspace
from designer.runs.describe import describe_run
from designer.runs.events import events_after
from designer.runs.models import Run

from .publisher import RUNS_GROUP, group_name

CLOSE_UNAUTHORIZED = 4401
CLOSE_NOT_FOUND = 4404
# How long the runs list stream trusts the workspaces it read for its user: a membership
# given or taken away shows within this many seconds.
MEMBERSHIPS_FOR = 10.0


@database_sync_to_async
def _snapshot(user: Any, run_id: int) -> dict[str, Any] | None:
    """The run as its viewer first sees it; None when it is missing or not theirs to see
    (memberships read afresh: a connection may outlive a membership)."""
    run = (
        Run.objects.select_related("pipeline__workspace", "version", "experiment")
        .filter(pk=run_id)
        .first()
    )
    roles_of(user, fresh=True)
    if run is None or not can(user, Action.VIEW, run):
        return None
    return describe_run(run)


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


class RunConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHORIZED)
            return
        self.run_id = int(self.scope["url_route"]["kwargs"]["run_id"])
        self.group = group_name(self.run_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        snapshot = await _snapshot(user, self.run_id)
        if snapshot is None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.accept()
        self.last_seq = snapshot["seq"]
        await self.send_json({"type": "snapshot", "seq": snapshot["seq"], "run": snapshot})

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        # Clients may ask for a fresh snapshot, e.g. after noticing a gap themselves.
        if isinstance(content, dict) and content.get("type") == "resync":
            snapshot = await _snapshot(self.scope["user"], self.run_id)
            if snapshot is not None:
                self.last_seq = snapshot["seq"]
                await self.send_json({"type": "snapshot", "seq": snapshot["seq"], "run": snapshot})

    async def run_events(self, message: dict[str, Any]) -> None:
        texts = message.get("texts") or [None] * len(message["events"])
        for event, text in zip(message["events"], texts, strict=True):
            seq = event["seq"]
            if seq <= self.last_seq:
                continue
            if seq > self.last_seq + 1:
                for missed in await _missing(self.run_id, self.last_seq):
                    if missed["seq"] >= seq:
                        break
                    await self._forward(missed)
            await self._forward(event, text)

    async def _forward(self, event: dict[str, Any], text: str | None = None) -> None:
        if event["seq"] <= self.last_seq:
            return
        self.last_seq = event["seq"]
        await self.send(text_data=text or json.dumps(event))


class RunListConsumer(AsyncJsonWebsocketConsumer):
    """`ws://HOST/ws/runs/`: the state changes of runs in the user's workspaces, for the runs
    list. Every summary names its run's workspace; the names the user may see are read on
    connect and again at most every MEMBERSHIPS_FOR seconds."""

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHORIZED)
            return
        self.workspaces = await _workspace_names(user)
        self.read_at = time.monotonic()
        await self.channel_layer.group_add(RUNS_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(RUNS_GROUP, self.channel_name)

    async def run_summary(self, message: dict[str, Any]) -> None:
        if time.monotonic() - self.read_at > MEMBERSHIPS_FOR:
            self.workspaces = await _workspace_names(self.scope["user"])
            self.read_at = time.monotonic()
        if message["run"].get("workspace") in self.workspaces:
            await self.send_json({"type": "run", "run": message["run"]})
