"""The serving state of one process: endpoints as served, their scoring processes, their stats.

An endpoint is served from an immutable `Served` (its revision's routes and traffic split).
The first request for an endpoint loads it; a change (PATCH, DELETE) reaches the process
either directly (`reload`, from the request that made it, in the process that serves) or
within a second by polling the revisions of the endpoints it serves. Switching:

1. workers (scoring processes) for deployments not running yet start and load their models;
   requests keep going to the old routes meanwhile;
2. the new `Served` replaces the old one in a single assignment on the event loop: a request
   picks its route and queues its rows on that route's worker without awaiting in between,
   so every request is queued on a worker of either the old or the new revision;
3. old workers no route uses any more answer everything queued on them, then stop.

Deployments with the same plan share one worker (a traffic change restarts nothing). Counts
and latencies are recorded in memory and written every few seconds (`stats`, `database`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from designer.accounts.acting import Action, check
from designer.errors import DomainError, InvalidInput, NotFound

from ..payloads import column_names, read_rows
from . import database
from .auth import TokenCache
from .errors import ScorerUnavailable
from .settings import ServingSettings
from .stats import Failure, Recorder
from .traffic import TrafficSplit
from .worker import Worker

log = logging.getLogger(__name__)

TARGET_HEADER = "X-Pipewright-Deployment"
STATS_CLEANUP_EVERY = 600.0
# An endpoint whose scoring process would not start is not tried again for this long: every
# request would otherwise start (and lose) a process of its own.
RETRY_START_AFTER = 5.0
_folders = itertools.count(1)


@dataclass(frozen=True)
class Route:
    name: str
    key: str
    input_schema: list[dict[str, str]]
    worker: Worker


@dataclass
class Served:
    id: int
    workspace_id: int  # whose members may score it (`acting.check` reads it)
    name: str
    revision: int
    routes: dict[str, Route]
    split: TrafficSplit

    def route(self, target: str | None) -> Route:
        """The route a request goes to: the one it names, else the next by traffic."""
        if target:
            route = self.routes.get(target)
            if route is None:
                known = ", ".join(self.routes) or "none"
                raise NotFound(
                    f"Endpoint '{self.name}' has no deployment '{target[:64]}' (named by "
                    f"{TARGET_HEADER}); its deployments are: {known}.",
                    code="unknown_deployment",
                )
            return route
        chosen = self.split.choose()
        if chosen is None:
            raise ScorerUnavailable(
                f"Endpoint '{self.name}' has no deployment with traffic; deploy one, or name "
                f"one with the {TARGET_HEADER} header.",
                code="no_deployment",
            )
        return self.routes[chosen]


class Hub:
    def __init__(self, settings: ServingSettings) -> None:
        self.settings = settings
        self.loop: asyncio.AbstractEventLoop | None = None
        self.endpoints: dict[str, Served] = {}
        self.workers: dict[str, Worker] = {}
        self.recorder = Recorder()
        self.tokens = TokenCache(settings.token_seconds)
        self.process = f"{socket.gethostname()}:{os.getpid()}:{int(time.time())}"
        self._holds: dict[str, int] = defaultdict(int)
        self._locks: dict[str, asyncio.Lock] = {}
        self._refused: dict[str, tuple[float, DomainError]] = {}
        self._unloadable: dict[str, int | None] = {}
        self._tasks: list[asyncio.Task] = []
        self._thread: threading.Thread | None = None

    # --- life cycle -------------------------------------------------------------------

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Serve on `loop` (the server's own); start polling for changes and flushing stats."""
        self.loop = loop
        self._tasks = [
            loop.create_task(self._every(self.settings.poll_every, self.poll)),
            loop.create_task(self._every(self.settings.flush_every, self.flush)),
            loop.create_task(self._every(STATS_CLEANUP_EVERY, self._forget_old_minutes)),
        ]

    async def close(self) -> None:
        """Stop polling, answer what is queued, stop every scoring process, flush stats."""
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        self.endpoints = {}
        workers, self.workers = list(self.workers.values()), {}
        await asyncio.gather(*(w.retire() for w in workers), return_exceptions=True)
        await self.flush()

    async def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        """Await `coroutine` on the serving loop from any running loop (the server's own is
        the serving loop once `attach`ed, and then this is a plain await)."""
        loop = asyncio.get_running_loop()
        if self.loop is None:
            self.attach(loop)
        if self.loop is loop:
            return await coroutine
        assert self.loop is not None
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop))

    def call(self, coroutine: Coroutine[Any, Any, Any], timeout: float | None = None) -> Any:
        """Run `coroutine` on the serving loop from a thread that is not the loop's own."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._running_loop())
        return future.result(timeout)

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        """The attached loop; in a process that serves nothing (a test, a shell) a private
        one on a daemon thread, started on first use."""
        if self.loop is None:
            loop = asyncio.new_event_loop()
            self._thread = threading.Thread(
                target=loop.run_forever, name="inference-serving", daemon=True
            )
            self._thread.start()
            self.attach(loop)
        assert self.loop is not None
        return self.loop

    # --- scoring ----------------------------------------------------------------------

    async def score(
        self, name: str, user: Any, body: Callable[[], Any], target: str | None = None
    ) -> dict[str, Any]:
        """Score the rows of `body()` on endpoint `name` as `user`; a DomainError otherwise.

        `user`'s roles are read beforehand, off the loop (`roles_of`): the token cache reads
        them with the token, a session's request before it calls."""
        started = time.perf_counter()
        served = await self.served(name)
        try:
            check(user, Action.RUN, served)
        except NotFound:  # outside its workspace: as if there were no such endpoint
            raise NotFound(f"No real-time endpoint named '{name}'.") from None
        deployment, sent = "", None
        try:
            route = served.route(target)
            deployment = route.name
            sent = body()
            rows = read_rows(sent, route.input_schema, self.settings.max_rows)
            answer = await route.worker.submit(rows.columns, rows.count)
        except DomainError as error:
            self._failed(served, deployment, error, sent)
            raise
        self.recorder.record(served.id, deployment, True, (time.perf_counter() - started) * 1000)
        return {**answer, "deployment": deployment}

    def _failed(self, served: Served, deployment: str, error: DomainError, sent: Any) -> None:
        self.recorder.record(served.id, deployment, False, 0.0)
        self.recorder.fail(
            Failure(
                endpoint=served.id,
                deployment=deployment,
                at=self.recorder.now(),
                status=error.status,
                code=error.code,
                message=_loggable(error),
                columns=column_names(sent),
            )
        )

    # --- endpoints as served ----------------------------------------------------------

    async def served(self, name: str) -> Served:
        """The endpoint as this process serves it, loading it on first use."""
        served = self.endpoints.get(name)
        if served is not None:
            return served
        async with self._lock(name):
            if name not in self.endpoints:
                await self._first_load(name)
        served = self.endpoints.get(name)
        if served is None:
            raise NotFound(f"No real-time endpoint named '{name}'.")
        return served

    async def _first_load(self, name: str) -> None:
        until, error = self._refused.get(name, (0.0, None))
        if error is not None and time.monotonic() < until:
            raise error
        try:
            await self._load(name)
        except DomainError as error:
            self._refused[name] = (time.monotonic() + RETRY_START_AFTER, error)
            raise
        self._refused.pop(name, None)

    async def reload(self, name: str) -> None:
        """Serve the endpoint as the database has it now (a change, or its deletion)."""
        async with self._lock(name):
            self._refused.pop(name, None)
            await self._load(name)

    async def poll(self) -> None:
        """Reload the served endpoints whose revision changed in the database."""
        names = list(self.endpoints)
        if not names:
            return
        revisions = await asyncio.to_thread(database.revisions_of, names)
        for name in names:
            served = self.endpoints.get(name)
            revision = revisions.get(name)
            if served is None or revision == served.revision:
                continue
            if revision is not None and self._unloadable.get(name) == revision:
                continue  # it failed to load already: wait for the next change
            try:
                await self.reload(name)
            except DomainError as error:
                self._unloadable[name] = revision
                log.error("endpoint %s keeps revision %s: %s", name, served.revision, error)
            else:
                self._unloadable.pop(name, None)

    async def prepare(self, plans: list[tuple[str, dict[str, Any]]]) -> list[str]:
        """Start a worker for each (key, spec) not running yet and hold it until `release`,
        so a change can be refused before it is saved if a deployment does not start."""
        keys = [key for key, _ in plans]
        for key, spec in plans:
            self._holds[key] += 1
            self._worker(key, spec)
        try:
            await asyncio.gather(*(self.workers[key].ready() for key in keys))
        except BaseException:
            self.release(keys)
            raise
        return keys

    def release(self, keys: list[str]) -> None:
        for key in keys:
            self._holds[key] -= 1
            if self._holds[key] <= 0:
                del self._holds[key]
        self._retire_unused(keys)

    async def _load(self, name: str) -> None:
        config = await asyncio.to_thread(database.config_of, name)
        old = self.endpoints.get(name)
        if config is None:
            self.endpoints.pop(name, None)
        else:
            # Ready before routed; held until routed, so nothing retires them in between.
            keys = await self.prepare([(d.key, d.spec) for d in config.deployments])
            try:
                self.endpoints[name] = _served(config, self.workers)
            finally:
                self.release(keys)
        if old is not None:
            self._retire_unused([route.key for route in old.routes.values()])

    def _worker(self, key: str, spec: dict[str, Any]) -> Worker:
        worker = self.workers.get(key)
        if worker is None:
            folder = self.settings.work_root / f"{key[:16]}-{os.getpid()}-{next(_folders)}"
            worker = Worker(
                key, lambda: asyncio.to_thread(database.plan_of, spec), folder, self.settings
            )
            self.workers[key] = worker
        return worker

    def _retire_unused(self, keys: list[str]) -> None:
        used = {r.key for served in self.endpoints.values() for r in served.routes.values()}
        for key in set(keys) - used - set(self._holds):
            worker = self.workers.pop(key, None)
            if worker is not None:
                asyncio.get_running_loop().create_task(worker.retire())

    def _lock(self, name: str) -> asyncio.Lock:
        lock = self._locks.get(name)
        if lock is None:
            lock = self._locks[name] = asyncio.Lock()
        return lock

    # --- stats ------------------------------------------------------------------------

    async def flush(self) -> None:
        """Write what the recorder counted since the last flush; keep it if that fails."""
        taken = self.recorder.take()
        if not taken.buckets and not taken.failures:
            return
        try:
            await asyncio.to_thread(
                database.store, taken, self.process, self.settings.failures_kept
            )
        except Exception:
            log.exception("could not write inference stats; keeping them for the next flush")
            self.recorder.give_back(taken)

    async def _forget_old_minutes(self) -> None:
        await asyncio.to_thread(database.forget_minutes_before, self.settings.stats_days)

    async def _every(self, seconds: float, action) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await action()
            except Exception:
                log.exception("inference serving: %s failed", getattr(action, "__name__", action))


def _served(config: database.EndpointConfig, workers: dict[str, Worker]) -> Served:
    routes = {
        d.name: Route(d.name, d.key, d.input_schema, workers[d.key]) for d in config.deployments
    }
    split = TrafficSplit({d.name: d.traffic for d in config.deployments})
    return Served(config.id, config.workspace_id, config.name, config.revision, routes, split)


def _loggable(error: DomainError) -> str:
    """A failure's message for the log: a refusal by the pipeline names the node and the
    error's type only, because its message may quote the caller's values."""
    if error.code == "scoring_failed":
        node = error.extra.get("node")
        where = f" in node {node}" if node else ""
        return f"The inference pipeline failed{where} with {error.extra.get('error')}."
    return error.message[:1000]


_hub: Hub | None = None
_hub_lock = threading.Lock()


def get_hub() -> Hub:
    global _hub
    with _hub_lock:
        if _hub is None:
            _hub = Hub(ServingSettings.from_django())
        return _hub


def reset_hub() -> Hub | None:
    """Forget this process's hub (tests close it first); the next `get_hub` makes a new one."""
    global _hub
    with _hub_lock:
        old, _hub = _hub, None
        return old


def parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InvalidInput(f"The body is not valid JSON: {exc}", code="invalid_json") from exc
