"""Feature Hashing on the shipped corpus of product reviews."""

from pathlib import Path

import pandas as pd
import pytest

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def _reviews() -> pd.DataFrame:
    return pd.read_csv(HERE / "reviews.csv")


def _hash(data: pd.DataFrame, **params) -> pd.DataFrame:
    outputs, _ = run_component(
        HERE, inputs={"data": data}, params={"text_column": "review", **params}
    )
    return outputs["data"]


def test_bits_give_two_to_the_bits_columns() -> None:
    for bits in (4, 10):
        hashed = _hash(_reviews(), bits=bits)
        hash_columns = [f"hash_{i}" for i in range(2**bits)]
        assert list(hashed.columns) == ["sentiment", *hash_columns]
        assert len(hashed) == 40


def test_counts_add_up_to_the_words_of_each_row() -> None:
    reviews = _reviews()
    hashed = _hash(reviews, bits=10)
    words = reviews["review"].str.count(r"[^\W_]{2,}")
    assert (hashed.filter(like="hash_").sum(axis=1) == words).all()


def test_pairs_of_words_add_columns_of_their_own() -> None:
    texts = pd.DataFrame({"review": ["battery life", "life battery"]})
    single = _hash(texts, bits=8, n=1)
    pairs = _hash(texts, bits=8, n=2)
    assert (single.iloc[0] == single.iloc[1]).all(), "single words ignore the order"
    assert not (pairs.iloc[0] == pairs.iloc[1]).all(), "pairs keep it"
    assert (pairs.sum(axis=1) == [3, 3]).all()


def test_the_same_text_hashes_the_same_in_any_data() -> None:
    reviews = _reviews()
    alone = _hash(reviews.iloc[[5]], bits=8)
    within = _hash(reviews, bits=8).iloc[[5]]
    pd.testing.assert_frame_equal(alone, within)


def test_missing_text_hashes_to_zeros() -> None:
    hashed = _hash(pd.DataFrame({"review": [None, "great price"]}), bits=4)
    assert hashed.iloc[0].sum() == 0 and hashed.iloc[1].sum() == 2


def test_too_many_bits_are_refused() -> None:
    with pytest.raises(ValueError, match="bits must be between 2 and 20"):
        _hash(_reviews(), bits=24)
