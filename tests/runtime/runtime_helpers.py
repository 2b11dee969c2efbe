"""Helpers shared by the runtime tests: throwaway components and a real executor child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


def make_component(root: Path, name: str, files: dict[str, str]) -> Path:
    """A component folder under ``root`` holding ``files`` (dedented)."""
    folder = root / name
    folder.mkdir(parents=True)
    for file_name, text in files.items():
        (folder / file_name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder


def write_task(work_dir: Path, **task: Any) -> Path:
    """A task.json in ``work_dir`` with the keys docs/internals.md lists."""
    work_dir.mkdir(parents=True, exist_ok=True)
    body = {"python": None, "command": None, "inputs": {}, "params": {}, "outputs": {}}
    body.update(task, work_dir=str(work_dir))
    body["component_dir"] = str(body["component_dir"])
    path = work_dir / "task.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def run_executor(task_path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m designer.runtime.executor TASK`` in a fresh interpreter, as the worker does."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "designer.runtime.executor", str(task_path)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_events(work_dir: Path) -> list[dict[str, Any]]:
    lines = (work_dir / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def logs(events: list[dict[str, Any]], stream: str) -> list[str]:
    return [e["line"] for e in events if e["type"] == "log" and e["stream"] == stream]
