"""Convert Word to Vector on sentences the test makes: words used alike get similar vectors."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from designer.runtime.testing import run_component
from designer.runtime.text_transforms import WordVectorTransform

HERE = Path(__file__).parent
APPLY = HERE.parents[1] / "data_transformation" / "apply_transformation"
KINDS = {
    "animal": ["cat", "dog", "horse", "cow", "sheep"],
    "vehicle": ["car", "truck", "bus", "bike", "van"],
    "food": ["bread", "apple", "cheese", "rice", "soup"],
}
TEMPLATES = {
    "animal": [
        "the {} eats grass in the field",
        "a {} sleeps in the barn",
        "my {} runs on the farm",
    ],
    "vehicle": ["the {} drives on the road", "a {} parks in the garage", "my {} needs fuel today"],
    "food": ["we cook {} for dinner", "they eat {} with salt", "the {} tastes fresh and warm"],
}


def sentences(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    kinds = rng.choice(list(KINDS), size=rows)
    texts = [str(rng.choice(TEMPLATES[k])).format(rng.choice(KINDS[k])) for k in kinds]
    return pd.DataFrame({"text": texts, "kind": kinds})


def _vectors(data: pd.DataFrame, **params) -> tuple[dict, list]:
    params = {"text_column": "text", "dimensions": 10, "window": 3, **params}
    return run_component(HERE, inputs={"data": data}, params=params)


@pytest.fixture(scope="module")
def learned() -> tuple[dict, list]:
    return _vectors(sentences(400, seed=0))


def test_words_used_alike_are_nearest_to_each_other(learned) -> None:
    vocabulary = learned[0]["vocabulary"].set_index("word")
    vectors = vocabulary.filter(like="vec_")
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1)
    members = [word for words in KINDS.values() for word in words]
    kind_of = {word: kind for kind, words in KINDS.items() for word in words}
    similar = vectors.loc[members] @ vectors.loc[members].T
    for word in members:
        nearest = similar[word].drop(word).nlargest(3).index
        assert {kind_of[other] for other in nearest} == {kind_of[word]}, (word, list(nearest))


def test_vocabulary_counts_and_vector_columns(learned) -> None:
    outputs, events = learned
    vocabulary = outputs["vocabulary"]
    assert list(vocabulary.columns) == ["word", "count", *[f"vec_{i}" for i in range(10)]]
    assert vocabulary["count"].is_monotonic_decreasing
    assert vocabulary.set_index("word").loc["the", "count"] > 100
    assert [e["value"] for e in events if e["type"] == "metric"] == [float(len(vocabulary))]


def test_rows_get_the_average_vector_of_their_words(learned) -> None:
    outputs = learned[0]
    data = outputs["data"]
    assert list(data.columns) == ["kind", *[f"vec_{i}" for i in range(10)]]
    vocabulary = outputs["vocabulary"].set_index("word").filter(like="vec_")
    first = sentences(400, seed=0)["text"][0].split()
    np.testing.assert_allclose(data.filter(like="vec_").iloc[0], vocabulary.loc[first].mean())


def test_apply_transformation_gives_new_rows_the_same_vectors(learned) -> None:
    transform = learned[0]["transform"]
    assert isinstance(transform, WordVectorTransform)
    new = pd.concat([sentences(400, seed=0).head(5), pd.DataFrame({"text": ["zebra!", None]})])
    applied = run_component(APPLY, inputs={"transform": transform, "data": new})[0]["data"]
    pd.testing.assert_frame_equal(
        applied.head(5).reset_index(drop=True), learned[0]["data"].head(5), check_dtype=False
    )
    assert (applied.filter(like="vec_").tail(2) == 0).all().all(), "no known word: zeros"


def test_more_dimensions_than_words_are_refused() -> None:
    with pytest.raises(ValueError, match="choose fewer dimensions than that"):
        _vectors(sentences(40, seed=0), dimensions=200)
