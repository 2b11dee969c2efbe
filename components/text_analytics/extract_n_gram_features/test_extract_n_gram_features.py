"""Extract N-Gram Features on a tiny example and on the shipped corpus of product reviews."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
PREPROCESS = ROOT / "text_analytics" / "preprocess_text"
LOGISTIC = ROOT / "machine_learning" / "two_class_logistic_regression"
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"
TINY = pd.DataFrame({"id": [1, 2, 3], "text": ["good battery", "bad battery", "good good screen"]})


def _clean_reviews() -> pd.DataFrame:
    reviews = pd.read_csv(HERE / "reviews.csv")
    outputs, _ = run_component(
        PREPROCESS, inputs={"data": reviews}, params={"text_column": "review"}
    )
    return outputs["data"]


def _extract(data: pd.DataFrame, **params) -> dict[str, pd.DataFrame]:
    return run_component(HERE, inputs={"data": data}, params={"text_column": "text", **params})[0]


def test_tiny_example_vocabulary_and_counts() -> None:
    outputs = _extract(TINY, n=2, weighting="tf")
    vocabulary = outputs["vocabulary"]
    assert list(vocabulary["ngram"]) == [
        "bad",
        "bad battery",
        "battery",
        "good",
        "good battery",
        "good good",
        "good screen",
        "screen",
    ]
    assert list(vocabulary["words"]) == [1, 2, 1, 1, 2, 2, 2, 1]
    assert list(vocabulary["document_frequency"]) == [1, 1, 2, 2, 1, 1, 1, 1]
    data = outputs["data"]
    assert list(data.columns) == ["id", *vocabulary["column"]]
    assert "ngram_good_battery" in data.columns and "text" not in data.columns
    assert data["ngram_good"].tolist() == [1, 0, 2]
    assert data["ngram_battery"].tolist() == [1, 1, 0]


def test_binary_marks_presence_and_unigrams_only_with_n_1() -> None:
    data = _extract(TINY, n=1, weighting="binary")["data"]
    assert list(data.columns) == ["id", "ngram_bad", "ngram_battery", "ngram_good", "ngram_screen"]
    assert data["ngram_good"].tolist() == [1, 0, 1]


def test_tfidf_matches_scikit_learn() -> None:
    reviews = _clean_reviews()
    outputs = run_component(
        HERE, inputs={"data": reviews}, params={"text_column": "review", "n": 2}
    )[0]
    reference = TfidfVectorizer(token_pattern=r"(?u)[^\W_]{2,}", ngram_range=(1, 2))
    expected = reference.fit_transform(reviews["review"]).toarray()
    assert list(outputs["vocabulary"]["ngram"]) == list(reference.get_feature_names_out())
    ngram_columns = outputs["vocabulary"]["column"]
    np.testing.assert_allclose(outputs["data"][ngram_columns].to_numpy(), expected)


def test_frequent_corpus_ngrams() -> None:
    outputs = run_component(
        HERE,
        inputs={"data": _clean_reviews()},
        params={"text_column": "review", "min_document_frequency": 3, "weighting": "binary"},
    )[0]
    vocabulary = outputs["vocabulary"].set_index("ngram")["document_frequency"]
    assert vocabulary.to_dict() == {
        "battery": 3,
        "broke": 3,
        "customer": 3,
        "customer support": 3,
        "day": 3,
        "easy": 3,
        "every": 4,
        "fast": 3,
        "great": 4,
        "minutes": 4,
        "price": 3,
        "quality": 3,
        "support": 3,
        "two": 3,
        "use": 3,
    }
    assert list(outputs["data"].columns[:1]) == ["sentiment"]


def test_a_vocabulary_gives_new_rows_the_same_columns() -> None:
    reviews = _clean_reviews()
    train, test = reviews.iloc[:30], reviews.iloc[30:]
    learned = run_component(HERE, inputs={"data": train}, params={"text_column": "review"})[0]
    applied = run_component(
        HERE,
        inputs={"data": test, "vocabulary": learned["vocabulary"]},
        params={"text_column": "review", "n": 1, "max_features": 5},
    )[0]
    assert list(applied["data"].columns) == list(learned["data"].columns)
    pd.testing.assert_frame_equal(applied["vocabulary"], learned["vocabulary"])
    # A row's weights depend only on its own text and the learned IDF.
    both = run_component(
        HERE,
        inputs={"data": reviews, "vocabulary": learned["vocabulary"]},
        params={"text_column": "review"},
    )[0]["data"]
    pd.testing.assert_frame_equal(both.iloc[30:], applied["data"])


def test_features_train_a_sentiment_classifier() -> None:
    features = run_component(
        HERE, inputs={"data": _clean_reviews()}, params={"text_column": "review"}
    )[0]["data"]
    learner = run_component(LOGISTIC, params={"normalize": False, "c": 10.0})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": features}, params={"label_column": "sentiment"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": features})[0]["scored"]
    assert set(scored["scored_label"]) == {"negative", "positive"}
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.95, "the training rows are separable by their words"


def test_text_with_no_words_is_explained() -> None:
    with pytest.raises(ValueError, match="no n-grams to keep"):
        _extract(pd.DataFrame({"text": ["!!", "a ?", None]}))
