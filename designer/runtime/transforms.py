"""Fitted column transforms that travel between steps as ``model`` outputs.

Clean Missing Data, Normalize Data and Select Columns Transform learn one of these from their
input (and apply it to that input); Apply Transformation applies it to new rows, which therefore
get the training values (the training mean, the training scale, the training columns) rather than
their own. The classes live in the runtime, not in a component folder, because a pickle names
the module of its class and only ``designer.runtime`` is importable in every step that may load
one. They must stay plain data with an ``apply`` method: the fitting belongs to the components,
and nothing here imports scikit-learn or Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

INDICATOR_SUFFIX = "_missing"


def require_columns(frame: pd.DataFrame, columns: Iterable[str], fitted: str) -> None:
    """Raise a ValueError naming every column of ``columns`` that ``frame`` lacks."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        names = ", ".join(repr(column) for column in missing)
        available = ", ".join(str(column) for column in frame.columns)
        raise ValueError(
            f"the data lacks column(s) {names} that the {fitted} was fitted on; it has: {available}"
        )


def fill_missing(series: pd.Series, value: Any) -> pd.Series:
    """``series`` with missing values replaced by ``value``, widening the dtype if it must."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        if value not in series.cat.categories:
            series = series.cat.add_categories([value])
    elif (
        pd.api.types.is_integer_dtype(series.dtype)
        and isinstance(value, float)
        and not value.is_integer()
    ):
        # A nullable integer column cannot hold a fractional mean; keep the fraction.
        series = series.astype("Float64")
    return series.fillna(value)


@dataclass
class MissingValueCleaner:
    """Fills missing values, or drops the rows or columns that have them, as fitted."""

    fill_values: dict[str, Any] = field(default_factory=dict)
    drop_row_columns: list[str] = field(default_factory=list)
    drop_columns: list[str] = field(default_factory=list)
    indicator_columns: list[str] = field(default_factory=list)

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A cleaned copy of ``frame``; its attrs are kept."""
        used = [*self.fill_values, *self.drop_row_columns, *self.indicator_columns]
        require_columns(frame, dict.fromkeys(used), "missing-value cleaner")
        cleaned = frame.copy()
        for column in self.indicator_columns:
            cleaned[f"{column}{INDICATOR_SUFFIX}"] = frame[column].isna()
        for column, value in self.fill_values.items():
            cleaned[column] = fill_missing(cleaned[column], value)
        if self.drop_row_columns:
            cleaned = cleaned.dropna(subset=self.drop_row_columns).reset_index(drop=True)
        # Columns dropped at fitting time may already be gone from new data: nothing to do then.
        cleaned = cleaned.drop(columns=[c for c in self.drop_columns if c in cleaned.columns])
        cleaned.attrs = dict(frame.attrs)
        return cleaned


def _logistic(values: pd.Series) -> pd.Series:
    # exp overflows to inf for very negative values, which correctly gives 0.
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-values))


SQUASHES: dict[str, Callable[[pd.Series], pd.Series]] = {"logistic": _logistic, "tanh": np.tanh}


@dataclass
class ColumnScaler:
    """``(x - shift) / scale`` per column, then the method's squashing function if it has one."""

    method: str
    shifts: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy of ``frame`` with the fitted columns scaled to float64; attrs are kept."""
        require_columns(frame, self.shifts, f"{self.method} normalizer")
        squash = SQUASHES.get(self.method)
        scaled = frame.copy()
        for column, shift in self.shifts.items():
            values = (as_float(frame[column], column) - shift) / self.scales[column]
            scaled[column] = squash(values) if squash else values
        scaled.attrs = dict(frame.attrs)
        return scaled


def as_float(series: pd.Series, column: str) -> pd.Series:
    """``series`` as float64 (missing values as NaN), or a ValueError naming the column."""
    try:
        return series.astype("float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"column {column!r} must be numeric to be scaled, but it is {series.dtype} ({exc})"
        ) from exc


@dataclass
class ColumnSelection:
    """Keeps the chosen columns in their fitted order; ``optional_columns`` (the label) are kept
    when present and skipped when not, so the same selection serves rows to be scored."""

    columns: list[str] = field(default_factory=list)
    optional_columns: list[str] = field(default_factory=list)

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy of ``frame`` with only the selected columns; its attrs are kept."""
        required = [column for column in self.columns if column not in self.optional_columns]
        require_columns(frame, required, "column selection")
        selected = frame[[column for column in self.columns if column in frame.columns]].copy()
        selected.attrs = dict(frame.attrs)
        return selected
