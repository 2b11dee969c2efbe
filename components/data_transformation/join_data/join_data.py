"""Join Data: a database-style join of two dataframes on key columns.

Row order follows pandas' merge: left's order for inner and left joins, right's for right joins,
keys sorted for outer joins. A row with a missing key matches nothing, as in SQL (pandas alone
would match missing to missing); joins that keep unmatched rows keep such rows at the end. Must not
silently join keys of different kinds (text against numbers never matches): that is an error
naming both columns.
"""

from __future__ import annotations

import pandas as pd

HOWS = ("inner", "left", "right", "outer")


def run(
    left: pd.DataFrame,
    right: pd.DataFrame,
    left_keys: list[str],
    right_keys: list[str],
    how: str = "inner",
    suffixes: str = "_left,_right",
) -> pd.DataFrame:
    if how not in HOWS:
        raise ValueError(f"how must be one of {', '.join(HOWS)}, not {how!r}")
    left_on = _keys(left, left_keys, "left")
    right_on = _keys(right, right_keys, "right")
    if len(left_on) != len(right_on):
        raise ValueError(
            f"left_keys has {len(left_on)} column(s) and right_keys {len(right_on)}; "
            "they are matched in pairs, so give the same number"
        )
    for left_key, right_key in zip(left_on, right_on, strict=True):
        _check_comparable(left[left_key], right[right_key], left_key, right_key)
    joined = _merge(left, right, left_on, right_on, how, _suffixes(suffixes))
    joined.attrs = dict(left.attrs)
    return joined


def _merge(
    left: pd.DataFrame,
    right: pd.DataFrame,
    left_on: list[str],
    right_on: list[str],
    how: str,
    suffixes: tuple[str, str],
) -> pd.DataFrame:
    options = {"left_on": left_on, "right_on": right_on, "suffixes": suffixes}
    left_keyed = left[left_on].notna().all(axis="columns").to_numpy()
    right_keyed = right[right_on].notna().all(axis="columns").to_numpy()
    parts = [left[left_keyed].merge(right[right_keyed], how=how, sort=how == "outer", **options)]
    # Rows with a missing key matched nothing above; joins that keep unmatched rows add them.
    if how in ("left", "outer") and not left_keyed.all():
        parts.append(left[~left_keyed].merge(right.iloc[:0], how="left", **options))
    if how in ("right", "outer") and not right_keyed.all():
        parts.append(left.iloc[:0].merge(right[~right_keyed], how="right", **options))
    if len(parts) == 1:
        return parts[0]
    return pd.concat(parts, ignore_index=True)


def _keys(frame: pd.DataFrame, keys: list[str] | str, side: str) -> list[str]:
    chosen = list(dict.fromkeys([keys] if isinstance(keys, str) else keys or []))
    if not chosen:
        raise ValueError(f"choose at least one key column of {side}")
    unknown = [key for key in chosen if key not in frame.columns]
    if unknown:
        available = ", ".join(str(column) for column in frame.columns)
        names = ", ".join(repr(key) for key in unknown)
        raise ValueError(f"unknown {side} key column(s) {names}; {side} has: {available}")
    return chosen


def _kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series.dtype):
        return "boolean"
    if pd.api.types.is_numeric_dtype(series.dtype):
        return "numeric"
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return "date/time"
    return "text"


def _check_comparable(left: pd.Series, right: pd.Series, left_key: str, right_key: str) -> None:
    if _kind(left) != _kind(right):
        raise ValueError(
            f"key {left_key!r} of left is {_kind(left)} ({left.dtype}) but key {right_key!r} of "
            f"right is {_kind(right)} ({right.dtype}); convert one with Edit Metadata"
        )


def _suffixes(text: str) -> tuple[str, str]:
    parts = [part.strip() for part in (text or "").split(",")]
    if len(parts) != 2 or parts[0] == parts[1]:
        raise ValueError(
            f"suffixes must be two different suffixes separated by a comma, like _left,_right; "
            f"got {text!r}"
        )
    return parts[0], parts[1]
