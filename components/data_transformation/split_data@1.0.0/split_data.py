"""Split Data: partition the rows of a dataframe into two, by fraction.

The first output always holds round(fraction * rows) rows, stratified or not, and the two outputs
together hold every input row exactly once. Must not reorder rows within an output: both keep the
input's row order, which makes splits easy to read and to compare.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def run(
    data: pd.DataFrame,
    fraction: float = 0.7,
    seed: int = 0,
    mode: str = "random",
    stratify: str | None = None,
) -> dict[str, pd.DataFrame]:
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, not {fraction}")
    if mode not in ("random", "sequential"):
        raise ValueError(f"mode must be 'random' or 'sequential', not {mode!r}")
    if stratify and stratify not in data.columns:
        raise ValueError(f"stratify column {stratify!r} is not in the data")
    rng = np.random.default_rng(seed)
    groups = _row_groups(data, stratify)
    quotas = _allocate(round(fraction * len(data)), [len(group) for group in groups])
    chosen = [_pick(group, quota, mode, rng) for group, quota in zip(groups, quotas, strict=True)]
    in_first = np.zeros(len(data), dtype=bool)
    for positions in chosen:
        in_first[positions] = True
    return {"first": _part(data, in_first), "second": _part(data, ~in_first)}


def _row_groups(data: pd.DataFrame, stratify: str | None) -> list[np.ndarray]:
    """Row positions per stratum; a single group of every row when not stratifying."""
    if not stratify:
        return [np.arange(len(data))]
    codes, _ = pd.factorize(data[stratify], use_na_sentinel=False)
    return [np.flatnonzero(codes == code) for code in np.unique(codes)]


def _allocate(total: int, sizes: list[int]) -> list[int]:
    """Split ``total`` over groups in proportion to ``sizes`` (largest remainder first)."""
    if not sizes or sum(sizes) == 0:
        return [0 for _ in sizes]
    exact = np.array(sizes, dtype=float) * total / sum(sizes)
    quotas = np.floor(exact).astype(int)
    # Ties go to the earlier group (stable sort), so the result does not depend on the seed.
    order = np.argsort(-(exact - quotas), kind="stable")
    for index in order[: total - int(quotas.sum())]:
        quotas[index] += 1
    return quotas.tolist()


def _pick(positions: np.ndarray, count: int, mode: str, rng: np.random.Generator) -> np.ndarray:
    if mode == "sequential":
        return positions[:count]
    return rng.choice(positions, size=count, replace=False)


def _part(data: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    part = data.iloc[np.flatnonzero(mask)].reset_index(drop=True)
    part.attrs = dict(data.attrs)
    return part
