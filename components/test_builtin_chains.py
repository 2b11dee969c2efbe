"""The built-in components wired together as the sample pipelines wire them, on real data."""

from pathlib import Path

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

ROOT = Path(__file__).parent
SAMPLE = ROOT / "data_input_output" / "sample_dataset"
SPLIT = ROOT / "data_transformation" / "split_data"
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def _train_score_evaluate(
    dataset: str, learner_dir: Path, learner_params: dict
) -> tuple[dict, list]:
    data = run_component(SAMPLE, params={"dataset": dataset})[0]["data"]
    parts = run_component(SPLIT, inputs={"data": data}, params={"fraction": 0.7, "seed": 0})[0]
    learner = run_component(learner_dir, params=learner_params)[0]["model"]
    model = run_component(
        TRAIN,
        inputs={"learner": learner, "data": parts["first"]},
        params={"label_column": "target"},
    )[0]["model"]
    assert isinstance(model, TrainedModel)
    scored = run_component(SCORE, inputs={"model": model, "data": parts["second"]})[0]["scored"]
    assert len(scored) == len(parts["second"])
    return run_component(EVALUATE, inputs={"scored": scored})


def test_linear_regression_on_diabetes() -> None:
    outputs, events = _train_score_evaluate(
        "diabetes", ROOT / "machine_learning" / "linear_regression", {}
    )
    assert 0.3 < outputs["metrics"]["r2"] < 0.6
    assert {"r2", "mae", "rmse"} <= {e["name"] for e in events if e["type"] == "metric"}


def test_logistic_regression_on_breast_cancer() -> None:
    outputs, _ = _train_score_evaluate(
        "breast_cancer", ROOT / "machine_learning" / "logistic_regression", {"max_iter": 5000}
    )
    assert outputs["metrics"]["accuracy"] > 0.9
    assert outputs["metrics"]["auc"] > 0.95
