"""Micro-batching: requests waiting for one scoring process go to it as one batch.

A scoring process answers one batch at a time. While it works, requests for it queue here;
when it is free, everything queued (up to `max_rows` rows) is joined column by column into
one batch, scored with one call, and each request gets its own slice of the predictions
back by row range. A lone request goes at once: no request waits for others to arrive.

If a joined batch is refused (`RowsRefused`: the pipeline raised on some rows), each of its
requests is scored alone, so one caller's bad rows fail only that caller. Any other failure
(the process stopped) fails the whole batch. Runs on the serving event loop only.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from .errors import RowsRefused

Columns = dict[str, list[Any]]
Score = Callable[[Columns], Awaitable[dict[str, Any]]]


@dataclass
class Pending:
    columns: Columns
    count: int
    future: asyncio.Future


class Batcher:
    def __init__(self, score: Score, max_rows: int) -> None:
        self._score = score
        self._max_rows = max_rows
        self._queue: deque[Pending] = deque()
        self._task: asyncio.Task | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    def submit(self, columns: Columns, count: int) -> asyncio.Future:
        """Queue rows now (no await, so a switch of traffic right after still finds them
        here); the future gets `{"predictions", "probabilities"?}` for exactly these rows."""
        future = asyncio.get_running_loop().create_future()
        self._queue.append(Pending(columns, count, future))
        self._idle.clear()
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())
        return future

    async def drain(self) -> None:
        """Return once every queued request has its answer."""
        await self._idle.wait()

    async def _run(self) -> None:
        try:
            while self._queue:
                batch = self._take()
                if batch:
                    await self._send(batch)
        finally:
            self._task = None
            if not self._queue:
                self._idle.set()

    def _take(self) -> list[Pending]:
        batch: list[Pending] = []
        rows = 0
        while self._queue:
            pending = self._queue[0]
            if pending.future.done():  # the caller went away
                self._queue.popleft()
                continue
            if batch and rows + pending.count > self._max_rows:
                break
            batch.append(self._queue.popleft())
            rows += pending.count
        return batch

    async def _send(self, batch: list[Pending]) -> None:
        if len(batch) == 1:
            await self._alone(batch[0])
            return
        try:
            answer = await self._score(joined(batch))
        except RowsRefused:
            for pending in batch:
                await self._alone(pending)
            return
        except Exception as exc:
            for pending in batch:
                _settle(pending, error=exc)
            return
        for pending, part in zip(batch, split(answer, batch), strict=True):
            _settle(pending, answer=part)

    async def _alone(self, pending: Pending) -> None:
        try:
            answer = await self._score(pending.columns)
        except Exception as exc:
            _settle(pending, error=exc)
        else:
            _settle(pending, answer=answer)


def joined(batch: list[Pending]) -> Columns:
    """The batch's rows as one table: columns in first-seen order, missing ones as null."""
    names = list(dict.fromkeys(name for pending in batch for name in pending.columns))
    columns: Columns = {name: [] for name in names}
    for pending in batch:
        for name in names:
            values = pending.columns.get(name)
            columns[name].extend(values if values is not None else [None] * pending.count)
    return columns


def split(answer: dict[str, Any], batch: list[Pending]) -> list[dict[str, Any]]:
    """Each request's slice of a batch answer, by the row ranges it was joined in."""
    total = sum(pending.count for pending in batch)
    parts: list[dict[str, Any]] = []
    start = 0
    for pending in batch:
        end = start + pending.count
        parts.append(
            {
                key: values[start:end]
                for key, values in answer.items()
                if isinstance(values, list) and len(values) == total
            }
        )
        start = end
    return parts


def _settle(pending: Pending, answer: dict[str, Any] | None = None, error=None) -> None:
    if pending.future.done():
        return
    if error is not None:
        pending.future.set_exception(error)
    else:
        pending.future.set_result(answer)
