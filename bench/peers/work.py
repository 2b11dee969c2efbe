"""The workloads every orchestrator runs, as plain functions (no orchestrator imported here).

- a chain of 50 steps that do nothing (each passes a counter on),
- a fan-out: one source and 20 children that do nothing,
- the 3-step pandas pipeline: make a frame of 200,000 rows, derive features, aggregate
  (about 0.1 s of real work on this machine).
"""

import numpy as np
import pandas as pd

CHAIN = 50
WIDTH = 20
ROWS = 200_000


def noop(data=None):
    return {"n": ((data or {}).get("n", 0)) + 1}


def make_frame(rows: int = ROWS) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame(
        {
            "group": rng.integers(0, 50, rows),
            "x": rng.normal(size=rows),
            "y": rng.normal(size=rows),
            "label": rng.choice(["a", "b", "c"], rows),
        }
    )


def features(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["xy"] = out["x"] * out["y"]
    out["x_rank"] = out.groupby("group")["x"].rank()
    out["is_a"] = out["label"] == "a"
    return out


def summarize(frame: pd.DataFrame) -> pd.DataFrame:
    return (
        frame.groupby(["group", "label"])
        .agg(xy_mean=("xy", "mean"), x_rank_max=("x_rank", "max"), n=("x", "size"))
        .reset_index()
    )


def pandas_work_seconds() -> float:
    """The pipeline's own work, run plainly in this process (the floor every engine pays)."""
    import time

    started = time.perf_counter()
    summarize(features(make_frame()))
    return time.perf_counter() - started
