"""Untrained scikit-learn estimators for the learner components, built from their parameters.

Every learner under ``components/machine_learning/`` is a thin wrapper around one builder here:
the two-class and multiclass variants of a learner differ only in their names and docs, and the
regression variants share the same checks, so the estimator settings, the parameter checks and
the feature scaling live in one place. A builder takes the component's parameters as keywords
(the defaults stay in each component.yaml), raises a ValueError naming a parameter that is out of
range, and returns an untrained estimator.

Estimators scikit-learn lacks (the quantile forest, the PCA anomaly detector) come from their own
runtime modules, so their pickles load wherever ``designer.runtime`` does.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
Must not import Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.base import BaseEstimator, clone, is_classifier
from sklearn.calibration import CalibratedClassifierCV
from sklearn.cluster import KMeans
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.linear_model import (
    LinearRegression,
    LogisticRegression,
    PoissonRegressor,
    SGDClassifier,
)
from sklearn.multiclass import OneVsOneClassifier, OneVsRestClassifier
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from designer.runtime.anomaly import PCAAnomalyDetector
from designer.runtime.quantile_forest import QuantileForestRegressor

__all__ = [
    "ACTIVATIONS",
    "CLASS_WEIGHTS",
    "CRITERIA",
    "INITS",
    "KERNELS",
    "boosted_tree_classifier",
    "boosted_tree_regressor",
    "decision_forest_classifier",
    "decision_forest_regressor",
    "averaged_perceptron",
    "k_means",
    "layer_sizes",
    "linear_regression",
    "logistic_regression",
    "neural_network_classifier",
    "neural_network_regressor",
    "one_vs_one",
    "one_vs_rest",
    "pca_anomaly_detector",
    "poisson_regression",
    "quantile_forest",
    "support_vector_machine",
]

# The enum values the component.yaml files offer, mapped where scikit-learn spells them otherwise.
CLASS_WEIGHTS: dict[str, str | None] = {"none": None, "balanced": "balanced"}
ACTIVATIONS = ("relu", "tanh", "logistic")
CRITERIA = ("gini", "entropy", "log_loss")
KERNELS = ("rbf", "linear", "poly", "sigmoid")
INITS = ("k-means++", "random")


# Parameter checks. The executor already checks values against each component.yaml's min, max
# and enum values; these repeat the rules so a learner called directly (a test, a Python script
# component) fails with the parameter's name rather than deep inside scikit-learn at fit time.


def _at_least(name: str, value: float, least: float) -> None:
    if value < least:
        raise ValueError(f"{name} must be at least {least}, not {value}")


def _positive(name: str, value: float) -> None:
    if value <= 0:
        raise ValueError(f"{name} must be greater than 0, not {value}")


def _rate(name: str, value: float) -> None:
    if not 0 < value <= 1:
        raise ValueError(f"{name} must be above 0 and at most 1, not {value}")


def _one_of(name: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")


def _class_weight(value: str) -> str | None:
    if value not in CLASS_WEIGHTS:
        raise ValueError(f"class_weight must be none or balanced, not {value!r}")
    return CLASS_WEIGHTS[value]


def _max_depth(value: int | None) -> int | None:
    if value is None:
        return None
    if value < 1:
        raise ValueError(f"max_depth must be at least 1 or empty, not {value}")
    return int(value)


def _scaled(step: str, estimator: BaseEstimator) -> Pipeline:
    """``estimator`` after a StandardScaler, under the step name the components document.

    Networks, logistic regressions and SVMs fit badly or slowly on features of very different
    scales, and their regularisation treats every feature alike only once they are standardised.
    The step names are part of each component's documented output (Tune Model Hyperparameters
    and users reach the estimator through them), so they must not change.
    """
    return Pipeline([("scale", StandardScaler()), (step, estimator)])


# Boosted trees: Two-Class and Multiclass Boosted Decision Tree, Boosted Decision Tree Regression.


def _boosting_settings(
    max_iter: int, learning_rate: float, max_leaf_nodes: int, min_samples_leaf: int, seed: int
) -> dict[str, Any]:
    _rate("learning_rate", learning_rate)
    _at_least("max_iter", max_iter, 1)
    _at_least("max_leaf_nodes", max_leaf_nodes, 2)
    _at_least("min_samples_leaf", min_samples_leaf, 1)
    return {
        "max_iter": int(max_iter),
        "learning_rate": float(learning_rate),
        "max_leaf_nodes": int(max_leaf_nodes),
        "min_samples_leaf": int(min_samples_leaf),
        "random_state": int(seed),
    }


def boosted_tree_classifier(
    *,
    max_iter: int,
    learning_rate: float,
    max_leaf_nodes: int,
    min_samples_leaf: int,
    class_weight: str,
    seed: int,
) -> HistGradientBoostingClassifier:
    settings = _boosting_settings(max_iter, learning_rate, max_leaf_nodes, min_samples_leaf, seed)
    return HistGradientBoostingClassifier(**settings, class_weight=_class_weight(class_weight))


def boosted_tree_regressor(
    *, max_iter: int, learning_rate: float, max_leaf_nodes: int, min_samples_leaf: int, seed: int
) -> HistGradientBoostingRegressor:
    settings = _boosting_settings(max_iter, learning_rate, max_leaf_nodes, min_samples_leaf, seed)
    return HistGradientBoostingRegressor(**settings)


# Random forests: Two-Class and Multiclass Decision Forest, Decision Forest Regression.


def _forest_settings(
    n_estimators: int, max_depth: int | None, min_samples_leaf: int, seed: int
) -> dict[str, Any]:
    _at_least("n_estimators", n_estimators, 1)
    _at_least("min_samples_leaf", min_samples_leaf, 1)
    return {
        "n_estimators": int(n_estimators),
        "max_depth": _max_depth(max_depth),
        "min_samples_leaf": int(min_samples_leaf),
        "random_state": int(seed),
    }


def decision_forest_classifier(
    *,
    n_estimators: int,
    max_depth: int | None,
    min_samples_leaf: int,
    criterion: str,
    class_weight: str,
    seed: int,
) -> RandomForestClassifier:
    settings = _forest_settings(n_estimators, max_depth, min_samples_leaf, seed)
    _one_of("criterion", criterion, CRITERIA)
    return RandomForestClassifier(
        **settings, criterion=criterion, class_weight=_class_weight(class_weight)
    )


def decision_forest_regressor(
    *, n_estimators: int, max_depth: int | None, min_samples_leaf: int, seed: int
) -> RandomForestRegressor:
    return RandomForestRegressor(
        **_forest_settings(n_estimators, max_depth, min_samples_leaf, seed)
    )


def quantile_forest(
    *,
    n_estimators: int,
    max_leaf_nodes: int | None,
    min_samples_leaf: int,
    feature_fraction: float,
    bagging_fraction: float,
    seed: int,
) -> QuantileForestRegressor:
    """Fast Forest Quantile Regression: a forest whose leaves keep their training targets."""
    _at_least("n_estimators", n_estimators, 1)
    _at_least("min_samples_leaf", min_samples_leaf, 1)
    if max_leaf_nodes is not None:
        _at_least("max_leaf_nodes", max_leaf_nodes, 2)
    _rate("feature_fraction", feature_fraction)
    _rate("bagging_fraction", bagging_fraction)
    return QuantileForestRegressor(
        n_estimators=int(n_estimators),
        max_leaf_nodes=None if max_leaf_nodes is None else int(max_leaf_nodes),
        min_samples_leaf=int(min_samples_leaf),
        max_features=float(feature_fraction),
        max_samples=float(bagging_fraction),
        random_state=int(seed),
    )


# Neural networks: Two-Class and Multiclass Neural Network, Neural Network Regression.


def layer_sizes(text: str) -> tuple[int, ...]:
    """``"64, 32"`` → ``(64, 32)``; every size a whole number of at least 1."""
    parts = [part.strip() for part in str(text).split(",")]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(
            f"hidden_layers must be comma-separated whole numbers above 0, like 64,32; got {text!r}"
        )
    return tuple(int(part) for part in parts)


def _network_settings(
    hidden_layers: str,
    activation: str,
    alpha: float,
    learning_rate_init: float,
    max_iter: int,
    early_stopping: bool,
    seed: int,
) -> dict[str, Any]:
    _one_of("activation", activation, ACTIVATIONS)
    _at_least("alpha", alpha, 0)
    _rate("learning_rate_init", learning_rate_init)
    _at_least("max_iter", max_iter, 1)
    return {
        "hidden_layer_sizes": layer_sizes(hidden_layers),
        "activation": activation,
        "alpha": float(alpha),
        "learning_rate_init": float(learning_rate_init),
        "max_iter": int(max_iter),
        "early_stopping": bool(early_stopping),
        "random_state": int(seed),
    }


def neural_network_classifier(
    *,
    hidden_layers: str,
    activation: str,
    alpha: float,
    learning_rate_init: float,
    max_iter: int,
    early_stopping: bool,
    normalize: bool,
    seed: int,
) -> MLPClassifier | Pipeline:
    """An MLPClassifier; with ``normalize``, a Pipeline of ``scale`` then ``network``."""
    network = MLPClassifier(
        **_network_settings(
            hidden_layers, activation, alpha, learning_rate_init, max_iter, early_stopping, seed
        )
    )
    return _scaled("network", network) if normalize else network


def neural_network_regressor(
    *,
    hidden_layers: str,
    activation: str,
    alpha: float,
    learning_rate_init: float,
    max_iter: int,
    early_stopping: bool,
    normalize: bool,
    seed: int,
) -> MLPRegressor | TransformedTargetRegressor:
    """An MLPRegressor; with ``normalize``, features and target standardised around it.

    The target is scaled too because a network fits a target in the thousands as badly as it
    fits such features; TransformedTargetRegressor maps the predictions back.
    """
    network = MLPRegressor(
        **_network_settings(
            hidden_layers, activation, alpha, learning_rate_init, max_iter, early_stopping, seed
        )
    )
    if not normalize:
        return network
    return TransformedTargetRegressor(
        regressor=_scaled("network", network), transformer=StandardScaler()
    )


# Linear models: Logistic Regression (also Two-Class and Multiclass), Linear and Poisson
# Regression.


def logistic_regression(
    *, c: float, max_iter: int, class_weight: str, normalize: bool
) -> LogisticRegression | Pipeline:
    """A LogisticRegression; with ``normalize``, a Pipeline of ``scale`` then ``regression``.

    The default lbfgs solver fits one multinomial (softmax) model over all classes at once, so
    the same estimator serves two-class and multiclass labels. On standardised features it
    converges in tens of iterations, not thousands.
    """
    _positive("c", c)
    _at_least("max_iter", max_iter, 1)
    regression = LogisticRegression(
        C=float(c), max_iter=int(max_iter), class_weight=_class_weight(class_weight)
    )
    return _scaled("regression", regression) if normalize else regression


def linear_regression(*, fit_intercept: bool) -> LinearRegression:
    return LinearRegression(fit_intercept=bool(fit_intercept))


def poisson_regression(*, alpha: float, max_iter: int) -> PoissonRegressor:
    _at_least("alpha", alpha, 0)
    _at_least("max_iter", max_iter, 1)
    return PoissonRegressor(alpha=float(alpha), max_iter=int(max_iter))


# Support vector machine: Two-Class Support Vector Machine.


def support_vector_machine(
    *, kernel: str, c: float, class_weight: str, normalize: bool
) -> CalibratedClassifierCV | Pipeline:
    """An SVC inside sigmoid calibration; with ``normalize``, a Pipeline of ``scale``, ``svm``.

    An SVC has decision values, not probabilities, and Score Model needs ``predict_proba``:
    Platt calibration is what scikit-learn recommends over the deprecated
    ``SVC(probability=True)``. ``ensemble=False`` calibrates on 5-fold decision values, then
    refits one SVC on every row.
    """
    _one_of("kernel", kernel, KERNELS)
    _positive("c", c)
    machine = SVC(kernel=kernel, C=float(c), class_weight=_class_weight(class_weight))
    calibrated = CalibratedClassifierCV(machine, method="sigmoid", ensemble=False)
    return _scaled("svm", calibrated) if normalize else calibrated


# Averaged perceptron: Two-Class Averaged Perceptron.


def averaged_perceptron(
    *, learning_rate: float, max_iter: int, normalize: bool, seed: int
) -> CalibratedClassifierCV | Pipeline:
    """The averaged perceptron, calibrated; with ``normalize``, a Pipeline of ``scale``, then
    ``perceptron``.

    SGDClassifier with the perceptron loss and ``average=True`` keeps the average of the weights
    over every update, which generalises better than the last weights. A perceptron gives no
    probabilities, so like the SVM it is wrapped in sigmoid calibration for Score Model's
    probability and Evaluate Model's ROC curve. ``tol=None`` makes ``max_iter`` the exact
    number of passes over the rows, as the component documents it.
    """
    _positive("learning_rate", learning_rate)
    _at_least("max_iter", max_iter, 1)
    perceptron = SGDClassifier(
        loss="perceptron",
        average=True,
        learning_rate="constant",
        eta0=float(learning_rate),
        max_iter=int(max_iter),
        tol=None,
        random_state=int(seed),
    )
    calibrated = CalibratedClassifierCV(perceptron, method="sigmoid", ensemble=False)
    return _scaled("perceptron", calibrated) if normalize else calibrated


# Anomaly detection: PCA-Based Anomaly Detection.


def pca_anomaly_detector(
    *, n_components: int, normalize: bool, contamination: float
) -> PCAAnomalyDetector:
    _at_least("n_components", n_components, 1)
    if not 0 < contamination <= 0.5:
        raise ValueError(f"contamination must be above 0 and at most 0.5, not {contamination}")
    return PCAAnomalyDetector(
        n_components=int(n_components),
        normalize=bool(normalize),
        contamination=float(contamination),
    )


# Clustering: K-Means Clustering.


def k_means(*, n_clusters: int, init: str, n_init: int, max_iter: int, seed: int) -> KMeans:
    _at_least("n_clusters", n_clusters, 2)
    _at_least("n_init", n_init, 1)
    _at_least("max_iter", max_iter, 1)
    _one_of("init", init, INITS)
    return KMeans(
        n_clusters=int(n_clusters),
        init=init,
        n_init=int(n_init),
        max_iter=int(max_iter),
        random_state=int(seed),
    )


# Multiclass wrappers: One-vs-All and One-vs-One Multiclass.


def _classifier_copy(learner: object, example: str) -> BaseEstimator:
    """An untrained copy of ``learner``: the component's input must stay as it was given."""
    if not is_classifier(learner):
        raise TypeError(
            f"learner must be an untrained classifier, e.g. from {example}, "
            f"not {type(learner).__name__}"
        )
    return clone(learner)


def one_vs_rest(learner: object) -> OneVsRestClassifier:
    return OneVsRestClassifier(_classifier_copy(learner, "Two-Class Logistic Regression"))


def one_vs_one(learner: object) -> OneVsOneClassifier:
    return OneVsOneClassifier(_classifier_copy(learner, "Two-Class Support Vector Machine"))
