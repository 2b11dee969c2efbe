"""Feature Hashing: count each row's n-grams into 2^bits columns chosen by a hash of the n-gram.

The hash (scikit-learn's signed 32-bit MurmurHash3 with seed 0) depends only on the n-gram, so
any data, today's or next year's, hashes to the same columns without a stored vocabulary. Must
not change the other columns or the rows; the text column itself is dropped.
"""

from __future__ import annotations

import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer

PREFIX = "hash_"
# The same words as Extract N-Gram Features: runs of two or more letters or digits.
TOKEN_PATTERN = r"(?u)[^\W_]{2,}"


def run(data: pd.DataFrame, text_column: str, bits: int = 10, n: int = 1) -> pd.DataFrame:
    if text_column not in data.columns:
        raise ValueError(f"text column {text_column!r} is not in the data")
    if not 2 <= bits <= 20:
        raise ValueError(f"bits must be between 2 and 20, not {bits}")
    if not 1 <= n <= 3:
        raise ValueError(f"n must be 1, 2 or 3, not {n}")
    width = 2 ** int(bits)
    hasher = HashingVectorizer(
        n_features=width,
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, int(n)),
        alternate_sign=False,
        norm=None,
    )
    counts = hasher.transform(data[text_column].fillna("").astype(str))
    hashed = pd.DataFrame(
        counts.astype("int64").toarray(),
        columns=[f"{PREFIX}{index}" for index in range(width)],
        index=data.index,
    )
    rest = data.drop(columns=[text_column])
    clashes = sorted(set(rest.columns) & set(hashed.columns))
    if clashes:
        raise ValueError(f"the data already has hash column(s): {', '.join(clashes[:5])}")
    return pd.concat([rest, hashed], axis=1)
