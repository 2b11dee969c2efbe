"""Convert Word to Vector: count-based word embeddings (positive PMI, then truncated SVD).

Not word2vec's neural network: the same idea, that a word is known by the company it keeps, made
from counts (Levy, Goldberg and Dagan, 2015). Count how often each pair of kept words occurs within
``window`` words of each other; weigh each pair by its positive pointwise mutual information
(how much more often than chance, with the context counts raised to 0.75 so rare contexts do not
dominate); reduce that word × word matrix with a truncated SVD to ``dimensions`` columns, the
singular values split evenly between words and contexts; scale each vector to length 1.

Outputs the vectors, each row's average word vector in place of the text, and a
``designer.runtime.text_transforms.WordVectorTransform`` for new rows. Must not change the other
columns or the rows.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from designer.runtime import log_metric, report_progress
from designer.runtime.text_transforms import TOKEN_PATTERN, WordVectorTransform, texts_of

# Context-distribution smoothing: context counts to this power, as word2vec samples negatives.
CONTEXT_POWER = 0.75


def run(
    data: pd.DataFrame,
    text_column: str,
    dimensions: int = 50,
    window: int = 5,
    min_count: int = 2,
    max_vocabulary: int = 10000,
    seed: int = 0,
) -> dict[str, Any]:
    if text_column not in data.columns:
        raise ValueError(f"text column {text_column!r} is not in the data")
    if dimensions < 1 or window < 1:
        raise ValueError(f"dimensions and window must be at least 1; got {dimensions}, {window}")
    vectorizer = CountVectorizer(token_pattern=TOKEN_PATTERN)
    analyze = vectorizer.build_analyzer()
    documents = [analyze(text) for text in texts_of(data, text_column)]
    words, counts = _vocabulary(documents, int(min_count), int(max_vocabulary))
    if len(words) <= dimensions:
        raise ValueError(
            f"the text has {len(words)} word(s) occurring at least {min_count} times; choose "
            f"fewer dimensions than that (not {dimensions}), or a lower min_count"
        )
    report_progress(0, 2)
    pairs = _cooccurrences(documents, {word: row for row, word in enumerate(words)}, int(window))
    report_progress(1, 2)
    vectors = _embed(_ppmi(pairs), int(dimensions), int(seed))
    report_progress(2, 2)
    log_metric("vocabulary_size", len(words))
    transform = WordVectorTransform(text_column, vectorizer, words, vectors)
    table = pd.DataFrame(vectors, columns=transform.vector_columns())
    table.insert(0, "count", np.asarray(counts, dtype="int64"))
    table.insert(0, "word", pd.Series(words, dtype="str"))
    return {"vocabulary": table, "data": transform.apply(data), "transform": transform}


def _vocabulary(
    documents: list[list[str]], min_count: int, most: int
) -> tuple[list[str], list[int]]:
    """The kept words, most frequent first (ties alphabetical), and their counts."""
    counted = Counter(word for document in documents for word in document)
    kept = sorted(
        ((word, n) for word, n in counted.items() if n >= min_count), key=lambda i: (-i[1], i[0])
    )[:most]
    return [word for word, _ in kept], [n for _, n in kept]


def _cooccurrences(
    documents: list[list[str]], index: dict[str, int], window: int
) -> sparse.csr_matrix:
    """Word × word counts of kept words within ``window`` of each other, in both directions."""
    ids = [np.array([index.get(word, -1) for word in document]) for document in documents]
    rows, columns = [], []
    for tokens in ids:
        for offset in range(1, window + 1):
            left, right = tokens[:-offset], tokens[offset:]
            both = (left >= 0) & (right >= 0)
            rows += [left[both], right[both]]
            columns += [right[both], left[both]]
    size = len(index)
    if not rows:
        return sparse.csr_matrix((size, size))
    row, column = np.concatenate(rows), np.concatenate(columns)
    return sparse.csr_matrix((np.ones(len(row)), (row, column)), shape=(size, size))


def _ppmi(pairs: sparse.csr_matrix) -> sparse.csr_matrix:
    """max(0, log(P(w, c) / (P(w) P_0.75(c)))) for every counted pair."""
    pairs = pairs.tocoo()
    total = pairs.sum()
    if total == 0:
        return pairs.tocsr()
    word_counts = np.asarray(pairs.sum(axis=1)).ravel()
    smoothed = np.asarray(pairs.sum(axis=0)).ravel() ** CONTEXT_POWER
    joint = pairs.data / total
    expected = (word_counts[pairs.row] / total) * (smoothed[pairs.col] / smoothed.sum())
    values = np.maximum(np.log(joint / expected), 0)
    return sparse.csr_matrix((values, (pairs.row, pairs.col)), shape=pairs.shape)


def _embed(matrix: sparse.csr_matrix, dimensions: int, seed: int) -> np.ndarray:
    """U √Σ of a truncated SVD, each row scaled to length 1 (a row of zeros stays zeros)."""
    svd = TruncatedSVD(n_components=dimensions, random_state=seed)
    scaled = svd.fit_transform(matrix)  # U Σ
    singular = np.where(svd.singular_values_ > 0, svd.singular_values_, 1)
    return normalize(scaled / np.sqrt(singular))
