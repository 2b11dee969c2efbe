"""Apply Transformation: call a fitted transform's ``apply(df) -> df`` on new rows.

Any object with such a method works, so a custom component can output its own transform. Must
not refit anything: new rows get the values learned on the training rows, which is the point.
"""

from __future__ import annotations

import pandas as pd


def run(transform: object, data: pd.DataFrame) -> pd.DataFrame:
    apply = getattr(transform, "apply", None)
    if not callable(apply):
        raise TypeError(
            f"transform must be a fitted transformation with an apply(data) method, such as the "
            f"transform output of Clean Missing Data or Normalize Data; got "
            f"{type(transform).__name__}"
        )
    result = apply(data)
    if not isinstance(result, pd.DataFrame):
        raise TypeError(
            f"{type(transform).__name__}.apply returned {type(result).__name__}, not a dataframe"
        )
    return result
