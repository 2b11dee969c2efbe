"""Split Data 1.1.0: partition the rows of a dataframe into two, by fraction or by expression.

By fraction, the first output always holds round(fraction * rows) rows, stratified or not; by
expression, it holds exactly the rows the condition selects. Either way the two outputs together
hold every input row exactly once. Must not reorder rows within an output: both keep the input's
row order, which makes splits easy to read and to compare. Modes random and sequential behave
exactly as in 1.0.0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MODES = ("random", "sequential", "stratified", "expression")


def run(
    data: pd.DataFrame,
    fraction: float = 0.7,
    seed: int = 0,
    mode: str = "random",
    stratify: str | None = None,
    expression: str | None = None,
) -> dict[str, pd.DataFrame]:
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, not {fraction}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if stratify and stratify not in data.columns:
        raise ValueError(f"stratify column {stratify!r} is not in the data")
    if mode == "expression":
        in_first = _matching_rows(data, expression)
    else:
        in_first = _by_fraction(data, fraction, seed, mode, _strata_column(data, mode, stratify))
    return {"first": _part(data, in_first), "second": _part(data, ~in_first)}


def _strata_column(data: pd.DataFrame, mode: str, stratify: str | None) -> str | None:
    """The column to stratify by; stratified mode falls back to the label column."""
    if stratify or mode != "stratified":
        return stratify
    label = data.attrs.get("label_column")
    if label in data.columns:
        return str(label)
    raise ValueError(
        "mode 'stratified' needs a stratify column (or a label column marked by Edit Metadata)"
    )


def _by_fraction(
    data: pd.DataFrame, fraction: float, seed: int, mode: str, stratify: str | None
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    groups = _row_groups(data, stratify)
    quotas = _allocate(round(fraction * len(data)), [len(group) for group in groups])
    in_first = np.zeros(len(data), dtype=bool)
    for group, quota in zip(groups, quotas, strict=True):
        in_first[_pick(group, quota, mode, rng)] = True
    return in_first


def _matching_rows(data: pd.DataFrame, expression: str | None) -> np.ndarray:
    """One boolean per row: does it satisfy ``expression`` (DataFrame.query syntax)?"""
    if not expression or not expression.strip():
        raise ValueError("mode 'expression' needs an expression, like \"target > 100\"")
    try:
        # eval is what DataFrame.query runs; asking for its result lets us insist on booleans.
        result = data.reset_index(drop=True).eval(expression)
    except Exception as exc:
        columns = ", ".join(str(column) for column in data.columns)
        raise ValueError(
            f"the expression {expression!r} could not be evaluated ({type(exc).__name__}: {exc}); "
            f"the data has columns: {columns}"
        ) from exc
    if not isinstance(result, pd.Series) or not pd.api.types.is_bool_dtype(result.dtype):
        raise ValueError(
            f"the expression {expression!r} must be a condition giving true or false for each "
            'row, like "age > 0.05"'
        )
    return result.fillna(False).to_numpy(dtype=bool)


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
