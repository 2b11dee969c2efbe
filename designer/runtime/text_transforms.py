"""Fitted text transforms: topic mixtures (Latent Dirichlet Allocation) and averaged word vectors
(Convert Word to Vector), applied to new rows by Apply Transformation.

Each replaces a text column by numbered numeric columns, learned on the training rows: a new row
gets the training vocabulary and topics, never its own. The fitting belongs to the components;
these classes hold what was learned (a fitted scikit-learn vectorizer and model are plain
attributes, so this module imports no scikit-learn) and apply it. They live in the runtime
because a pickle names the module of its class and only ``designer.runtime`` is importable in
every step. No Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from designer.runtime.transforms import require_columns

# Runs of two or more letters or digits, as Extract N-Gram Features and Feature Hashing count.
TOKEN_PATTERN = r"(?u)[^\W_]{2,}"


def texts_of(frame: pd.DataFrame, column: str) -> pd.Series:
    """The column as text, a missing value as empty text."""
    return frame[column].fillna("").astype(str)


def replace_text(frame: pd.DataFrame, column: str, features: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without ``column``, ``features`` appended; attrs kept; a name clash refused."""
    rest = frame.drop(columns=[column])
    clashes = sorted(set(rest.columns) & set(features.columns))
    if clashes:
        raise ValueError(f"the data already has column(s) named {', '.join(clashes[:5])}")
    result = pd.concat([rest, features.set_axis(frame.index)], axis=1)
    result.attrs = dict(frame.attrs)
    return result


@dataclass
class TopicTransform:
    """A text column → its mixture of topics: ``topic_0`` ... one share per topic, summing to 1."""

    text_column: str
    vectorizer: Any  # a fitted CountVectorizer
    model: Any  # a fitted LatentDirichletAllocation
    prefix: str = "topic_"

    def topic_columns(self) -> list[str]:
        return [f"{self.prefix}{index}" for index in range(self.model.n_components)]

    def mixtures(self, texts: pd.Series) -> pd.DataFrame:
        counts = self.vectorizer.transform(texts)
        shares = self.model.transform(counts)
        return pd.DataFrame(shares, columns=self.topic_columns())

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        require_columns(frame, [self.text_column], "topic model")
        mixtures = self.mixtures(texts_of(frame, self.text_column))
        return replace_text(frame, self.text_column, mixtures)


@dataclass
class WordVectorTransform:
    """A text column → the average of its words' vectors: ``vec_0`` ... (zeros without a known
    word)."""

    text_column: str
    vectorizer: Any  # a CountVectorizer: its analyzer splits text into words as they were counted
    words: list[str]
    vectors: np.ndarray  # one row per word
    prefix: str = "vec_"

    def vector_columns(self) -> list[str]:
        return [f"{self.prefix}{index}" for index in range(self.vectors.shape[1])]

    def document_vectors(self, texts: pd.Series) -> pd.DataFrame:
        index = {word: row for row, word in enumerate(self.words)}
        analyze = self.vectorizer.build_analyzer()
        averaged = np.zeros((len(texts), self.vectors.shape[1]))
        for position, text in enumerate(texts):
            rows = [index[word] for word in analyze(text) if word in index]
            if rows:
                averaged[position] = self.vectors[rows].mean(axis=0)
        return pd.DataFrame(averaged, columns=self.vector_columns())

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        require_columns(frame, [self.text_column], "word vectors")
        vectors = self.document_vectors(texts_of(frame, self.text_column))
        return replace_text(frame, self.text_column, vectors)
