"""Pieces of the distributed deployment for tests: a fresh PostgreSQL database, a private
Redis server, and worker processes."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis

from tests.support.live import ROOT, free_port, wait_for

PG = "postgresql://postgres@127.0.0.1:5432"


@contextmanager
def postgres_database():
    """A new, empty database, dropped afterwards. Yields its URL."""
    name = f"pipewright_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG}/{name}"
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_on_postgres(
    module: str, *args: object, env: dict[str, str] | None = None, unset: Iterable[str] = ()
) -> dict:
    """Runs `python -m module args...` from the project root against a fresh PostgreSQL
    database (postgres_database), with `env` added to this environment and the variables of
    `unset` taken out of it; returns what `run_module` does."""
    with postgres_database() as url:
        child_env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT), **(env or {})}
        for name in unset:
            child_env.pop(name, None)
        return run_module(module, *args, env=child_env)


def run_module(module: str, *args: object, env: dict[str, str]) -> dict:
    """Runs `python -m module args...` from the project root with the environment `env`. The
    module must exit 0 and print its result as JSON on its last line of output; returns that
    result."""
    done = subprocess.run(
        [sys.executable, "-m", module, *(str(arg) for arg in args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


class RedisServer:
    """A Redis server of our own on a free port, so a test may stop and start it."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed for these tests (make test installs it)"
        self.process = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._up, 10, f"redis on port {self.port}")

    def _up(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def start_worker(env: dict, log_path: Path, compute: str = "default") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--compute", compute],
        cwd=ROOT,
        env=env,
        stdout=log_path.open("ab"),
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def pid_alive(pid: int) -> bool:
    """Whether the process still runs. A killed process whose parent died first is a zombie
    until PID 1 reaps it, and some containers' PID 1 never does: dead all the same."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc to ask: trust the signal
    return stat.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}
