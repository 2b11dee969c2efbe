"""Linear Regression hands out an untrained estimator with its settings."""

from pathlib import Path

import pytest
from sklearn.base import is_regressor
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LinearRegression
from sklearn.utils.validation import check_is_fitted

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_untrained_linear_regression_with_its_settings() -> None:
    outputs, _ = run_component(HERE, params={"fit_intercept": False})
    model = outputs["model"]
    assert isinstance(model, LinearRegression) and is_regressor(model)
    assert model.fit_intercept is False
    with pytest.raises(NotFittedError):
        check_is_fitted(model)


def test_fits_an_intercept_by_default() -> None:
    outputs, _ = run_component(HERE)
    assert outputs["model"].fit_intercept is True
