"""Two-Class Support Vector Machine: an untrained SVC with calibrated probabilities.

An SVC has decision values, not probabilities, and Score Model needs ``predict_proba`` to write
``scored_probability``: the machine is wrapped in sigmoid (Platt) calibration, which scikit-learn
recommends over the deprecated ``SVC(probability=True)``. Must not fit anything.
"""

from __future__ import annotations

from sklearn.base import ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

KERNELS = ("rbf", "linear", "poly", "sigmoid")
CLASS_WEIGHTS = {"none": None, "balanced": "balanced"}


def run(
    kernel: str = "rbf", c: float = 1.0, class_weight: str = "none", normalize: bool = True
) -> ClassifierMixin:
    if kernel not in KERNELS:
        raise ValueError(f"kernel must be one of {', '.join(KERNELS)}, not {kernel!r}")
    if c <= 0:
        raise ValueError(f"c must be greater than 0, not {c}")
    if class_weight not in CLASS_WEIGHTS:
        raise ValueError(f"class_weight must be none or balanced, not {class_weight!r}")
    machine = SVC(kernel=kernel, C=float(c), class_weight=CLASS_WEIGHTS[class_weight])
    # ensemble=False: calibrate on 5-fold decision values, then refit one SVC on every row.
    calibrated = CalibratedClassifierCV(machine, method="sigmoid", ensemble=False)
    if not normalize:
        return calibrated
    return Pipeline([("scale", StandardScaler()), ("svm", calibrated)])
