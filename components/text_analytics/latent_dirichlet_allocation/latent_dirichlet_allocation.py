"""Latent Dirichlet Allocation: learn topics from a text column, replace it by topic shares.

Words are counted as Extract N-Gram Features counts them (runs of two or more letters or digits,
lower case); scikit-learn's LatentDirichletAllocation (batch variational Bayes) learns the topics.
The fitted counter and model go out as a ``designer.runtime.text_transforms.TopicTransform``, so
Apply Transformation gives new rows the training topics. Must not change the other columns or
the rows; the text column itself is dropped, as models need numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer

from designer.runtime import log_metric, report_progress
from designer.runtime.text_transforms import TOKEN_PATTERN, TopicTransform, texts_of


def run(
    data: pd.DataFrame,
    text_column: str,
    topics: int = 5,
    n: int = 1,
    max_features: int = 5000,
    min_document_frequency: int = 1,
    max_iter: int = 25,
    top_words: int = 10,
    seed: int = 0,
) -> dict[str, Any]:
    if text_column not in data.columns:
        raise ValueError(f"text column {text_column!r} is not in the data")
    if topics < 2 or not 1 <= n <= 3:
        raise ValueError(f"topics must be at least 2 and n 1, 2 or 3; got {topics} and {n}")
    texts = texts_of(data, text_column)
    vectorizer = CountVectorizer(
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, int(n)),
        max_features=int(max_features),
        min_df=int(min_document_frequency),
    )
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError as error:  # scikit-learn's "empty vocabulary; perhaps ..." and the like
        raise ValueError(f"no words to learn topics from: {error}") from None
    report_progress(0, 1)
    model = LatentDirichletAllocation(
        n_components=int(topics), max_iter=int(max_iter), learning_method="batch", random_state=seed
    ).fit(counts)
    report_progress(1, 1)
    log_metric("perplexity", float(model.perplexity(counts)))
    log_metric("vocabulary_size", counts.shape[1])
    transform = TopicTransform(text_column, vectorizer, model)
    return {
        "data": transform.apply(data),
        "topics": _top_words(model, vectorizer.get_feature_names_out(), int(top_words)),
        "transform": transform,
    }


def _top_words(model: LatentDirichletAllocation, words: np.ndarray, count: int) -> pd.DataFrame:
    """Each topic's ``count`` heaviest words, with their share of the topic's word weight."""
    weights = model.components_ / model.components_.sum(axis=1, keepdims=True)
    rows = []
    for topic, row in enumerate(weights):
        best = np.argsort(-row, kind="stable")[:count]
        rows.extend((topic, rank, str(words[i]), float(row[i])) for rank, i in enumerate(best, 1))
    frame = pd.DataFrame(rows, columns=["topic", "rank", "word", "weight"])
    return frame.astype({"topic": "int64", "rank": "int64", "word": "str", "weight": "float64"})
