"""Run a module of the runtime behind a step's wall: `python -m designer.runtime.walled WALL --
MODULE ARGS...`.

The server starts other user code than steps too: a real-time endpoint's scoring process
(`designer.runtime.scoring`) and the probe of an uploaded pickle (`designer.models.probe`).
With isolation on it starts them through this module, which puts up the wall of
`designer.runtime.isolation` (PID and IPC namespaces, a network namespace if asked, a root of
its own, the unprivileged user) and then runs `python -m MODULE ARGS` in the walled-in process.
The process the server knows is the outer one: it exits as the module does, and killing it kills
everything the module started (see `isolation.enter_isolation` for the three processes).

WALL is JSON: `{"isolation": <a task's isolation entry>, "work_dir": PATH, "read_only": [PATH],
"copied": [FOLDER]}`: besides the system, Python and the runtime, the module sees the files
`read_only` names, a private copy of the `copied` folders, and its work folder (writable).
Standard input, output and error pass through unchanged, so a scoring process's frames do too.
No Django here.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from designer.runtime.child import die_with_parent
from designer.runtime.isolation import Isolation, IsolationError, base_view, wall_in

USAGE = "usage: python -m designer.runtime.walled WALL -- MODULE [ARGS...]"


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(USAGE, file=sys.stderr)
        return 2
    wall, module, args = json.loads(argv[0]), argv[2], argv[3:]
    isolation = Isolation.from_task(wall["isolation"])
    if isolation is None or not isolation.namespaces:
        print("designer.runtime.walled: the wall asks for no namespaces", file=sys.stderr)
        return 2
    work_dir = Path(wall["work_dir"])
    view = base_view(work_dir)
    view.read_only += [str(path) for path in wall.get("read_only") or []]
    view.copied += [str(path) for path in wall.get("copied") or []]
    die_with_parent()  # the server's child: it goes when the server does, and its step with it
    try:
        wall_in(isolation, view, work_dir, _to_stderr)
    except IsolationError as exc:
        print(f"designer.runtime.walled: {exc}", file=sys.stderr, flush=True)
        return 70
    # The walled-in process: a fresh interpreter for the module, nothing of this one kept.
    os.execv(sys.executable, [sys.executable, "-m", module, *args])
    return 0  # not reached


def _to_stderr(event: dict[str, Any]) -> None:
    print(event.get("message") or event.get("line") or "", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
