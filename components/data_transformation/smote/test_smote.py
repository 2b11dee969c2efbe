"""SMOTE on breast cancer data made imbalanced: new rare-class rows, and a better recall."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
LOGISTIC = ROOT / "machine_learning" / "two_class_logistic_regression"
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


@pytest.fixture(scope="module")
def split() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Training rows with only 15 malignant tumours (target 0) among ~250 benign ones."""
    cancer = load_breast_cancer(as_frame=True).frame
    train, test = train_test_split(cancer, test_size=0.3, random_state=0, stratify=cancer.target)
    malignant = train[train.target == 0].sample(15, random_state=0)
    return pd.concat([train[train.target == 1], malignant], ignore_index=True), test


def _smote(data: pd.DataFrame, **params) -> tuple[pd.DataFrame, dict]:
    outputs, events = run_component(
        HERE, inputs={"data": data}, params={"label_column": "target", **params}
    )
    return outputs["data"], {e["name"]: e["value"] for e in events if e["type"] == "metric"}


def test_adds_the_percentage_of_rare_rows_after_the_real_ones(split) -> None:
    train = split[0]
    balanced, logged = _smote(train, percentage=300)
    assert len(balanced) == len(train) + 45
    pd.testing.assert_frame_equal(balanced.iloc[: len(train)], train)
    added = balanced.iloc[len(train) :]
    assert (added.target == 0).all()
    assert logged == {"rare_class_rows": 15, "synthetic_rows": 45}
    assert list(balanced.dtypes) == list(train.dtypes)


def test_new_rows_lie_between_real_rows_of_the_class(split) -> None:
    train = split[0]
    balanced, _ = _smote(train, percentage=200, neighbors=3)
    rare = train[train.target == 0].drop(columns="target")
    added = balanced.iloc[len(train) :].drop(columns="target")
    assert ((added >= rare.min()) & (added <= rare.max())).all().all()
    # Every new row is inside the span of its class, and no copy of a real row.
    assert not added.round(9).merge(rare.round(9)).shape[0]


def test_balancing_raises_the_recall_of_the_rare_class(split) -> None:
    train, test = split

    def recall(data: pd.DataFrame) -> float:
        learner = run_component(LOGISTIC, params={"c": 0.05})[0]["model"]
        model = run_component(
            TRAIN, inputs={"learner": learner, "data": data}, params={"label_column": "target"}
        )[0]["model"]
        scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
        predicted, truth = scored["scored_label"], scored["target"]
        return float((predicted[truth == 0] == 0).mean())

    assert recall(_smote(train, percentage=1500)[0]) > recall(train) + 0.1


def test_integer_columns_stay_whole_and_the_same_seed_gives_the_same_rows() -> None:
    rng = np.random.default_rng(0)
    data = pd.DataFrame(
        {
            "rooms": rng.integers(1, 9, 60),
            "area": rng.normal(80, 20, 60),
            "sold": [1] * 50 + [0] * 10,
        }
    )
    first, _ = _smote(data.rename(columns={"sold": "target"}), seed=4)
    again, _ = _smote(data.rename(columns={"sold": "target"}), seed=4)
    assert first["rooms"].dtype == "int64" and len(first) == 70
    pd.testing.assert_frame_equal(first, again)


def test_text_features_and_a_single_class_are_refused(split) -> None:
    train = split[0]
    with pytest.raises(ValueError, match="not numeric: city"):
        _smote(train.assign(city="Oslo"))
    with pytest.raises(ValueError, match="at least two classes"):
        _smote(train[train.target == 1])
