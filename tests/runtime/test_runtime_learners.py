"""The learner builders: the estimator each gives for its component's parameters, and that it
fits and predicts on scikit-learn's bundled datasets.

Builders are called with the defaults read from the components' own component.yaml, so a
builder that drifts from the parameters its components declare fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.calibration import CalibratedClassifierCV
from sklearn.cluster import KMeans
from sklearn.compose import TransformedTargetRegressor
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LinearRegression, LogisticRegression, PoissonRegressor
from sklearn.metrics import adjusted_rand_score
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsOneClassifier, OneVsRestClassifier
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.utils.validation import check_is_fitted

from designer.kernel import load_spec_text
from designer.runtime import learners
from tests.runtime.runtime_helpers import REPO_ROOT

LEARNERS = REPO_ROOT / "components" / "machine_learning"

# Each builder with the components that call it.
BUILDERS: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
    "boosted_tree_classifier": (
        learners.boosted_tree_classifier,
        ("two_class_boosted_tree", "multiclass_boosted_tree"),
    ),
    "boosted_tree_regressor": (learners.boosted_tree_regressor, ("boosted_tree_regression",)),
    "decision_forest_classifier": (
        learners.decision_forest_classifier,
        ("two_class_decision_forest", "multiclass_decision_forest"),
    ),
    "decision_forest_regressor": (
        learners.decision_forest_regressor,
        ("decision_forest_regression",),
    ),
    "neural_network_classifier": (
        learners.neural_network_classifier,
        ("two_class_neural_network", "multiclass_neural_network"),
    ),
    "neural_network_regressor": (learners.neural_network_regressor, ("neural_network_regression",)),
    "logistic_regression": (
        learners.logistic_regression,
        ("two_class_logistic_regression", "multiclass_logistic_regression"),
    ),
    "support_vector_machine": (
        learners.support_vector_machine,
        ("two_class_support_vector_machine",),
    ),
    "linear_regression": (learners.linear_regression, ("linear_regression",)),
    "poisson_regression": (learners.poisson_regression, ("poisson_regression",)),
    "k_means": (learners.k_means, ("k_means_clustering",)),
    "averaged_perceptron": (learners.averaged_perceptron, ("two_class_averaged_perceptron",)),
    "quantile_forest": (learners.quantile_forest, ("fast_forest_quantile_regression",)),
}


def defaults(component: str, **overrides: Any) -> dict[str, Any]:
    """The parameter defaults ``component``'s component.yaml declares, with ``overrides``."""
    text = (LEARNERS / component / "component.yaml").read_text(encoding="utf-8")
    spec = load_spec_text(text, component)
    return {param.name: param.default for param in spec.parameters} | overrides


def split(loader: Callable[..., Any]) -> tuple[Any, Any, Any, Any]:
    data = loader()
    stratify = data.target if loader is not load_diabetes else None
    return train_test_split(
        data.data, data.target, test_size=0.3, random_state=0, stratify=stratify
    )


@pytest.mark.parametrize(
    ("builder", "component"),
    [(name, component) for name, (_, components) in BUILDERS.items() for component in components],
)
def test_each_builder_takes_exactly_its_components_parameters(builder: str, component: str):
    estimator = BUILDERS[builder][0](**defaults(component))
    with pytest.raises(NotFittedError):
        check_is_fitted(estimator)


def test_two_class_and_multiclass_twins_declare_the_same_parameters():
    for name, (_, components) in BUILDERS.items():
        declared = [defaults(component) for component in components]
        assert all(params == declared[0] for params in declared), name


def test_boosted_trees_carry_their_settings():
    settings = defaults("two_class_boosted_tree", max_iter=40, class_weight="balanced", seed=7)
    model = learners.boosted_tree_classifier(**settings)
    assert isinstance(model, HistGradientBoostingClassifier)
    params = model.get_params()
    assert (params["max_iter"], params["learning_rate"], params["max_leaf_nodes"]) == (40, 0.1, 31)
    assert (params["min_samples_leaf"], params["class_weight"], params["random_state"]) == (
        20,
        "balanced",
        7,
    )
    regressor = learners.boosted_tree_regressor(**defaults("boosted_tree_regression"))
    assert isinstance(regressor, HistGradientBoostingRegressor)
    assert regressor.get_params()["max_iter"] == 100 and regressor.random_state == 0


def test_forests_carry_their_settings():
    settings = defaults("multiclass_decision_forest", n_estimators=30, max_depth=4)
    model = learners.decision_forest_classifier(**settings | {"criterion": "entropy"})
    assert isinstance(model, RandomForestClassifier)
    assert (model.n_estimators, model.max_depth, model.criterion) == (30, 4, "entropy")
    assert model.class_weight is None and model.random_state == 0
    regressor = learners.decision_forest_regressor(**defaults("decision_forest_regression"))
    assert isinstance(regressor, RandomForestRegressor) and regressor.max_depth is None


def test_networks_are_scaled_unless_told_not_to():
    settings = defaults("two_class_neural_network", hidden_layers="16, 8", activation="tanh")
    scaled = learners.neural_network_classifier(**settings)
    assert isinstance(scaled, Pipeline) and list(scaled.named_steps) == ["scale", "network"]
    assert isinstance(scaled.named_steps["scale"], StandardScaler)
    network = scaled.named_steps["network"]
    assert isinstance(network, MLPClassifier)
    assert network.hidden_layer_sizes == (16, 8) and network.activation == "tanh"
    assert network.max_iter == 500 and network.early_stopping is False
    bare = learners.neural_network_classifier(**settings | {"normalize": False})
    assert isinstance(bare, MLPClassifier)


def test_the_network_regressor_scales_features_and_target():
    model = learners.neural_network_regressor(**defaults("neural_network_regression"))
    assert isinstance(model, TransformedTargetRegressor)
    assert isinstance(model.transformer, StandardScaler)
    assert list(model.regressor.named_steps) == ["scale", "network"]
    network = model.regressor.named_steps["network"]
    assert isinstance(network, MLPRegressor)
    assert network.max_iter == 200 and network.early_stopping is True
    bare = learners.neural_network_regressor(
        **defaults("neural_network_regression", normalize=False)
    )
    assert isinstance(bare, MLPRegressor)


def test_logistic_regression_with_and_without_the_scaler():
    settings = defaults("two_class_logistic_regression", c=0.25, class_weight="balanced")
    scaled = learners.logistic_regression(**settings)
    assert list(scaled.named_steps) == ["scale", "regression"]
    regression = scaled.named_steps["regression"]
    assert isinstance(regression, LogisticRegression)
    assert (regression.C, regression.max_iter, regression.class_weight) == (0.25, 1000, "balanced")
    # Logistic Regression (the plain component) asks for the bare, unweighted regression.
    plain = learners.logistic_regression(
        **defaults("logistic_regression"), class_weight="none", normalize=False
    )
    assert isinstance(plain, LogisticRegression) and plain.class_weight is None


def test_the_support_vector_machine_is_calibrated():
    model = learners.support_vector_machine(
        **defaults("two_class_support_vector_machine", kernel="linear")
    )
    assert list(model.named_steps) == ["scale", "svm"]
    calibrated = model.named_steps["svm"]
    assert isinstance(calibrated, CalibratedClassifierCV)
    assert calibrated.method == "sigmoid" and calibrated.ensemble is False
    assert isinstance(calibrated.estimator, SVC) and calibrated.estimator.kernel == "linear"


def test_linear_poisson_and_k_means_carry_their_settings():
    linear = learners.linear_regression(fit_intercept=False)
    assert isinstance(linear, LinearRegression) and linear.fit_intercept is False
    poisson = learners.poisson_regression(**defaults("poisson_regression", alpha=0.5))
    assert isinstance(poisson, PoissonRegressor) and (poisson.alpha, poisson.max_iter) == (
        0.5,
        1000,
    )
    k_means = learners.k_means(**defaults("k_means_clustering", init="random"))
    assert isinstance(k_means, KMeans)
    assert (k_means.n_clusters, k_means.init, k_means.n_init, k_means.max_iter) == (
        3,
        "random",
        10,
        300,
    )


# Real fits: every classifier on breast cancer (two classes) and wine (three), every regressor on
# diabetes. Settings are kept small so the whole file runs in seconds.
CLASSIFIERS = [
    ("two_class_boosted_tree", {"max_iter": 20}, 0.9),
    ("two_class_decision_forest", {"n_estimators": 30}, 0.9),
    ("two_class_neural_network", {"hidden_layers": "16"}, 0.9),
    ("two_class_logistic_regression", {}, 0.9),
    ("two_class_support_vector_machine", {"kernel": "linear"}, 0.9),
    ("two_class_averaged_perceptron", {}, 0.9),
]


# The small network may stop at max_iter before it settles; the score is what counts here.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("loader", [load_breast_cancer, load_wine], ids=["two_class", "wine"])
@pytest.mark.parametrize(
    ("component", "overrides", "least"), CLASSIFIERS, ids=[c[0] for c in CLASSIFIERS]
)
def test_classifiers_fit_and_predict(loader, component, overrides, least):
    builder = next(b for b, components in BUILDERS.values() if component in components)
    model = builder(**defaults(component, **overrides))
    assert is_classifier(model)
    x_train, x_test, y_train, y_test = split(loader)
    model.fit(x_train, y_train)
    assert model.score(x_test, y_test) > least
    probabilities = model.predict_proba(x_test)
    assert probabilities.shape == (len(x_test), len(np.unique(y_train)))


# Diabetes is noisy: ordinary least squares explains about 0.4 of the variance on this split, so
# 0.2 is well above predicting the mean (0) and below every learner's result.
REGRESSORS = [
    ("boosted_tree_regression", {"max_iter": 20}, 0.2),
    ("decision_forest_regression", {"n_estimators": 30}, 0.2),
    ("neural_network_regression", {"hidden_layers": "16", "max_iter": 500}, 0.2),
    ("linear_regression", {}, 0.35),
    ("poisson_regression", {}, 0.2),
    ("fast_forest_quantile_regression", {"n_estimators": 30}, 0.2),
]


@pytest.mark.parametrize(
    ("component", "overrides", "least"), REGRESSORS, ids=[r[0] for r in REGRESSORS]
)
def test_regressors_fit_and_predict_diabetes(component, overrides, least):
    builder = next(b for b, components in BUILDERS.values() if component in components)
    model = builder(**defaults(component, **overrides))
    assert is_regressor(model)
    x_train, x_test, y_train, y_test = split(load_diabetes)
    model.fit(x_train, y_train)
    assert model.score(x_test, y_test) > least


def test_k_means_finds_the_iris_species():
    iris = load_iris()
    model = learners.k_means(**defaults("k_means_clustering"))
    labels = model.fit_predict(iris.data)
    assert len(set(labels)) == 3
    assert adjusted_rand_score(iris.target, labels) > 0.6


@pytest.mark.parametrize(
    ("wrap", "kind"),
    [(learners.one_vs_rest, OneVsRestClassifier), (learners.one_vs_one, OneVsOneClassifier)],
    ids=["one_vs_rest", "one_vs_one"],
)
def test_multiclass_wrappers_fit_a_copy_per_class(wrap, kind):
    binary = learners.logistic_regression(**defaults("two_class_logistic_regression"))
    model = wrap(binary)
    assert isinstance(model, kind) and model.estimator is not binary
    x_train, x_test, y_train, y_test = split(load_wine)
    model.fit(x_train, y_train)
    assert len(model.estimators_) == 3 and model.score(x_test, y_test) > 0.9
    # The learner the component was given stays untrained, so it can feed other nodes.
    with pytest.raises(NotFittedError):
        check_is_fitted(binary)


@pytest.mark.parametrize("wrap", [learners.one_vs_rest, learners.one_vs_one])
def test_multiclass_wrappers_refuse_a_regressor(wrap):
    with pytest.raises(TypeError, match="learner must be an untrained classifier"):
        wrap(LinearRegression())


BAD_PARAMETERS = [
    ("two_class_boosted_tree", {"learning_rate": 0}, "learning_rate must be above 0"),
    ("two_class_boosted_tree", {"max_leaf_nodes": 1}, "max_leaf_nodes must be at least 2"),
    ("multiclass_boosted_tree", {"class_weight": "heavy"}, "class_weight must be none or balanced"),
    ("boosted_tree_regression", {"min_samples_leaf": 0}, "min_samples_leaf must be at least 1"),
    ("two_class_decision_forest", {"criterion": "mse"}, "criterion must be one of gini, entropy"),
    ("multiclass_decision_forest", {"max_depth": 0}, "max_depth must be at least 1 or empty"),
    ("decision_forest_regression", {"n_estimators": 0}, "n_estimators must be at least 1"),
    ("two_class_neural_network", {"hidden_layers": "wide"}, "hidden_layers must be comma-sep"),
    ("multiclass_neural_network", {"activation": "gelu"}, "activation must be one of relu, tanh"),
    ("neural_network_regression", {"alpha": -1}, "alpha must be at least 0"),
    ("neural_network_regression", {"learning_rate_init": 2}, "learning_rate_init must be above 0"),
    ("two_class_logistic_regression", {"c": 0}, "c must be greater than 0"),
    ("multiclass_logistic_regression", {"max_iter": 0}, "max_iter must be at least 1"),
    ("two_class_support_vector_machine", {"kernel": "cubic"}, "kernel must be one of rbf, linear"),
    ("poisson_regression", {"alpha": -0.5}, "alpha must be at least 0"),
    ("k_means_clustering", {"n_clusters": 1}, "n_clusters must be at least 2"),
    ("k_means_clustering", {"init": "far"}, "init must be one of k-means\\+\\+, random"),
    ("two_class_averaged_perceptron", {"max_iter": 0}, "max_iter must be at least 1"),
    ("fast_forest_quantile_regression", {"bagging_fraction": 0}, "bagging_fraction must be above"),
    ("fast_forest_quantile_regression", {"max_leaf_nodes": 1}, "max_leaf_nodes must be at least 2"),
]


@pytest.mark.parametrize(
    ("component", "overrides", "message"),
    BAD_PARAMETERS,
    ids=[f"{c}-{next(iter(o))}" for c, o, _ in BAD_PARAMETERS],
)
def test_out_of_range_parameters_are_named(component, overrides, message):
    builder = next(b for b, components in BUILDERS.values() if component in components)
    with pytest.raises(ValueError, match=message):
        builder(**defaults(component, **overrides))


@pytest.mark.parametrize(
    ("text", "sizes"), [("100", (100,)), ("64,32", (64, 32)), (" 8 , 4 ,2", (8, 4, 2))]
)
def test_layer_sizes_parse_comma_separated_whole_numbers(text, sizes):
    assert learners.layer_sizes(text) == sizes


@pytest.mark.parametrize("text", ["", "0", "64,", "1.5", "-3", "64;32"])
def test_layer_sizes_refuse_anything_else(text):
    with pytest.raises(ValueError, match="hidden_layers must be comma-separated whole numbers"):
        learners.layer_sizes(text)


def test_a_built_learner_trains_independently_of_its_clones():
    # Train Model and Tune Model Hyperparameters clone the learner they are given; a builder's
    # estimator must survive that with its settings, not fall back to scikit-learn's defaults.
    model = learners.neural_network_classifier(
        **defaults("multiclass_neural_network", hidden_layers="12", seed=5)
    )
    copy = clone(model)
    assert copy.get_params()["network__hidden_layer_sizes"] == (12,)
    assert copy.get_params()["network__random_state"] == 5
