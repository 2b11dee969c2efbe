"""Prints lines at a steady pace; each line becomes one event on the run's live stream."""

import os
import time


def run(lines=100, interval=0.02, start_delay=2, gate="", gate_limit=300):
    # With a gate, wait until that file exists (every viewer is connected) instead.
    if gate:
        deadline = time.monotonic() + gate_limit
        while not os.path.exists(gate):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the gate {gate} was never opened")
            time.sleep(0.02)
    else:
        time.sleep(start_delay)
    for i in range(lines):
        print(f"tick {i}", flush=True)
        time.sleep(interval)
    return {"lines": lines}
