"""Create Python Model: user-written learners trained and scored by the real components."""

import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"

SCALED_LOGISTIC = """
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


class Model:
    def fit(self, X, y):
        self.scaler = StandardScaler().fit(X)
        self.inner = LogisticRegression().fit(self.scaler.transform(X), y)
        return self

    def predict(self, X):
        return self.inner.predict(self.scaler.transform(X))

    def predict_proba(self, X):
        return self.inner.predict_proba(self.scaler.transform(X))
"""

NEAREST_CENTROID = """
import numpy as np


class Model:
    def fit(self, X, y):
        self.labels = np.unique(y)
        values, labels = np.asarray(X, dtype=float), np.asarray(y)
        self.centres = np.stack([values[labels == label].mean(axis=0) for label in self.labels])

    def predict(self, X):
        values = np.asarray(X, dtype=float)
        distances = ((values[:, None, :] - self.centres[None, :, :]) ** 2).sum(axis=2)
        return self.labels[distances.argmin(axis=1)]
"""


def _train_and_score(learner, frame):
    train, test = train_test_split(frame, test_size=0.3, random_state=0)
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    return model, scored


def test_the_default_least_squares_model_learns_diabetes() -> None:
    learner = run_component(HERE)[0]["model"]
    assert is_regressor(learner) and not is_classifier(learner)
    model, scored = _train_and_score(learner, load_diabetes(as_frame=True).frame)
    assert model.task == "regression"
    assert run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]["r2"] > 0.3


def test_a_classifier_with_probabilities_scores_breast_cancer() -> None:
    params = {"script": SCALED_LOGISTIC, "task": "classification"}
    learner = run_component(HERE, params=params)[0]["model"]
    assert is_classifier(learner)
    model, scored = _train_and_score(learner, load_breast_cancer(as_frame=True).frame)
    assert model.task == "classification" and list(model.estimator.classes_) == [0, 1]
    assert scored["scored_probability"].between(0, 1).all()
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.9 and metrics["auc"] > 0.95


def test_a_classifier_without_probabilities_scores_iris() -> None:
    params = {"script": NEAREST_CENTROID, "task": "classification"}
    learner = run_component(HERE, params=params)[0]["model"]
    assert not hasattr(learner, "predict_proba")
    _, scored = _train_and_score(learner, load_iris(as_frame=True).frame)
    assert "scored_probability" not in scored.columns
    assert run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]["accuracy"] > 0.85


def test_the_trained_model_survives_pickling_without_the_component_folder(tmp_path: Path) -> None:
    learner = run_component(HERE, params={"script": NEAREST_CENTROID, "task": "classification"})
    model, scored = _train_and_score(learner[0]["model"], load_iris(as_frame=True).frame)
    # Train Model's output was unpickled after the component folder left sys.path: the class
    # was rebuilt from the source the pickle carries, not imported.
    assert type(model.estimator).__module__ == "pipewright_python_model"
    assert "python_model" not in sys.modules
    again = pickle.loads(pickle.dumps(model.estimator))
    rows = scored[model.feature_columns]
    assert (again.predict(rows) == scored["scored_label"]).all()
    # A fresh interpreter that never saw this folder can load and use it as well.
    probe = (
        "import pickle, sys; model = pickle.load(sys.stdin.buffer); "
        "print(model.predict([[5.0, 3.4, 1.5, 0.2], [6.9, 3.1, 5.4, 2.1]]).tolist())"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        input=pickle.dumps(model.estimator),
        capture_output=True,
        check=True,
        cwd=tmp_path,
    )
    assert loaded.stdout.decode().strip() == "[0, 2]"


def test_clone_gives_an_untrained_copy_with_the_same_settings() -> None:
    learner = run_component(HERE, params={"script": NEAREST_CENTROID, "task": "classification"})
    original = learner[0]["model"]
    copy = clone(original)
    assert (
        copy.get_params()
        == original.get_params()
        == {
            "script": NEAREST_CENTROID,
            "task": "classification",
        }
    )
    iris = load_iris(as_frame=True)
    copy.set_params(task="classification").fit(iris.data, iris.target)
    assert not hasattr(original, "model_") and np.array_equal(copy.classes_, [0, 1, 2])


def test_a_syntax_error_names_its_line() -> None:
    script = "import numpy\n\nclass Model(:\n    pass\n"
    with pytest.raises(Exception, match="syntax error at line 3 of the script") as caught:
        run_component(HERE, params={"script": script})
    assert caught.typename == "ScriptError"


def test_a_script_without_predict_is_refused() -> None:
    script = "class Model:\n    def fit(self, X, y):\n        return self\n"
    with pytest.raises(Exception, match="class Model must define predict"):
        run_component(HERE, params={"script": script})
