"""Filter Based Feature Selection: score numeric features against the label, keep the top k.

Only numeric (and boolean, as 0/1) feature columns are scored; other columns are dropped and
named in the log. A score that cannot be computed (a constant column) counts as 0. Ties keep the
input's column order. Must not score data with missing values, which would skew every method:
that is an error naming the column and asking for Clean Missing Data first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_selection import (
    chi2,
    f_classif,
    f_regression,
    mutual_info_classif,
    mutual_info_regression,
)

METHODS = ("pearson", "mutual_information", "chi_squared", "f_score")


def run(
    data: pd.DataFrame, label_column: str | None = None, method: str = "pearson", top_k: int = 5
) -> dict[str, Any]:
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}")
    label = _label_column(data, label_column)
    features = _numeric_features(data, label)
    target = data[label]
    _check_complete(data[[*features.columns, label]])
    scores = pd.DataFrame({"feature": features.columns, "score": _scores(features, target, method)})
    scores = scores.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    kept = scores["feature"].head(top_k).tolist()
    selected = data[[label, *kept]].copy()
    selected.attrs = {**data.attrs, "label_column": label}
    return {"data": selected, "scores": scores}


def _label_column(data: pd.DataFrame, label_column: str | None) -> str:
    label = label_column or data.attrs.get("label_column")
    if not label:
        raise ValueError("choose a label_column (or mark one with Edit Metadata)")
    if label not in data.columns:
        available = ", ".join(str(column) for column in data.columns)
        raise ValueError(f"label column {label!r} is not in the data; it has: {available}")
    return str(label)


def _numeric_features(data: pd.DataFrame, label: str) -> pd.DataFrame:
    candidates = data.drop(columns=[label])
    numeric = [
        column
        for column, dtype in candidates.dtypes.items()
        if pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
    ]
    skipped = [str(column) for column in candidates.columns if column not in numeric]
    if skipped:
        print(f"not scored (not numeric): {', '.join(skipped)}")
    if not numeric:
        raise ValueError("the data has no numeric feature columns besides the label to score")
    return candidates[numeric].astype("float64")


def _check_complete(frame: pd.DataFrame) -> None:
    counts = frame.isna().sum()
    gaps = [f"{column} ({count})" for column, count in counts.items() if count]
    if gaps:
        raise ValueError(
            f"missing values in {', '.join(gaps)}; "
            "fill or remove them with Clean Missing Data first"
        )


def _is_classes(target: pd.Series) -> bool:
    return not pd.api.types.is_float_dtype(target.dtype)


def _scores(features: pd.DataFrame, target: pd.Series, method: str) -> np.ndarray:
    if method == "pearson":
        scores = _pearson(features, target)
    elif method == "chi_squared":
        scores = _chi_squared(features, target)
    elif method == "mutual_information":
        estimate = mutual_info_classif if _is_classes(target) else mutual_info_regression
        scores = estimate(features, target, random_state=0)
    else:
        test = f_classif if _is_classes(target) else f_regression
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = test(features, target)[0]
    return np.nan_to_num(np.asarray(scores, dtype="float64"), nan=0.0)


def _pearson(features: pd.DataFrame, target: pd.Series) -> np.ndarray:
    if not (pd.api.types.is_numeric_dtype(target.dtype) or pd.api.types.is_bool_dtype(target)):
        raise ValueError(
            f"pearson needs a numeric label, but {target.name!r} is {target.dtype}; "
            "use mutual_information, chi_squared or f_score for text classes"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        return features.corrwith(target.astype("float64")).abs().to_numpy()


def _chi_squared(features: pd.DataFrame, target: pd.Series) -> np.ndarray:
    if not _is_classes(target):
        raise ValueError(
            f"chi_squared needs class labels, but {target.name!r} holds floating-point numbers; "
            "use pearson, mutual_information or f_score for a numeric target"
        )
    negative = features.lt(0)
    if negative.any().any():
        column = negative.any().idxmax()
        row = negative[column].idxmax()
        raise ValueError(
            f"chi_squared needs features of 0 or more, but column {column!r} holds "
            f"{features.at[row, column]:g} at row {row}; rescale it with Normalize Data (minmax)"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        return chi2(features, target)[0]
