"""One deployment's scoring process, started and spoken to from the serving event loop.

`ScoringProcess` starts `python -m designer.runtime.scoring PLAN` in a work folder of its own
with the step environment (the allow-list of `designer.runtime.environment`: no secret key,
no database URL; `/proc/<pid>/environ` shows nothing more, since it is a fresh interpreter,
not a fork of the server), waits for its `ready` frame, then exchanges one request frame and
one answer frame at a time over its stdin and stdout. Its stderr (tracebacks, what user code
prints) goes to `scorer.log` in its folder. With isolation on (`designer.execution.isolation`)
it runs behind a step's wall (`designer.runtime.walled`): as the step user, in a PID namespace
of its own, seeing Python, the runtime, the plan's files, a copy of its components' folders
and its own folder only; the network stays as the server's.

`Worker` puts a `Batcher` in front of one process and restarts the process when it stopped:
the batch that was in flight fails (503), the next one finds a fresh process.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from designer.execution.isolation import walled_command
from designer.runtime import frames
from designer.runtime.environment import step_environment

from .batching import Batcher, Columns
from .errors import RowsRefused, ScorerTimeout, ScorerUnavailable

log = logging.getLogger(__name__)

LOG_FILE = "scorer.log"
PLAN_FILE = "plan.json"
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_ids = itertools.count(1)


class ScoringProcess:
    def __init__(self, plan: dict[str, Any], work_dir: Path, pythonpath: str) -> None:
        self.plan = plan
        self.work_dir = work_dir
        self.pythonpath = pythonpath
        self.process: asyncio.subprocess.Process | None = None
        self._lock = asyncio.Lock()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    async def start(self, timeout: float) -> None:
        """Start the process and wait until it has loaded the plan; ScorerUnavailable if not."""
        if self.work_dir.exists():
            shutil.rmtree(self.work_dir)
        (self.work_dir / "tmp").mkdir(parents=True)
        (self.work_dir / PLAN_FILE).write_text(json.dumps(self.plan), encoding="utf-8")
        env = step_environment(os.environ, self.work_dir)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (self.pythonpath, env.get("PYTHONPATH")) if p
        )
        # Batches are small and several processes share the cores: one BLAS thread each.
        for name in THREAD_VARIABLES:
            env.setdefault(name, "1")
        command = await asyncio.to_thread(
            walled_command,
            "designer.runtime.scoring",
            [str(self.work_dir / PLAN_FILE)],
            self.work_dir,
            read_only=plan_files(self.plan),
            copied=plan_folders(self.plan),
        )
        with (self.work_dir / LOG_FILE).open("ab") as log_file:
            self.process = await asyncio.create_subprocess_exec(
                *command,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=log_file,
                cwd=self.work_dir,
                env=env,
                start_new_session=True,
            )
        try:
            first = await asyncio.wait_for(self._read(), timeout)
        except (TimeoutError, ScorerUnavailable) as exc:
            why = self._why(exc)
            await self.stop()
            raise ScorerUnavailable(f"The scoring process did not start: {why}") from exc
        if not first.get("ready"):
            await self.stop()
            error = first.get("error") or {}
            raise ScorerUnavailable(
                f"The scoring process could not load the deployment: {error.get('type')}: "
                f"{error.get('message')}",
                code="deployment_failed",
            )

    async def score(self, columns: Columns, timeout: float) -> dict[str, Any]:
        """One batch: `{"predictions", "probabilities"?}`, RowsRefused, or the process's end."""
        async with self._lock:
            if not self.alive:
                raise ScorerUnavailable("The scoring process is not running.")
            assert self.process is not None and self.process.stdin is not None
            request_id = next(_ids)
            self.process.stdin.write(frames.encode({"id": request_id, "columns": columns}))
            try:
                await self.process.stdin.drain()
                answer = await asyncio.wait_for(self._read(), timeout)
            except TimeoutError as exc:
                await self.stop()
                raise ScorerTimeout(
                    f"Scoring took longer than {timeout:g} s; the scoring process was restarted."
                ) from exc
            except (ConnectionError, ScorerUnavailable) as exc:
                why = self._why(exc)
                await self.stop()
                raise ScorerUnavailable(
                    f"The scoring process stopped ({why}); it restarts on the next request."
                ) from exc
        answer.pop("id", None)
        error = answer.get("error")
        if error is not None:
            node = error.get("node")
            where = f" in node {node}" if node else ""
            raise RowsRefused(
                f"The inference pipeline failed{where}: "
                f"{error.get('type')}: {error.get('message')}",
                node=node,
                error=error.get("type"),
            )
        return answer

    async def stop(self, grace: float = 5.0) -> None:
        """Close its stdin (it exits when it has answered), then kill it if it lingers.
        Its folder goes with it; one of a process that ended by itself stays, log included."""
        process = self.process
        if process is None or process.returncode is not None:
            return
        if process.stdin is not None:
            with contextlib.suppress(Exception):
                process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)
            await process.wait()
        shutil.rmtree(self.work_dir, ignore_errors=True)

    async def _read(self) -> dict[str, Any]:
        assert self.process is not None and self.process.stdout is not None
        stdout = self.process.stdout
        try:
            header = await stdout.readexactly(frames.HEADER.size)
            body = await stdout.readexactly(frames.length_of(header))
        except asyncio.IncompleteReadError as exc:
            raise ScorerUnavailable("it closed its output") from exc
        return frames.decode(body)

    def _why(self, exc: BaseException) -> str:
        code = self.process.returncode if self.process else None
        detail = f"exit code {code}" if code is not None else str(exc) or type(exc).__name__
        tail = self.log_tail()
        return f"{detail}; {tail}" if tail else detail

    def log_tail(self, lines: int = 5) -> str:
        path = self.work_dir / LOG_FILE
        try:
            text = path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return " | ".join(text[-lines:])[:1000]


def plan_files(plan: dict[str, Any]) -> list[str]:
    """The stored values a plan reads (model, transform and dataset files)."""
    return [
        value["path"]
        for node in plan.get("nodes") or []
        for value in (node.get("values") or {}).values()
        if value.get("path")
    ]


def plan_folders(plan: dict[str, Any]) -> list[str]:
    """The folders of the components a plan imports."""
    return [node["component_dir"] for node in plan.get("nodes") or [] if node.get("component_dir")]


class Worker:
    """A scoring process with a batcher in front of it, shared by every route of one plan."""

    def __init__(
        self,
        key: str,
        plan_for: Callable[[], Awaitable[dict[str, Any]]],
        work_dir: Path,
        settings: Any,
    ) -> None:
        self.key = key
        self._plan_for = plan_for
        self._work_dir = work_dir
        self._settings = settings
        self._process: ScoringProcess | None = None
        self._starting: asyncio.Task | None = None
        self.batcher = Batcher(self._score, settings.max_batch_rows)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.alive else None

    async def ready(self) -> None:
        """Have a running process; start one (once, however many ask) if there is none."""
        if self._process is not None and self._process.alive:
            return
        if self._starting is None:
            self._starting = asyncio.get_running_loop().create_task(self._start())
        starting = self._starting
        try:
            await asyncio.shield(starting)
        finally:
            if starting.done() and self._starting is starting:
                self._starting = None

    def submit(self, columns: Columns, count: int) -> asyncio.Future:
        return self.batcher.submit(columns, count)

    async def retire(self) -> None:
        """Answer what is queued, then stop the process."""
        await self.batcher.drain()
        if self._process is not None:
            await self._process.stop()

    async def _start(self) -> None:
        plan = await self._plan_for()
        process = ScoringProcess(plan, self._work_dir, self._settings.pythonpath)
        await process.start(self._settings.start_timeout)
        self._process = process
        log.info("scoring process %s started for plan %s", process.pid, self.key[:12])

    async def _score(self, columns: Columns) -> dict[str, Any]:
        await self.ready()
        assert self._process is not None
        return await self._process.score(columns, self._settings.timeout)
