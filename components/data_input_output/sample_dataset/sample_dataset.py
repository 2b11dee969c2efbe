"""Sample Dataset: one of scikit-learn's bundled example datasets as a dataframe.

Must not download anything: only loaders whose data ships inside the scikit-learn package.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sklearn import datasets

LOADERS: dict[str, Callable[..., object]] = {
    "diabetes": datasets.load_diabetes,
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
}
LABEL_COLUMN = "target"


def run(dataset: str = "diabetes") -> pd.DataFrame:
    if dataset not in LOADERS:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of {', '.join(LOADERS)}")
    bunch = LOADERS[dataset](as_frame=True)
    frame = bunch.frame.copy()  # type: ignore[attr-defined]
    # Classification labels arrive as integers already; keep them so, never as floats.
    if dataset != "diabetes":
        frame[LABEL_COLUMN] = frame[LABEL_COLUMN].astype("int64")
    frame.attrs["source"] = f"sklearn.datasets.load_{dataset}"
    return frame
