"""Partition and Sample: a random sample, the leading rows, or one random fold of a dataframe.

Chosen rows keep their input order and get a fresh 0..n-1 index. With the same seed and folds,
the folds 0..folds-1 partition the rows: each row is in exactly one fold, so ``invert`` gives a
fold's complement for cross-validation. Must not return fewer rows than asked without saying so:
asking for more rows than there are is an error.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MODES = ("sample", "head", "fold")


def run(
    data: pd.DataFrame,
    mode: str = "sample",
    fraction: float = 0.1,
    rows: int | None = None,
    seed: int = 0,
    folds: int = 5,
    fold: int = 0,
    invert: bool = False,
) -> pd.DataFrame:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    rng = np.random.default_rng(seed)
    if mode == "fold":
        positions = _fold_positions(len(data), folds, fold, rng)
    else:
        count = _row_count(len(data), fraction, rows)
        positions = np.arange(count) if mode == "head" else rng.choice(len(data), count, False)
    chosen = np.zeros(len(data), dtype=bool)
    chosen[positions] = True
    if invert:
        chosen = ~chosen
    part = data.iloc[np.flatnonzero(chosen)].reset_index(drop=True)
    part.attrs = dict(data.attrs)
    return part


def _row_count(total: int, fraction: float, rows: int | None) -> int:
    if rows is not None:
        if not 0 <= rows <= total:
            raise ValueError(f"rows must be between 0 and the {total} rows of the data, not {rows}")
        return int(rows)
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, not {fraction}")
    return round(fraction * total)


def _fold_positions(total: int, folds: int, fold: int, rng: np.random.Generator) -> np.ndarray:
    if folds < 2:
        raise ValueError(f"folds must be at least 2, not {folds}")
    if not 0 <= fold < folds:
        raise ValueError(f"fold must be from 0 to {folds - 1} (folds - 1), not {fold}")
    # Dealing a shuffled deck: fold k gets every folds-th card from position k.
    return rng.permutation(total)[fold::folds]
