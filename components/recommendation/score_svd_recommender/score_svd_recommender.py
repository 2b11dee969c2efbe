"""Score SVD Recommender: predicted ratings for given pairs, or each user's top items.

Rating prediction keeps the input rows and adds ``scored_rating``. Item recommendation gives long
rows ``user, rank, item, scored_rating`` with the ids as text. Both record in ``scored.attrs``
what they are and the recommender's column names, so Evaluate Recommender needs no parameters.
Must not drop or reorder the input rows of a rating prediction.
"""

from __future__ import annotations

import pandas as pd

from designer.runtime import report_progress
from designer.runtime.recommenders import SVDRecommender

KINDS = ("rating_prediction", "item_recommendation")
SOURCES = ("rated", "unrated", "all")


def run(
    model: SVDRecommender,
    data: pd.DataFrame,
    kind: str = "rating_prediction",
    items_from: str = "rated",
    max_items: int = 5,
) -> pd.DataFrame:
    if not isinstance(model, SVDRecommender):
        raise TypeError(
            f"model must be a recommender from Train SVD Recommender, not {type(model).__name__}"
        )
    if kind not in KINDS or items_from not in SOURCES:
        raise ValueError(
            f"kind must be one of {', '.join(KINDS)} and items_from one of {', '.join(SOURCES)}"
        )
    if max_items < 1:
        raise ValueError(f"max_items must be at least 1, not {max_items}")
    report_progress(0, 1)
    if kind == "rating_prediction":
        scored = _rated_pairs(model, data)
    else:
        scored = _recommendations(model, data, items_from, int(max_items))
    scored.attrs = {
        **data.attrs,
        "recommender": kind,
        "user_column": model.user_column,
        "item_column": model.item_column,
        "rating_column": model.rating_column,
    }
    report_progress(1, 1)
    return scored


def _require(data: pd.DataFrame, columns: list[str]) -> None:
    missing = [column for column in columns if column not in data.columns]
    if missing:
        available = ", ".join(str(column) for column in data.columns)
        raise ValueError(
            f"the data lacks the recommender's column(s) {', '.join(missing)}; it has: {available}"
        )


def _rated_pairs(model: SVDRecommender, data: pd.DataFrame) -> pd.DataFrame:
    _require(data, [model.user_column, model.item_column])
    scored = data.copy()
    scored["scored_rating"] = model.predict_ratings(
        data[model.user_column], data[model.item_column]
    )
    return scored


def _recommendations(
    model: SVDRecommender, data: pd.DataFrame, items_from: str, max_items: int
) -> pd.DataFrame:
    if items_from == "rated":
        _require(data, [model.user_column, model.item_column])
        return model.rank_items(data, max_items)
    _require(data, [model.user_column])
    users = list(dict.fromkeys(data[model.user_column].dropna().tolist()))
    return model.recommend(users, max_items, exclude_rated=items_from == "unrated")
