"""A step that stays running until the test releases it, so a test can look at "running"
without racing the clock: the step waits for a file the test creates when it is done looking.

The worker runs on this machine, so a path under the test's tmp folder is a shared signal.
"""

import uuid
from pathlib import Path

# Prints `lines` numbered lines (progress and a metric each), then holds until `gate` exists.
# The hold ends by itself after `hold_limit` seconds, failing the step, so a test that dies
# before releasing cannot occupy a worker for long.
GATED_ECHO = {
    "component.yaml": """name: gated_echo
version: 1.0.0
category: Testing
description: Prints numbered lines, then runs on until a gate file exists, then passes its input on.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  lines: {type: integer, default: 3, min: 0}
  pause: {type: number, default: 0.1, min: 0}
  gate: {type: string, default: ""}
  hold_limit: {type: number, default: 180, min: 0}
python: main.py:run
""",
    "main.py": """import os
import time
from designer.runtime import log_metric, report_progress


def run(data, lines, pause, gate, hold_limit):
    for i in range(lines):
        print(f"echo line {i}", flush=True)
        report_progress(i + 1, lines)
        log_metric("step_value", float(i * i), step=i)
        time.sleep(pause)
    deadline = time.monotonic() + hold_limit
    while gate and not os.path.exists(gate):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the gate {gate} was never opened")
        time.sleep(0.05)
    log_metric("rows", len(data))
    return data
""",
}

GATED_ECHO_REF = "gated_echo@1.0.0"


class Gate:
    """One gate file: hand `path` to the step as its `gate` parameter, `release()` to let it end.

    Each gate has a fresh path, so a step given one is never reused from an earlier run."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / f"gate-{uuid.uuid4().hex}"

    def release(self) -> None:
        self.path.touch()

    def __str__(self) -> str:
        return str(self.path)
