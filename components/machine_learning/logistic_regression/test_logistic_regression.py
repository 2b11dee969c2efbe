"""Logistic Regression hands out an untrained classifier with its settings."""

from pathlib import Path

import pytest
from sklearn.base import is_classifier
from sklearn.linear_model import LogisticRegression

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_untrained_classifier_with_its_settings() -> None:
    outputs, _ = run_component(HERE, params={"c": 0.5, "max_iter": 200})
    model = outputs["model"]
    assert isinstance(model, LogisticRegression) and is_classifier(model)
    assert (model.C, model.max_iter) == (0.5, 200)
    assert not hasattr(model, "coef_")


def test_defaults() -> None:
    model = run_component(HERE)[0]["model"]
    assert (model.C, model.max_iter) == (1.0, 1000)


def test_non_positive_c_is_refused() -> None:
    with pytest.raises(ValueError, match="c must be greater than 0"):
        run_component(HERE, params={"c": 0})
