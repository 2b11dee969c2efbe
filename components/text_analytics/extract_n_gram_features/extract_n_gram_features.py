"""Extract N-Gram Features: one numeric column per n-gram of a text column, and the vocabulary.

Without a ``vocabulary`` input the n-grams are learned from ``data``; with one (this component's
own vocabulary output, typically from the training rows) exactly those n-grams and their IDF are
used, so training and scoring data get the same columns. Must not change the other columns or
the rows; the text column itself is dropped, as models need numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

PREFIX = "ngram_"
# Runs of two or more letters or digits; underscores split words, so column names cannot collide.
TOKEN_PATTERN = r"(?u)[^\W_]{2,}"
WEIGHTINGS = ("tf", "tfidf", "binary")


@dataclass(frozen=True)
class Vocabulary:
    """The n-grams in column order, with the document frequency and IDF learned for each."""

    ngrams: list[str]
    document_frequency: np.ndarray
    idf: np.ndarray

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "ngram": self.ngrams,
                "column": [column_name(ngram) for ngram in self.ngrams],
                "words": [len(ngram.split()) for ngram in self.ngrams],
                "document_frequency": self.document_frequency.astype("int64"),
                "idf": self.idf,
            }
        )


def run(
    data: pd.DataFrame,
    text_column: str,
    vocabulary: pd.DataFrame | None = None,
    n: int = 2,
    max_features: int = 1000,
    min_document_frequency: int = 1,
    weighting: str = "tfidf",
) -> dict[str, pd.DataFrame]:
    if text_column not in data.columns:
        raise ValueError(f"text column {text_column!r} is not in the data")
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {', '.join(WEIGHTINGS)}, not {weighting!r}")
    texts = data[text_column].fillna("").astype(str)
    if vocabulary is None:
        counts, learned = _learn(texts, n, max_features, min_document_frequency)
    else:
        learned = _read_vocabulary(vocabulary)
        counts = _count(texts, learned.ngrams)
    features = pd.DataFrame(
        _weighted(counts, weighting, learned.idf).toarray(),
        columns=[column_name(ngram) for ngram in learned.ngrams],
        index=data.index,
    )
    rest = data.drop(columns=[text_column])
    clashes = sorted(set(rest.columns) & set(features.columns))
    if clashes:
        raise ValueError(f"the data already has n-gram column(s): {', '.join(clashes)}")
    return {"data": pd.concat([rest, features], axis=1), "vocabulary": learned.table()}


def column_name(ngram: str) -> str:
    return PREFIX + ngram.replace(" ", "_")


def _learn(
    texts: pd.Series, n: int, max_features: int, min_document_frequency: int
) -> tuple[sparse.csr_matrix, Vocabulary]:
    if not 1 <= n <= 3:
        raise ValueError(f"n must be 1, 2 or 3, not {n}")
    vectorizer = CountVectorizer(
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, int(n)),
        max_features=int(max_features),
        min_df=int(min_document_frequency),
    )
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError as error:  # scikit-learn's "empty vocabulary; perhaps ..." and the like
        raise ValueError(f"no n-grams to keep: {error}") from None
    frequency = np.asarray((counts > 0).sum(axis=0)).ravel()
    # The smoothed IDF of scikit-learn's TfidfVectorizer: ln((1 + rows) / (1 + df)) + 1.
    idf = np.log((1 + len(texts)) / (1 + frequency)) + 1
    return counts, Vocabulary(list(vectorizer.get_feature_names_out()), frequency, idf)


def _read_vocabulary(table: pd.DataFrame) -> Vocabulary:
    missing = [column for column in ("ngram", "document_frequency", "idf") if column not in table]
    if missing:
        raise ValueError(
            f"vocabulary lacks column(s) {', '.join(missing)}; connect the vocabulary output of "
            "Extract N-Gram Features"
        )
    return Vocabulary(
        [str(ngram) for ngram in table["ngram"]],
        table["document_frequency"].to_numpy(),
        table["idf"].to_numpy(dtype=float),
    )


def _count(texts: pd.Series, ngrams: list[str]) -> sparse.csr_matrix:
    longest = max((len(ngram.split()) for ngram in ngrams), default=1)
    vectorizer = CountVectorizer(
        token_pattern=TOKEN_PATTERN, ngram_range=(1, longest), vocabulary=ngrams
    )
    return vectorizer.transform(texts)


def _weighted(counts: sparse.csr_matrix, weighting: str, idf: np.ndarray) -> sparse.csr_matrix:
    if weighting == "tf":
        return counts
    if weighting == "binary":
        return (counts > 0).astype("int64")
    # TF-IDF as TfidfVectorizer computes it by default: counts times IDF, each row of length 1.
    return normalize(counts.multiply(idf).tocsr(), norm="l2")
