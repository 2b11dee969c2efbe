"""A step that stays running until the test releases it, so a test can look at "running"
without racing the clock: the step waits for a file the test creates when it is done looking.

The worker runs on this machine, so a file is a shared signal; put it in the server's data
root, the one folder outside its work folder an isolated step sees.
"""

import uuid
from pathlib import Path

# Holds until `gate_before` exists, prints `lines` numbered lines (progress and a metric each),
# then holds until `gate` exists; an empty gate does not hold. A hold ends by itself after
# `hold_limit` seconds, failing the step, so a test that dies before releasing cannot occupy
# a worker for long.
GATED_ECHO = {
    "component.yaml": """name: gated_echo
version: 1.0.0
category: Testing
description: Prints numbered lines between two optional gate files, then passes its input on.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  lines: {type: integer, default: 3, min: 0}
  pause: {type: number, default: 0.1, min: 0}
  gate: {type: string, default: ""}
  gate_before: {type: string, default: ""}
  hold_limit: {type: number, default: 180, min: 0}
python: main.py:run
""",
    "main.py": """import os
import time
from designer.runtime import log_metric, report_progress


def hold(gate, limit):
    deadline = time.monotonic() + limit
    while gate and not os.path.exists(gate):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the gate {gate} was never opened")
        time.sleep(0.05)


def run(data, lines, pause, gate, gate_before, hold_limit):
    hold(gate_before, hold_limit)
    for i in range(lines):
        print(f"echo line {i}", flush=True)
        report_progress(i + 1, lines)
        log_metric("step_value", float(i * i), step=i)
        time.sleep(pause)
    hold(gate, hold_limit)
    log_metric("rows", len(data))
    return data
""",
}

GATED_ECHO_REF = "gated_echo@1.0.0"


class Gate:
    """One gate file: hand `path` to the step as its `gate` (or `gate_before`) parameter, and
    `release()` to let it go on.

    Each gate has a fresh path, so a step given one is never reused from an earlier run."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / f"gate-{uuid.uuid4().hex}"

    def release(self) -> None:
        self.path.touch()

    def __str__(self) -> str:
        return str(self.path)
