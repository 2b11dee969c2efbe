"""The workloads on Dagster: in-process executor with its default file IO manager, and (with
--isolated) its multiprocess executor, a process per step. Run by run.py with the Dagster
virtualenv's interpreter; prints JSON."""

import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))

import work  # noqa: E402
from dagster import (  # noqa: E402
    DagsterInstance,
    In,
    Nothing,
    Out,
    graph,
    in_process_executor,
    multiprocess_executor,
    op,
    reconstructable,
)


@op(ins={"data": In(default_value=None)}, out=Out())
def noop(data):
    return work.noop(data)


@op
def make():
    return work.make_frame()


@op
def feat(frame):
    return work.features(frame)


@op
def summ(frame):
    return work.summarize(frame)


@graph
def chain_graph():
    data = noop.alias("n0")()
    for i in range(1, work.CHAIN):
        data = noop.alias(f"n{i}")(data)


@graph
def fan_out_graph():
    source = noop.alias("src")()
    for i in range(work.WIDTH):
        noop.alias(f"c{i}")(source)


@graph
def pandas_graph():
    summ(feat(make()))


def chain_in_process():
    return chain_graph.to_job(name="chain_ip", executor_def=in_process_executor)


def fan_out_in_process():
    return fan_out_graph.to_job(name="fan_ip", executor_def=in_process_executor)


def pandas_in_process():
    return pandas_graph.to_job(name="pandas_ip", executor_def=in_process_executor)


def chain_isolated():
    return chain_graph.to_job(name="chain_mp", executor_def=multiprocess_executor)


def fan_out_isolated():
    return fan_out_graph.to_job(name="fan_mp", executor_def=multiprocess_executor)


def pandas_isolated():
    return pandas_graph.to_job(name="pandas_mp", executor_def=multiprocess_executor)


_ = Nothing  # imported for readers who extend the graphs


def timed(job_fn, instance, isolated: bool) -> float:
    job = reconstructable(job_fn) if isolated else job_fn()
    started = time.perf_counter()
    if isolated:
        from dagster import execute_job

        result = execute_job(job, instance=instance)
    else:
        result = job.execute_in_process(instance=instance)
    assert result.success
    return time.perf_counter() - started


def measure(instance, isolated: bool, jobs) -> dict:
    chain, fan, pandas = jobs
    if not isolated:
        timed(chain, instance, isolated)  # warm-up
    return {
        "chain_per_step_ms": timed(chain, instance, isolated) * 1000 / work.CHAIN,
        "fan_out_s": timed(fan, instance, isolated),
        "pandas_s": timed(pandas, instance, isolated),
    }


if __name__ == "__main__":
    home = tempfile.mkdtemp(prefix="dagster-home-")
    os.environ["DAGSTER_HOME"] = home
    instance = DagsterInstance.local_temp(home)
    results = {
        "Dagster (in-process, file IO)": measure(
            instance, False, (chain_in_process, fan_out_in_process, pandas_in_process)
        )
    }
    if "--isolated" in sys.argv:
        results["Dagster (process per step)"] = measure(
            instance, True, (chain_isolated, fan_out_isolated, pandas_isolated)
        )
    print(json.dumps(results))
