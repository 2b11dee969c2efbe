"""Multiclass Neural Network through Train Model, Score Model and Evaluate Model 1.1."""

from pathlib import Path

import pytest
from sklearn.datasets import load_iris, load_wine
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_normalised_network_with_its_defaults() -> None:
    model = run_component(HERE)[0]["model"]
    assert isinstance(model, Pipeline)
    network = model.named_steps["network"]
    assert network.hidden_layer_sizes == (100,) and network.early_stopping is False


@pytest.mark.parametrize("load", [load_iris, load_wine], ids=["iris", "wine"])
def test_accuracy_over_three_classes(load) -> None:
    frame = load(as_frame=True).frame
    train, test = train_test_split(frame, test_size=0.3, random_state=0, stratify=frame.target)
    learner = run_component(HERE)[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.9


def test_unknown_activation_is_refused() -> None:
    with pytest.raises(ValueError, match="activation must be one of relu, tanh, logistic"):
        run_component(HERE, params={"activation": "softplus"})
