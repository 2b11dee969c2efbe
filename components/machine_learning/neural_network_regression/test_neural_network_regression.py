"""Neural Network Regression hands out an untrained, normalised network that learns diabetes."""

from pathlib import Path

import pytest
from sklearn.compose import TransformedTargetRegressor
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_normalised_network_with_its_settings() -> None:
    params = {"hidden_layers": "16, 8", "activation": "tanh", "alpha": 0.5, "seed": 2}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, TransformedTargetRegressor)
    network = model.regressor.named_steps["network"]
    assert network.hidden_layer_sizes == (16, 8) and network.activation == "tanh"
    assert (network.alpha, network.random_state) == (0.5, 2)
    assert network.early_stopping is True


def test_without_normalize_it_is_the_bare_network() -> None:
    model = run_component(HERE, params={"normalize": False})[0]["model"]
    assert isinstance(model, MLPRegressor) and model.hidden_layer_sizes == (100,)


def test_learns_diabetes_progression() -> None:
    train, test = train_test_split(load_diabetes(as_frame=True).frame, random_state=0)
    learner = run_component(HERE)[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert scored["scored_label"].between(0, 400).all(), "predictions are in the target's units"
    assert run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]["r2"] > 0.3


@pytest.mark.parametrize("layers", ["", "64,,32", "0", "ten"])
def test_malformed_layer_sizes_are_refused(layers: str) -> None:
    with pytest.raises(ValueError, match="hidden_layers must be comma-separated whole numbers"):
        run_component(HERE, params={"hidden_layers": layers})
