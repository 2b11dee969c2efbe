"""One subscription to a group per process, shared by every viewer of it here.

A viewer of a run does not join the run's channel-layer group itself: the process joins once
(one channel per group, however many viewers), receives each message once and hands it to
its local viewers, which write the text serialized once by the publisher. So an event costs
one channel-layer message per process (one Redis round trip in the distributed deployment,
one copy in memory in the embedded one), not one per viewer, and no per-viewer dispatch.

The snapshot a viewer starts from is read once for every viewer waiting for one
(`Relay.snapshot`): a viewer that asks joins the next read, which starts after it asked, so
it never misses an event published between its joining and its snapshot.

Everything here lives on one event loop (the server's); `fanout()` gives that loop's.
"""

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from channels.layers import get_channel_layer

log = logging.getLogger(__name__)

# Channel layers forget a group member after a day (`group_expiry`); a relay can live longer
# (a runs list left open), so it joins again well before that.
REJOIN_SECONDS = 3600.0


class Subscriber(Protocol):
    def deliver(self, message: dict[str, Any]) -> None:
        """Take one message of the group; must not block (queue it and write later)."""


class Relay:
    """A group's one channel in this process and the local subscribers it feeds."""

    def __init__(self, group: str) -> None:
        self.group = group
        self.subscribers: set[Subscriber] = set()
        self.joined: asyncio.Future = asyncio.get_running_loop().create_future()
        self._task = asyncio.get_running_loop().create_task(self._listen())
        # Snapshots: the read running now, and the next one, which its askers wait for.
        self._reading: asyncio.Future | None = None
        self._next: asyncio.Future | None = None
        self._read: Callable[[], Awaitable[Any]] | None = None

    async def _listen(self) -> None:
        layer = get_channel_layer()
        channel = None
        rejoin = None
        try:
            channel = await layer.new_channel()
            await layer.group_add(self.group, channel)
            self.joined.set_result(None)
            keep = _keep_joined(layer, self.group, channel)
            rejoin = asyncio.get_running_loop().create_task(keep)
            while True:
                message = await layer.receive(channel)
                for subscriber in list(self.subscribers):
                    try:
                        subscriber.deliver(message)
                    except Exception:
                        log.warning("could not hand a message to a viewer", exc_info=True)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("the stream of %s stopped", self.group, exc_info=True)
            if not self.joined.done():
                self.joined.set_exception(exc)
        finally:
            if rejoin is not None:
                rejoin.cancel()
            if channel is not None:
                # Leave the group on a task of its own: this one is being cancelled.
                asyncio.get_running_loop().create_task(_discard(layer, self.group, channel))

    def stop(self) -> None:
        self._task.cancel()

    async def snapshot(self, read: Callable[[], Awaitable[Any]]) -> Any:
        """The result of `read()`, run after this call began; one run serves every caller
        that asked while the one before was still running."""
        self._read = read
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        future = self._next
        if self._reading is None:
            self._start_read()
        return await asyncio.shield(future)

    def _start_read(self) -> None:
        future, self._next = self._next, None
        self._reading = future
        asyncio.get_running_loop().create_task(self._read_into(future))

    async def _read_into(self, future: asyncio.Future) -> None:
        try:
            result = await self._read()
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: each asker sees it when it awaits
        else:
            future.set_result(result)
        finally:
            self._reading = None
            if self._next is not None:
                self._start_read()


async def _keep_joined(layer: Any, group: str, channel: str) -> None:
    while True:
        await asyncio.sleep(REJOIN_SECONDS)
        try:
            await layer.group_add(group, channel)
        except Exception:
            log.warning("could not renew the subscription to %s", group, exc_info=True)


async def _discard(layer: Any, group: str, channel: str) -> None:
    try:
        await layer.group_discard(group, channel)
    except Exception:
        log.warning("could not leave %s", group, exc_info=True)


class Fanout:
    """The relays of one event loop, one per group with a subscriber here."""

    def __init__(self) -> None:
        self.relays: dict[str, Relay] = {}

    async def join(self, group: str, subscriber: Subscriber) -> Relay:
        """Subscribe; returns once this process is in the group, so every message sent to it
        from then on reaches `subscriber`."""
        relay = self.relays.get(group)
        if relay is None:
            relay = self.relays[group] = Relay(group)
        relay.subscribers.add(subscriber)
        try:
            await asyncio.shield(relay.joined)
        except Exception:
            self.leave(group, subscriber)
            raise
        return relay

    def leave(self, group: str, subscriber: Subscriber) -> None:
        relay = self.relays.get(group)
        if relay is None:
            return
        relay.subscribers.discard(subscriber)
        if not relay.subscribers:
            del self.relays[group]
            relay.stop()


_fanouts: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Fanout]" = (
    weakref.WeakKeyDictionary()
)


def fanout() -> Fanout:
    """This event loop's fan-out (the server has one loop; each test its own)."""
    loop = asyncio.get_running_loop()
    found = _fanouts.get(loop)
    if found is None:
        found = _fanouts[loop] = Fanout()
    return found
