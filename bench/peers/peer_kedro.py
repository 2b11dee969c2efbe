"""The workloads on Kedro: its sequential runner (in-process) and its parallel runner (a
process pool), data handed over in memory. Run by run.py with the Kedro virtualenv's
interpreter; prints JSON."""

import json
import logging
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import work  # noqa: E402
from kedro.io import DataCatalog, SharedMemoryDataCatalog  # noqa: E402
from kedro.pipeline import node, pipeline  # noqa: E402
from kedro.runner import ParallelRunner, SequentialRunner  # noqa: E402


def first():
    return work.noop(None)


def chain_pipeline():
    nodes = [node(first, None, "d0", name="n0")]
    nodes += [node(work.noop, f"d{i - 1}", f"d{i}", name=f"n{i}") for i in range(1, work.CHAIN)]
    return pipeline(nodes)


def fan_out_pipeline():
    nodes = [node(first, None, "src", name="src")]
    nodes += [node(work.noop, "src", f"c{i}", name=f"c{i}") for i in range(work.WIDTH)]
    return pipeline(nodes)


def pandas_pipeline():
    return pipeline(
        [
            node(work.make_frame, None, "raw", name="make"),
            node(work.features, "raw", "featured", name="features"),
            node(work.summarize, "featured", "summary", name="summarize"),
        ]
    )


def timed(runner, catalog, built) -> float:
    started = time.perf_counter()
    runner.run(built, catalog())
    return time.perf_counter() - started


def measure(make_runner, catalog) -> dict:
    timed(make_runner(), catalog, chain_pipeline())  # warm-up
    return {
        "chain_per_step_ms": timed(make_runner(), catalog, chain_pipeline()) * 1000 / work.CHAIN,
        "fan_out_s": timed(make_runner(), catalog, fan_out_pipeline()),
        "pandas_s": timed(make_runner(), catalog, pandas_pipeline()),
    }


if __name__ == "__main__":
    logging.disable(logging.WARNING)  # its INFO lines per node would be timed too
    print(
        json.dumps(
            {
                "Kedro (sequential, in-process)": measure(SequentialRunner, DataCatalog),
                "Kedro (process pool)": measure(
                    lambda: ParallelRunner(max_workers=2), SharedMemoryDataCatalog
                ),
            }
        )
    )
