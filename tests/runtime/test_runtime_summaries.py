"""Model summaries made in the executor child: class, params, and TrainedModel's columns."""

from __future__ import annotations

import pickle
from pathlib import Path

from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from designer.runtime import TrainedModel
from designer.runtime.summaries import summarize_model, summarize_model_file
from designer.runtime.transforms import ColumnScaler
from tests.runtime.runtime_helpers import make_component, read_events, run_executor, write_task


def test_a_trained_model_names_its_estimator_and_columns() -> None:
    model = TrainedModel(LinearRegression(), "target", ["age", "bmi"], "regression")
    summary = summarize_model(model)
    assert summary["class"] == "LinearRegression"
    assert summary["params"]["fit_intercept"] is True
    assert (summary["label_column"], summary["feature_columns"], summary["task"]) == (
        "target",
        ["age", "bmi"],
        "regression",
    )


def test_nested_estimators_and_odd_values_become_text() -> None:
    summary = summarize_model(OneVsRestClassifier(LogisticRegression(C=2.0)))
    assert summary["class"] == "OneVsRestClassifier"
    assert summary["params"]["estimator"].startswith("LogisticRegression(C=2.0")
    assert summary["label_column"] is None and summary["task"] is None


def test_dataclass_transforms_show_their_fields() -> None:
    summary = summarize_model(ColumnScaler("zscore", {"age": 0.5}, {"age": float("inf")}))
    assert summary["class"] == "ColumnScaler"
    assert summary["params"] == {
        "method": "zscore",
        "scales": {"age": None},
        "shifts": {"age": 0.5},
    }


def test_plain_objects_and_broken_ones_never_raise() -> None:
    assert summarize_model({"a": 1}) == {
        "class": "dict",
        "params": None,
        "label_column": None,
        "feature_columns": None,
        "task": None,
    }

    class Broken:
        def get_params(self, deep: bool = True) -> dict:
            raise RuntimeError("no")

    summary = summarize_model(Broken())
    assert summary["class"] == "Broken" and "RuntimeError" in summary["error"]


def test_a_pickle_file_is_summarized_and_a_bad_one_reported(tmp_path: Path) -> None:
    good = tmp_path / "m.pkl"
    good.write_bytes(pickle.dumps(LinearRegression()))
    assert summarize_model_file(good)["class"] == "LinearRegression"
    bad = tmp_path / "bad.pkl"
    bad.write_bytes(b"not a pickle")
    assert "cannot load" in summarize_model_file(bad)["error"]


def test_the_result_event_carries_each_model_summary(tmp_path: Path) -> None:
    folder = make_component(
        tmp_path,
        "fit",
        {
            "main.py": """
            from sklearn.linear_model import LinearRegression
            from designer.runtime import TrainedModel

            def run():
                return {"model": TrainedModel(LinearRegression(), "y", ["x"], "regression"),
                        "report": {"ok": True}}
            """
        },
    )
    work = tmp_path / "work"
    task = write_task(
        work,
        component_dir=folder,
        python="main.py:run",
        outputs={"model": {"type": "model"}, "report": {"type": "json"}},
    )
    done = run_executor(task, tmp_path)
    assert done.returncode == 0, done.stderr
    result = read_events(work)[-1]
    assert result["type"] == "result"
    assert result["outputs"]["model"]["summary"]["class"] == "LinearRegression"
    assert result["outputs"]["model"]["summary"]["feature_columns"] == ["x"]
    assert "summary" not in result["outputs"]["report"]
