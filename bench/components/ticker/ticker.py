"""Prints lines at a steady pace; each line becomes one event on the run's live stream."""

import time


def run(lines=100, interval=0.02, start_delay=2):
    time.sleep(start_delay)
    for i in range(lines):
        print(f"tick {i}", flush=True)
        time.sleep(interval)
    return {"lines": lines}
