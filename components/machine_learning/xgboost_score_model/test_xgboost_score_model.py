"""Score XGBoost Model names what is wrong with its inputs (the scoring itself is tested with
Train XGBoost Model, next door). Runs in the XGBoost environment: slow the first time."""

from pathlib import Path

import pytest
from sklearn.datasets import load_iris

from designer.runtime.testing import ComponentFailed, run_component

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
TRAIN = HERE.parent / "xgboost_train_model"


def test_a_missing_feature_column_is_named() -> None:
    iris = load_iris(as_frame=True).frame
    model = run_component(TRAIN, inputs={"data": iris}, params={"label_column": "target"})[0]
    with pytest.raises(ComponentFailed, match="lacks feature column.*'petal width \\(cm\\)'"):
        run_component(
            HERE, inputs={"model": model["model"], "data": iris.drop(columns="petal width (cm)")}
        )


def test_an_untrained_model_is_refused() -> None:
    with pytest.raises(ComponentFailed, match="must be a trained model from Train XGBoost Model"):
        run_component(
            HERE, inputs={"model": {"not": "a model"}, "data": load_iris(as_frame=True).frame}
        )
