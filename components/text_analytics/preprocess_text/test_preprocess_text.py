"""Preprocess Text on a shipped corpus of product reviews."""

from pathlib import Path

import pandas as pd
import pytest

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def _reviews() -> pd.DataFrame:
    return pd.read_csv(HERE / "reviews.csv")


def _cleaned(texts: list[str | None], **params) -> list[str | None]:
    data = pd.DataFrame({"text": texts})
    outputs, _ = run_component(
        HERE, inputs={"data": data}, params={"text_column": "text", **params}
    )
    return [None if pd.isna(value) else value for value in outputs["data"]["text"]]


def test_every_step_on_one_review() -> None:
    text = "Excellent customer support: they replaced the faulty unit within 48 hours."
    assert _cleaned([text]) == ["excellent customer support replaced faulty unit within hours"]


def test_each_step_can_be_turned_off() -> None:
    text = "The charger didn't work after 2 days!"
    assert _cleaned([text], remove_stopwords=False) == ["the charger didnt work after days"]
    assert _cleaned([text], remove_numbers=False) == ["charger didnt work 2 days"]
    assert _cleaned([text], remove_punctuation=False) == ["charger didn't work days!"]
    assert _cleaned([text], lowercase=False) == ["charger didnt work days"]


def test_negations_are_not_stop_words() -> None:
    assert _cleaned(["The lid does not close and there is no handle."]) == [
        "lid not close no handle"
    ]


def test_numbers_inside_words_stay() -> None:
    assert _cleaned(["Plays mp3 files at 10:30 for 3.5 hours"]) == ["plays mp3 files hours"]


def test_the_corpus_keeps_rows_and_other_columns() -> None:
    reviews = _reviews()
    outputs, _ = run_component(
        HERE,
        inputs={"data": reviews},
        params={"text_column": "review", "output_column": "clean"},
    )
    cleaned = outputs["data"]
    assert list(cleaned.columns) == ["review", "sentiment", "clean"]
    pd.testing.assert_series_equal(cleaned["review"], reviews["review"])
    assert cleaned["clean"].str.match(r"^[a-z0-9 ]+$").all()
    assert cleaned.loc[0, "clean"] == "battery lasts day screen bright even outdoors"


def test_missing_text_stays_missing() -> None:
    assert _cleaned(["Great value!", None]) == ["great value", None]


def test_an_existing_output_column_is_refused() -> None:
    with pytest.raises(ValueError, match="output column 'sentiment' already exists"):
        run_component(
            HERE,
            inputs={"data": _reviews()},
            params={"text_column": "review", "output_column": "sentiment"},
        )
