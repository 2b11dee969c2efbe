"""What the library's trainers and fitted transforms output loads and works in a fresh
interpreter that imports nothing of the component folders, as a later step in a run would."""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from designer.runtime.recommenders import SVDRecommender
from designer.runtime.testing import run_component
from designer.runtime.transforms import ColumnSelection
from tests.runtime.runtime_helpers import REPO_ROOT

COMPONENTS = REPO_ROOT / "components"
TEXTS = pd.DataFrame(
    {
        "text": ["the striker scored a late goal", "bake the bread in a hot oven"] * 10,
        "n": range(20),
    }
)


def _in_fresh_interpreter(tmp_path: Path, value: object, frame: pd.DataFrame, call: str) -> str:
    """``call`` (an expression of ``value`` and ``frame``) evaluated in a new Python process."""
    (tmp_path / "value.pkl").write_bytes(pickle.dumps(value))
    frame.to_pickle(tmp_path / "frame.pkl")
    script = (
        "import pickle, pandas as pd\n"
        "value = pickle.load(open('value.pkl', 'rb'))\n"
        "frame = pd.read_pickle('frame.pkl')\n"
        f"print({call})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("component", "params"),
    [
        ("text_analytics/latent_dirichlet_allocation", {"topics": 2, "max_iter": 5}),
        ("text_analytics/convert_word_to_vector", {"dimensions": 3, "min_count": 1}),
    ],
)
def test_text_transforms_apply_in_a_fresh_interpreter(tmp_path, component, params) -> None:
    outputs = run_component(
        COMPONENTS / component, inputs={"data": TEXTS}, params={"text_column": "text", **params}
    )[0]
    printed = _in_fresh_interpreter(
        tmp_path, outputs["transform"], TEXTS, "value.apply(frame).to_json(double_precision=15)"
    )
    applied = pd.read_json(io.StringIO(printed))
    pd.testing.assert_frame_equal(applied, outputs["data"], check_dtype=False, atol=1e-12)


def test_column_selection_applies_in_a_fresh_interpreter(tmp_path) -> None:
    selection = ColumnSelection(["n", "text"], optional_columns=["text"])
    printed = _in_fresh_interpreter(
        tmp_path, selection, TEXTS.drop(columns="text"), "list(value.apply(frame).columns)"
    )
    assert printed == "['n']"


def test_trained_anomaly_and_quantile_models_predict_in_a_fresh_interpreter(tmp_path) -> None:
    rng = np.random.default_rng(0)
    data = pd.DataFrame(rng.normal(size=(200, 4)), columns=list("abcd")).assign(
        y=rng.normal(size=200)
    )
    detector = run_component(COMPONENTS / "anomaly_detection/pca_based_anomaly_detection")[0]
    anomaly = run_component(
        COMPONENTS / "anomaly_detection/train_anomaly_detection_model",
        inputs={"learner": detector["model"], "data": data.drop(columns="y")},
    )[0]["model"]
    printed = _in_fresh_interpreter(
        tmp_path, anomaly, data, "value.estimator.predict(value.select_features(frame)).sum()"
    )
    assert int(printed) == anomaly.estimator.predict(data[list("abcd")]).sum()
    forest = run_component(
        COMPONENTS / "machine_learning/fast_forest_quantile_regression",
        params={"n_estimators": 5},
    )[0]["model"].fit(data[list("abcd")], data["y"])
    printed = _in_fresh_interpreter(
        tmp_path, forest, data[list("abcd")], "value.predict_quantiles(frame, [0.9]).sum().round(9)"
    )
    assert float(printed) == round(forest.predict_quantiles(data[list("abcd")], [0.9]).sum(), 9)


def test_a_trained_recommender_scores_in_a_fresh_interpreter(tmp_path) -> None:
    ratings = pd.DataFrame(
        {"user": [1, 1, 2, 2, 3, 3, 4], "item": list("abacbcd"), "rating": [5, 3, 4, 2, 1, 5, 4]}
    )
    model = run_component(
        COMPONENTS / "recommendation/train_svd_recommender",
        inputs={"data": ratings},
        params={"factors": 1},
    )[0]["model"]
    assert isinstance(model, SVDRecommender)
    printed = _in_fresh_interpreter(
        tmp_path, model, ratings, "value.predict_ratings(frame.user, frame.item).round(9).tolist()"
    )
    expected = model.predict_ratings(ratings.user, ratings.item).round(9).tolist()
    assert printed == str(expected)
