"""Two-Class Neural Network through Train Model, Score Model and Evaluate Model 1.1."""

from pathlib import Path

import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_normalised_network_with_its_settings() -> None:
    params = {"hidden_layers": "32,16", "activation": "tanh", "early_stopping": True}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, Pipeline) and list(model.named_steps) == ["scale", "network"]
    network = model.named_steps["network"]
    assert network.hidden_layer_sizes == (32, 16) and network.activation == "tanh"
    assert network.early_stopping is True and network.max_iter == 500


def test_without_normalize_it_is_the_bare_network() -> None:
    model = run_component(HERE, params={"normalize": False})[0]["model"]
    assert isinstance(model, MLPClassifier)


def test_breast_cancer_accuracy_and_auc() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    train, test = train_test_split(cancer, test_size=0.3, random_state=0, stratify=cancer.target)
    learner = run_component(HERE, params={"hidden_layers": "32"})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    assert model.task == "classification"
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.93 and metrics["auc"] > 0.97


def test_malformed_layer_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="hidden_layers must be comma-separated whole numbers"):
        run_component(HERE, params={"hidden_layers": "wide"})
