"""The workloads on Prefect 3 (its default task runner: threads, no isolation), in-process
with an ephemeral API. Run by run.py with the Prefect virtualenv's interpreter; prints JSON."""

import json
import os
import sys
import time

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
os.environ.setdefault("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true")
# On a busy machine the ephemeral API server takes longer than the default 20 s to start.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
sys.path.insert(0, os.path.dirname(__file__))

import work  # noqa: E402
from prefect import flow, task  # noqa: E402


@task
def noop(data=None):
    return work.noop(data)


@task
def make():
    return work.make_frame()


@task
def feat(frame):
    return work.features(frame)


@task
def summ(frame):
    return work.summarize(frame)


@flow
def chain():
    data = None
    for _ in range(work.CHAIN):
        data = noop.submit(data).result()
    return data


@flow
def fan_out():
    source = noop.submit(None)
    futures = [noop.submit(source) for _ in range(work.WIDTH)]
    return [f.result() for f in futures]


@flow
def pandas_pipeline():
    return summ.submit(feat.submit(make.submit())).result()


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


if __name__ == "__main__":
    timed(chain)  # the first flow starts the ephemeral API server
    print(
        json.dumps(
            {
                "Prefect 3 (threads, no isolation)": {
                    "chain_per_step_ms": timed(chain) * 1000 / work.CHAIN,
                    "fan_out_s": timed(fan_out),
                    "pandas_s": timed(pandas_pipeline),
                }
            }
        )
    )
