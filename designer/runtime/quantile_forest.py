"""A quantile regression forest: a random forest whose leaves keep their training targets.

Fast Forest Quantile Regression builds one of these; Train Model fits it and Score Model calls
``predict`` (the median), Score Quantile Regression Model calls ``predict_quantiles``. Following
Meinshausen (2006), each training row weighs on a new row's prediction by how often the two share
a leaf, divided by that leaf's size, averaged over the trees; the weighted distribution of the
training targets then gives any quantile, chosen when scoring, not when training.

Lives in the runtime so a pickled forest loads in every step. No Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.ensemble import RandomForestRegressor
from sklearn.utils.validation import check_is_fitted

# Rows scored at once: a block of weights is (rows x training rows), kept to a few tens of MB.
WEIGHT_CELLS = 4_000_000


class QuantileForestRegressor(RegressorMixin, BaseEstimator):
    """A forest predicting the median, and any quantiles on request, of the target."""

    def __init__(
        self,
        n_estimators: int = 100,
        max_leaf_nodes: int | None = 20,
        min_samples_leaf: int = 10,
        max_features: float = 0.7,
        max_samples: float = 0.7,
        random_state: int = 0,
    ) -> None:
        self.n_estimators = n_estimators
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.max_samples = max_samples
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> QuantileForestRegressor:
        self.forest_ = RandomForestRegressor(
            n_estimators=self.n_estimators,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf,
            max_features=self.max_features,
            max_samples=self.max_samples,
            random_state=self.random_state,
        ).fit(X, y)
        targets = np.asarray(y, dtype="float64")
        # Sorted once, so every quantile is a walk along the cumulative weights.
        self.order_ = np.argsort(targets, kind="stable")
        self.sorted_targets_ = targets[self.order_]
        self.train_leaves_ = self.forest_.apply(X).astype("int32")
        if hasattr(self.forest_, "feature_names_in_"):
            self.feature_names_in_ = self.forest_.feature_names_in_
        self.n_features_in_ = self.forest_.n_features_in_
        return self

    def predict(self, X: Any) -> np.ndarray:
        """The median of each row's weighted training targets."""
        return self.predict_quantiles(X, [0.5])[:, 0]

    def predict_quantiles(self, X: Any, quantiles: Sequence[float]) -> np.ndarray:
        """An array (rows x quantiles): for each row, each quantile of its target's distribution."""
        check_is_fitted(self, "forest_")
        wanted = np.asarray(quantiles, dtype="float64")
        if wanted.size == 0 or not ((wanted >= 0) & (wanted <= 1)).all():
            raise ValueError(f"quantiles must be between 0 and 1, got {list(quantiles)}")
        leaves = self.forest_.apply(X)
        block = max(1, WEIGHT_CELLS // len(self.sorted_targets_))
        parts = [
            self._quantiles_of(leaves[start : start + block], wanted)
            for start in range(0, len(leaves), block)
        ]
        return np.vstack(parts) if parts else np.empty((0, wanted.size))

    def _quantiles_of(self, leaves: np.ndarray, wanted: np.ndarray) -> np.ndarray:
        weights = self._weights(leaves)[:, self.order_]
        cumulative = np.cumsum(weights, axis=1)
        cumulative /= cumulative[:, -1:]
        last = len(self.sorted_targets_) - 1
        # The first target whose cumulative weight reaches the quantile (the lower quantile).
        positions = [np.minimum((cumulative < q - 1e-12).sum(axis=1), last) for q in wanted]
        return np.column_stack([self.sorted_targets_[p] for p in positions])

    def _weights(self, leaves: np.ndarray) -> np.ndarray:
        """(rows x training rows): the share of each training row in each row's leaves."""
        rows, trained = len(leaves), len(self.sorted_targets_)
        total = np.zeros((rows, trained))
        for tree, estimator in enumerate(self.forest_.estimators_):
            nodes = estimator.tree_.node_count
            train_leaf = self.train_leaves_[:, tree]
            size = np.bincount(train_leaf, minlength=nodes).astype("float64")
            members = sparse.csr_matrix(
                (1.0 / size[train_leaf], (train_leaf, np.arange(trained))), shape=(nodes, trained)
            )
            # Selecting each row's leaf of this tree picks that leaf's members, weighed.
            total += members[leaves[:, tree]].toarray()
        return total / len(self.forest_.estimators_)
