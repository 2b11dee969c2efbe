"""Latent Dirichlet Allocation on a corpus the test makes from three subjects' vocabularies."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from designer.runtime.testing import run_component
from designer.runtime.text_transforms import TopicTransform

HERE = Path(__file__).parent
APPLY = HERE.parents[1] / "data_transformation" / "apply_transformation"
SUBJECTS = {
    "football": "goal striker keeper league match referee penalty stadium coach season".split(),
    "cooking": "oven recipe flour butter garlic simmer sauce onion pepper bake".split(),
    "computing": "server kernel compiler database network memory python cache thread disk".split(),
}


def corpus(rows: int, seed: int) -> pd.DataFrame:
    """Short texts, each of twelve words drawn from one subject, plus a few common words."""
    rng = np.random.default_rng(seed)
    subjects = rng.choice(list(SUBJECTS), size=rows)
    texts = [
        " ".join(rng.choice(SUBJECTS[s], 12).tolist() + rng.choice(["today", "really"], 2).tolist())
        for s in subjects
    ]
    return pd.DataFrame({"id": range(rows), "text": texts, "subject": subjects})


def _lda(data: pd.DataFrame, **params) -> tuple[dict, list]:
    params = {"text_column": "text", "topics": 3, **params}
    return run_component(HERE, inputs={"data": data}, params=params)


def purity(topics: pd.DataFrame, subjects: pd.Series) -> float:
    """The share of rows whose main topic is the main topic of their subject."""
    main = topics.to_numpy().argmax(axis=1)
    frame = pd.DataFrame({"main": main, "subject": subjects.to_numpy()})
    return float(
        frame.groupby("subject")["main"].agg(lambda m: m.value_counts().iloc[0]).sum()
    ) / len(frame)


@pytest.fixture(scope="module")
def learned() -> tuple[dict, list]:
    return _lda(corpus(120, seed=0))


def test_each_subject_gets_a_topic_of_its_own(learned) -> None:
    outputs, events = learned
    data = outputs["data"]
    assert list(data.columns) == ["id", "subject", "topic_0", "topic_1", "topic_2"]
    shares = data[["topic_0", "topic_1", "topic_2"]]
    np.testing.assert_allclose(shares.sum(axis=1), 1)
    assert purity(shares, data["subject"]) > 0.95
    logged = {e["name"] for e in events if e["type"] == "metric"}
    assert logged == {"perplexity", "vocabulary_size"}


def test_each_topic_s_main_words_come_from_one_subject(learned) -> None:
    topics = learned[0]["topics"]
    assert list(topics.columns) == ["topic", "rank", "word", "weight"]
    assert len(topics) == 30 and topics.groupby("topic")["rank"].max().eq(10).all()
    for _, words in topics[topics["rank"] <= 5].groupby("topic")["word"]:
        owners = {s for s, vocabulary in SUBJECTS.items() if set(words) <= set(vocabulary)}
        assert len(owners) == 1, list(words)


def test_apply_transformation_gives_new_rows_the_training_topics(learned) -> None:
    outputs = learned[0]
    transform = outputs["transform"]
    assert isinstance(transform, TopicTransform)
    new = corpus(30, seed=1)
    applied = run_component(APPLY, inputs={"transform": transform, "data": new})[0]["data"]
    assert list(applied.columns) == ["id", "subject", "topic_0", "topic_1", "topic_2"]
    # A subject's new rows land in the topic its training rows were given.
    training = outputs["data"]
    topic_of = training.groupby("subject")[["topic_0", "topic_1", "topic_2"]].mean().idxmax(axis=1)
    found = applied[["topic_0", "topic_1", "topic_2"]].idxmax(axis=1)
    assert (found == applied["subject"].map(topic_of)).mean() > 0.95


def test_text_with_no_words_is_explained() -> None:
    with pytest.raises(ValueError, match="no words to learn topics from"):
        _lda(pd.DataFrame({"text": ["!!", "a ?", None]}))
