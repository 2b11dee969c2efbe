"""Builds the virtualenv of a recipe once, with uv, into a folder named by the recipe's digest.

The store (DESIGNER_ENVIRONMENTS, by default var/environments) holds, per digest:

    <digest>/venv/             the virtualenv
    <digest>/requirements.in   what was asked for: the component's lines and the runtime pins
    <digest>/constraints.txt   the versions held to the server's
    <digest>/build.log         the installer's output
    <digest>/frozen.txt        `uv pip freeze` after the build: what is really installed
    <digest>/environment.json  written last: the environment is ready once it exists
    <digest>.lock              held (flock) by the one process building that digest

uv's download cache (DESIGNER_UV_CACHE, by default var/uv-cache) is shared by every build, so
a second environment with the same packages links files instead of downloading them. Two
workers, or two threads, never build one digest at the same time: the second waits on the
lock and then finds the environment ready. A build that stopped half-way (no
environment.json) is removed and started again. Plain Python and subprocesses, no Django: the
worker, the management command, the benchmarks and component tests all build through this.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Protocol

from designer.runtime.environment import is_secret
from designer.runtime.virtualenv_recipe import Recipe

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_FILE = "environment.json"
LABEL = "preparing environment"
WAITING_LABEL = "waiting for the environment another step is building"
POLL_SECONDS = 0.25
CHECK_EVERY = 1.0
TAIL_LINES = 40
DEFAULT_TIMEOUT = 1800.0
# How far along a build is when the installer prints a line starting with these words.
INSTALL_PHASES = (("Resolved", 35), ("Downloading", 50), ("Prepared", 75), ("Installed", 90))


class BuildFailed(RuntimeError):
    """The environment could not be built; `output` holds the installer's last lines."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


class BuildAbandoned(RuntimeError):
    """The build was stopped because the step it served no longer needs it (canceled)."""


class BuildWatcher(Protocol):
    """Who hears about a build: its output lines, how far it is, and whether to go on."""

    def line(self, text: str) -> None: ...

    def progress(self, percent: int, label: str) -> None: ...

    def keep_going(self) -> bool: ...


class QuietWatcher:
    """Hears nothing and never stops a build."""

    def line(self, text: str) -> None:
        pass

    def progress(self, percent: int, label: str) -> None:
        pass

    def keep_going(self) -> bool:
        return True


@dataclass(frozen=True)
class Prepared:
    """A built environment: its digest and folder."""

    digest: str
    folder: Path

    @property
    def venv(self) -> Path:
        return self.folder / "venv"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"


class EnvironmentStore:
    """The folder of built environments, and the one way to build one into it."""

    def __init__(
        self,
        root: str | os.PathLike[str],
        uv_cache: str | os.PathLike[str],
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        # Absolute: a virtualenv and its zygote are used from other working folders.
        self.root = Path(root).absolute()
        self.uv_cache = Path(uv_cache).absolute()
        self.timeout = timeout

    def find(self, recipe: Recipe) -> Prepared | None:
        """The environment of `recipe` if it is built and ready, else None."""
        folder = self.root / recipe.digest
        if (folder / READY_FILE).is_file():
            return Prepared(recipe.digest, folder)
        return None

    def build(self, recipe: Recipe, watcher: BuildWatcher | None = None) -> Prepared:
        """The environment of `recipe`, built now unless it is ready already.

        Raises BuildFailed with the installer's message, or BuildAbandoned when the watcher
        stops wanting it."""
        watcher = watcher or QuietWatcher()
        found = self.find(recipe)
        if found is not None:
            return found
        self.root.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.timeout
        with self._lock(recipe.digest, watcher, deadline):
            found = self.find(recipe)  # built by another process while this one waited
            if found is not None:
                return found
            return self._build(recipe, watcher, deadline)

    @contextmanager
    def _lock(self, digest: str, watcher: BuildWatcher, deadline: float) -> Iterator[None]:
        with (self.root / f"{digest}.lock").open("a") as handle:
            told = False
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not told:
                        watcher.progress(0, WAITING_LABEL)
                        told = True
                    if not watcher.keep_going():
                        raise BuildAbandoned(digest) from None
                    if time.monotonic() > deadline:
                        raise BuildFailed(
                            f"waited {self.timeout:g} s for another build of this environment"
                        ) from None
                    time.sleep(POLL_SECONDS)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _build(self, recipe: Recipe, watcher: BuildWatcher, deadline: float) -> Prepared:
        started = time.monotonic()
        prepared = Prepared(recipe.digest, self.root / recipe.digest)
        if prepared.folder.exists():
            shutil.rmtree(prepared.folder)  # a build that stopped half-way
        prepared.folder.mkdir(parents=True)
        requirements = prepared.folder / "requirements.in"
        constraints = prepared.folder / "constraints.txt"
        requirements.write_text("".join(f"{line}\n" for line in recipe.requirements + recipe.pins))
        constraints.write_text("".join(f"{line}\n" for line in recipe.constraints))
        watcher.progress(2, LABEL)
        uv = _uv_binary()
        env = self._installer_environment()
        with (prepared.folder / "build.log").open("w", encoding="utf-8") as log:
            run = _Runner(watcher, deadline, log, env)
            run([uv, "venv", "--python", recipe.python, str(prepared.venv)], "uv venv")
            watcher.progress(10, LABEL)
            python = str(prepared.python)
            install = [uv, "pip", "install", "--python", python, "-r", str(requirements)]
            run([*install, "-c", str(constraints)], "uv pip install", INSTALL_PHASES)
            (prepared.folder / "frozen.txt").write_text(_frozen(uv, python, env))
            watcher.progress(95, LABEL)
            _check_runtime(prepared, env)
        _write_ready(prepared, recipe, time.monotonic() - started, uv)
        watcher.progress(100, LABEL)
        return prepared

    def _installer_environment(self) -> dict[str, str]:
        """The worker's variables without its secrets: packages may run build code."""
        env = {
            name: value
            for name, value in os.environ.items()
            if not is_secret(name) and name not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
        }
        env.update(UV_CACHE_DIR=str(self.uv_cache), NO_COLOR="1", UV_NO_PROGRESS="1")
        return env


def default_store() -> EnvironmentStore:
    """The store a process without Django settings uses: the same variables the server reads."""
    var = Path(os.environ.get("DESIGNER_VAR") or REPO_ROOT / "var")
    return EnvironmentStore(
        os.environ.get("DESIGNER_ENVIRONMENTS") or var / "environments",
        os.environ.get("DESIGNER_UV_CACHE") or var / "uv-cache",
    )


def runtime_path_entry() -> str:
    """What goes on an environment's PYTHONPATH so it imports this checkout's runtime."""
    return str(REPO_ROOT)


class _Runner:
    """Runs one build command at a time, streaming its lines, until it ends or must stop."""

    def __init__(
        self, watcher: BuildWatcher, deadline: float, log: IO[str], env: dict[str, str]
    ) -> None:
        self.watcher = watcher
        self.deadline = deadline
        self.log = log
        self.env = env

    def __call__(
        self,
        argv: Sequence[str],
        what: str,
        phases: Sequence[tuple[str, int]] = (),
    ) -> None:
        """Run `argv` to its end; BuildFailed naming `what`, with its last lines, if it fails."""
        self.log.write(f"$ {' '.join(argv)}\n")
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=self.env,
            text=True,
            errors="replace",
            start_new_session=True,  # its own group: stopping it stops what it started
        )
        lines = _lines_of(process.stdout)
        output: list[str] = []
        tail: deque[str] = deque(maxlen=TAIL_LINES)
        checked = time.monotonic()
        while True:
            try:
                line = lines.get(timeout=POLL_SECONDS)
            except queue.Empty:
                line = ""
            if line is None:  # the output ended: the command is ending
                break
            if line:
                output.append(line)
                self._take(line.rstrip("\n"), tail, phases)
            if time.monotonic() - checked >= CHECK_EVERY:
                checked = time.monotonic()
                self._check(process, what)
        code = process.wait()
        if code != 0:
            raise BuildFailed(
                f"{what} failed with exit code {code}:\n" + "\n".join(tail), "".join(output)
            )

    def _take(self, line: str, tail: deque[str], phases: Sequence[tuple[str, int]]) -> None:
        self.log.write(line + "\n")
        tail.append(line)
        self.watcher.line(line)
        for word, percent in phases:
            if line.lstrip().startswith(word):
                self.watcher.progress(percent, LABEL)

    def _check(self, process: subprocess.Popen[str], what: str) -> None:
        if not self.watcher.keep_going():
            _stop(process)
            raise BuildAbandoned(what)
        if time.monotonic() > self.deadline:
            _stop(process)
            raise BuildFailed(f"{what} did not finish within the build time limit")


def _lines_of(stream: IO[str] | None) -> queue.Queue[str | None]:
    """A queue fed with the lines of `stream` by a reader thread; None marks the end."""
    found: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        if stream is not None:
            for line in stream:
                found.put(line)
        found.put(None)

    threading.Thread(target=read, daemon=True, name="environment-build-output").start()
    return found


def _stop(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _uv_binary() -> str:
    from uv import find_uv_bin

    return find_uv_bin()


def _frozen(uv: str, python: str, env: dict[str, str]) -> str:
    """What the environment really holds, one `name==version` a line."""
    listed = subprocess.run(
        [uv, "pip", "freeze", "--python", python],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if listed.returncode != 0:
        raise BuildFailed(f"uv pip freeze failed:\n{listed.stderr.strip()}")
    return listed.stdout


def _check_runtime(prepared: Prepared, env: dict[str, str]) -> None:
    """Prove the new environment can run the step runtime before any step relies on it."""
    checked = subprocess.run(
        [str(prepared.python), "-c", "import designer.runtime.executor"],
        env={**env, "PYTHONPATH": runtime_path_entry()},
        cwd=prepared.folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if checked.returncode != 0:
        tail = "\n".join(checked.stderr.strip().splitlines()[-TAIL_LINES:])
        raise BuildFailed(f"the new environment cannot run the step runtime:\n{tail}")


def _write_ready(prepared: Prepared, recipe: Recipe, seconds: float, uv: str) -> None:
    installer = subprocess.run([uv, "--version"], capture_output=True, text=True, check=False)
    record = {
        **asdict(recipe),
        "digest": recipe.digest,
        "built_at": datetime.now(UTC).isoformat(),
        "seconds": round(seconds, 2),
        "installer": installer.stdout.strip(),
    }
    partial = prepared.folder / f"{READY_FILE}.partial"
    partial.write_text(json.dumps(record, indent=2) + "\n")
    os.replace(partial, prepared.folder / READY_FILE)
