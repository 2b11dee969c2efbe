"""Executor children in a component's own environment, forked from that environment's zygote.

A `ZygotePool` starts the zygote of an environment (`designer.runtime.zygote`, run by the
environment's interpreter) the first time a step needs it, keeps it while steps use it, and
lets it go after `idle_seconds` with nothing running; the next step starts a new one. One
zygote serves one environment folder with one list of modules to preload. `ZygoteChild` behaves like
the default launcher's child (pid, wait, kill), so a worker follows either the same way. The
zygote gets only the variables a step may see (no server secrets), with the checkout on
PYTHONPATH so the environment imports this runtime. No Django here: the worker's pool takes
its idle time from the settings, a component test's pool keeps its zygotes for the session.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Sequence

from designer.runtime.environment import kept_environment, zygote_environment
from designer.runtime.virtualenv_build import Prepared, runtime_path_entry

log = logging.getLogger(__name__)

# A zygote imports pandas and pyarrow before it forks; on a busy machine that takes seconds.
START_TIMEOUT = 120.0
IDLE_CHECK_SECONDS = 5.0
KILLED = -signal.SIGKILL

# (the environment's folder, the modules its zygote preloads)
ZygoteKey = tuple[str, tuple[str, ...]]


class ZygoteGone(RuntimeError):
    """The environment's zygote ended before it could start the step."""


class ZygoteChild:
    """One executor child forked by an environment zygote."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.exitcode: int | None = None
        self._ended = threading.Event()

    def wait(self, timeout: float | None) -> int | None:
        self._ended.wait(timeout)
        return self.exitcode

    def kill(self) -> None:
        """Kill the child and everything it started (its process group); not once its
        zygote has reported it ended (and reaped it: its pid may be another process's now)."""
        if not self._ended.is_set():
            for kill in (os.killpg, os.kill):
                try:
                    kill(self.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self._ended.wait(5)

    def ended(self, code: int) -> None:
        self.exitcode = code
        self._ended.set()


class ZygotePool:
    """The zygotes of the environments this process runs steps in, by environment."""

    def __init__(self, idle_seconds: Callable[[], float]) -> None:
        self.idle_seconds = idle_seconds
        self.lock = threading.Lock()
        self.zygotes: dict[ZygoteKey, EnvironmentZygote] = {}

    def child(self, prepared: Prepared, preload: Sequence[str], task_path: str) -> ZygoteChild:
        """Start the task at `task_path` in the environment `prepared`, from its zygote."""
        key = (str(prepared.folder), tuple(preload))
        with self.lock:
            zygote = self.zygotes.get(key)
            if zygote is None or zygote.closed:
                zygote = self.zygotes[key] = EnvironmentZygote(self, key, prepared)
            zygote.starting += 1
        return zygote.start(task_path)

    def running(self) -> dict[ZygoteKey, int]:
        """Each live zygote's process id."""
        with self.lock:
            return {key: zygote.process.pid for key, zygote in self.zygotes.items()}

    def forget(self, zygote: EnvironmentZygote) -> None:
        """Called with the lock held: `zygote` serves no more steps."""
        zygote.closed = True
        if self.zygotes.get(zygote.key) is zygote:
            del self.zygotes[zygote.key]


class EnvironmentZygote:
    """The zygote process of one environment and the thread that reads what it reports."""

    def __init__(self, pool: ZygotePool, key: ZygoteKey, prepared: Prepared) -> None:
        self.pool = pool
        self.key = key
        self.digest = prepared.digest
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [
                str(prepared.python),
                "-m",
                "designer.runtime.zygote",
                str(theirs.fileno()),
                *key[1],
            ],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            env=_zygote_environment(prepared),
            cwd=prepared.folder,
        )
        theirs.close()
        self.channel = ours
        self.children: dict[int, ZygoteChild] = {}
        self.started: queue.Queue[ZygoteChild | None] = queue.Queue()
        self.starting = 0
        self.last_used = time.monotonic()
        self.closed = False
        self._send = threading.Lock()
        name = f"zygote-{prepared.digest[:8]}"
        threading.Thread(target=self._read, daemon=True, name=name).start()

    def start(self, task_path: str) -> ZygoteChild:
        """Fork a child that runs the task at `task_path`."""
        with self._send:
            try:
                self.channel.sendall(f"run {task_path}\n".encode())
                child = self.started.get(timeout=START_TIMEOUT)
            except (OSError, queue.Empty):
                child = None
            finally:
                with self.pool.lock:
                    self.starting -= 1
                    self.last_used = time.monotonic()
        if child is None:
            self._shut()  # a zygote that missed an answer cannot be trusted with the next
            raise ZygoteGone(
                f"the zygote of environment {self.digest} ended before it started the step "
                f"(exit code {self.process.poll()}); the worker's log has its output"
            )
        return child

    def _read(self) -> None:
        pending = b""
        while True:
            self.channel.settimeout(min(IDLE_CHECK_SECONDS, self.pool.idle_seconds()))
            try:
                data = self.channel.recv(65536)
            except TimeoutError:
                self._let_go_if_idle()
                continue
            except OSError:
                data = b""
            if not data:
                break
            pending += data
            *lines, pending = pending.split(b"\n")
            for line in lines:
                self._take(line.decode().split())
        self._gone()

    def _take(self, words: list[str]) -> None:
        if len(words) == 2 and words[0] == "started":
            child = ZygoteChild(int(words[1]))
            self.children[child.pid] = child
            self.started.put(child)
        elif len(words) == 3 and words[0] == "exited":
            ended = self.children.pop(int(words[1]), None)
            if ended is not None:
                ended.ended(int(words[2]))

    def _let_go_if_idle(self) -> None:
        with self.pool.lock:
            idle = time.monotonic() - self.last_used >= self.pool.idle_seconds()
            if self.children or self.starting or not idle:
                return
            self.pool.forget(self)
        log.info("letting the idle zygote of environment %s go", self.digest)
        self._shut()

    def _shut(self) -> None:
        try:
            self.channel.shutdown(socket.SHUT_RDWR)  # the zygote reads end-of-file and exits
        except OSError:
            pass

    def _gone(self) -> None:
        """The zygote ended: wake whoever waits on it; its children died with it."""
        with self.pool.lock:
            self.pool.forget(self)
        self.started.put(None)
        for child in list(self.children.values()):
            child.ended(KILLED)
        self.children.clear()
        self.channel.close()
        self.process.wait()


def _zygote_environment(prepared: Prepared) -> dict[str, str]:
    env = kept_environment(os.environ)
    env["PYTHONPATH"] = runtime_path_entry()
    env["VIRTUAL_ENV"] = str(prepared.venv)
    env["PATH"] = os.pathsep.join([str(prepared.venv / "bin"), env.get("PATH", os.defpath)])
    return zygote_environment(env)
