"""SMOTE: add synthetic rows of the rarest label value, interpolated between close real rows.

For every new row: take a real row of the rare class (each row in turn, as many times as the
percentage allows, then a random choice for the rest), pick one of its ``neighbors`` nearest rows
of the same class at random, and place the new row at a random point on the segment between the
two. Features are standardised for the neighbour search only, so a feature in large units does
not decide alone what is near. Must not change or reorder the input rows; the new rows come after
them, integer columns stay whole numbers and the label is the rare class.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

from designer.runtime import log_metric


def run(
    data: pd.DataFrame,
    label_column: str,
    percentage: int = 100,
    neighbors: int = 5,
    seed: int = 0,
) -> pd.DataFrame:
    if label_column not in data.columns:
        available = ", ".join(str(column) for column in data.columns)
        raise ValueError(f"label column {label_column!r} is not in the data; it has: {available}")
    if percentage < 1 or neighbors < 1:
        raise ValueError("percentage and neighbors must be at least 1")
    features = data.drop(columns=[label_column])
    _check_features(features)
    rare = _rarest_class(data[label_column])
    members = features[data[label_column] == rare].to_numpy(dtype="float64")
    if len(members) < 2:
        raise ValueError(f"class {rare!r} has {len(members)} row; SMOTE needs at least two")
    count = round(len(members) * percentage / 100)
    rng = np.random.default_rng(seed)
    synthetic = _synthesize(members, count, min(neighbors, len(members) - 1), rng)
    made = pd.DataFrame(synthetic, columns=features.columns)
    made = _like(made, features).assign(**{label_column: rare})[list(data.columns)]
    log_metric("rare_class_rows", len(members))
    log_metric("synthetic_rows", count)
    result = pd.concat([data, made.astype(data.dtypes.to_dict())], ignore_index=True)
    result.attrs = dict(data.attrs)
    return result


def _check_features(features: pd.DataFrame) -> None:
    other = [
        str(column)
        for column, dtype in features.dtypes.items()
        if not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype))
    ]
    if other:
        raise ValueError(
            f"SMOTE interpolates numbers; these columns are not numeric: {', '.join(other)} "
            "(drop them with Select Columns, or encode them with Convert to Indicator Values)"
        )
    missing = [str(column) for column in features.columns if features[column].isna().any()]
    if missing:
        raise ValueError(
            f"columns with missing values: {', '.join(missing)} (use Clean Missing Data first)"
        )


def _rarest_class(labels: pd.Series) -> object:
    counts = labels.dropna().value_counts()
    if len(counts) < 2:
        raise ValueError("the label column needs at least two classes to balance")
    # The least frequent class; among equally rare ones, the smallest value, for repeatability.
    fewest = counts[counts == counts.min()].index
    return sorted(fewest)[0]


def _synthesize(
    members: np.ndarray, count: int, neighbors: int, rng: np.random.Generator
) -> np.ndarray:
    spread = members.std(axis=0)
    scaled = (members - members.mean(axis=0)) / np.where(spread > 0, spread, 1)
    # Each row's nearest rows in its class; the first is the row itself, so one more is asked.
    nearest = NearestNeighbors(n_neighbors=neighbors + 1).fit(scaled).kneighbors(scaled)[1][:, 1:]
    rounds, rest = divmod(count, len(members))
    bases = np.concatenate(
        [np.tile(np.arange(len(members)), rounds), rng.choice(len(members), rest, replace=False)]
    )
    partners = nearest[bases, rng.integers(0, neighbors, size=len(bases))]
    steps = rng.random((len(bases), 1))
    return members[bases] + steps * (members[partners] - members[bases])


def _like(made: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """Integer and boolean columns rounded back to whole values, as the real rows have them."""
    for column, dtype in features.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype):
            made[column] = made[column].round().astype(bool)
        elif pd.api.types.is_integer_dtype(dtype):
            made[column] = made[column].round()
    return made
