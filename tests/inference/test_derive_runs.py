"""Inference pipelines derived from training runs executed for real (every step in a real
executor child), then run on the training run's test rows: what they predict equals the training
run's Score Model output exactly."""

from pathlib import Path

import pytest

from designer.artifacts.models import Artifact
from designer.pipelines.models import Pipeline
from designer.registry.services import register_folder
from designer.runs.models import NodeRun
from tests.inference.factories import derive, frame, run_fed, trained
from tests.pipelines.factories import edge, graph, node
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db

DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
IRIS_FEATURES = [
    "sepal length (cm)",
    "sepal width (cm)",
    "petal length (cm)",
    "petal width (cm)",
]
TRAINING_ONLY = {"split_data", "train_model", "evaluate_model"}


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path / "user_components")
    Path(settings.DESIGNER_USER_COMPONENTS_DIR).mkdir()


def components_of(pipeline: dict) -> dict[str, str]:
    return {n["id"]: n["component"].partition("@")[0] for n in pipeline["graph"]["nodes"]}


def assert_same_predictions(inference, run, columns=("scored_label",)) -> None:
    predicted = frame(inference, "web_service_output", "data")
    scored = frame(run, "score", "scored")
    assert len(predicted) == len(scored) > 0
    for column in columns:
        # Exactly: the same model, fed the same values, in the same order.
        assert predicted[column].tolist() == scored[column].tolist(), column


def test_the_sample_diabetes_run_derives_a_pipeline_that_predicts_as_it_scored(api, builtins):
    sample = sample_graph()
    run = trained(api, sample["graph"], sample["name"], sample["parameters"])
    preview = derive(api, run, save=False)
    assert preview["pipeline"] is None
    assert not Pipeline.objects.filter(name__endswith="(real-time inference)").exists()

    derived = derive(api, run)
    pipeline = derived["pipeline"]
    assert pipeline["name"] == "Sample: diabetes regression (real-time inference)"
    assert api.get(f"/api/pipelines/{pipeline['id']}/").json() == pipeline
    assert pipeline["graph"] == derived["graph"] == preview["graph"]
    assert components_of(pipeline) == {
        "web_service_input": "web_service_input",
        "train_model": "run_output",
        "score": "score_model",
        "web_service_output": "web_service_output",
    }
    assert derived["input_schema"] == [{"name": n, "dtype": "double"} for n in DIABETES_FEATURES]
    assert derived["diff"]["replaced"] == [
        {"node": "train", "by": "train_model"},
        {"node": "load", "by": "web_service_input"},
    ]
    valid = api.post(f"/api/pipelines/{pipeline['id']}/validate/", {}, format="json").json()
    assert valid == {"valid": True, "errors": []}

    batch = derive(api, run, kind="batch", name="diabetes nightly")
    assert components_of(batch["pipeline"])["input_dataset"] == "dataset"
    assert batch["pipeline"]["parameters"]["input_dataset"]["type"] == "string"
    assert batch["input_schema"] == derived["input_schema"]

    inference = run_fed(api, derived, run)
    assert_same_predictions(inference, run)
    assert list(frame(inference, "web_service_output", "data").columns) == [
        *DIABETES_FEATURES,
        "scored_label",
    ]
    trained_model = NodeRun.objects.get(run=run, node_id="train").outputs["model"]
    bound = NodeRun.objects.get(run=inference, node_id="train_model")
    assert bound.outputs == {"model": trained_model}
    assert bound.source == {
        "kind": "run_output",
        "name": f"{run.pk}/train/model",
        "version": run.pk,
        "digest": Artifact.objects.get(pk=trained_model).digest,
    }


def classification_graph() -> dict:
    """Iris, normalized before the split (a fitted transform on the scored rows' way),
    multiclass logistic regression."""
    return graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("scale", "normalize_data@1.0.0", {"columns": IRIS_FEATURES}),
            node("split", "split_data@1.1.0", {"fraction": 0.6, "seed": 7}),
            node("learner", "multiclass_logistic_regression@1.0.0"),
            node("train", "train_model@1.0.0", {"label_column": "target"}),
            node("score", "score_model@1.0.0"),
            node("evaluate", "evaluate_model@1.1.0"),
        ],
        [
            edge("load", "data", "scale", "data"),
            edge("scale", "data", "split", "data"),
            edge("learner", "model", "train", "learner"),
            edge("split", "first", "train", "data"),
            edge("train", "model", "score", "model"),
            edge("split", "second", "score", "data"),
            edge("score", "scored", "evaluate", "scored"),
        ],
    )


def test_a_classification_run_with_a_fitted_transform_predicts_as_it_scored(api, builtins):
    run = trained(api, classification_graph(), "iris")
    derived = derive(api, run, name="iris online")
    pipeline = derived["pipeline"]
    assert pipeline["name"] == "iris online"
    assert components_of(pipeline) == {
        "web_service_input": "web_service_input",
        "scale_transform": "run_output",
        "scale_apply": "apply_transformation",
        "train_model": "run_output",
        "score": "score_model",
        "web_service_output": "web_service_output",
    }
    assert not TRAINING_ONLY & set(components_of(pipeline).values())
    assert [c["name"] for c in derived["input_schema"]] == IRIS_FEATURES

    # The raw test rows go in; the transform fitted in the training run scales them.
    inference = run_fed(api, derived, run)
    assert_same_predictions(inference, run)
    scaled = frame(inference, "scale_apply", "data")
    assert scaled.equals(frame(run, "split", "second")[IRIS_FEATURES])


USER_TRAINER = """\
name: fit_ridge
version: 1.0.0
description: Fits ridge regression on every column but the label.
inputs:
  data: {type: dataframe, description: Training rows}
outputs:
  model: {type: model, description: The fitted model}
parameters:
  label_column: {type: column, input: data, description: The column to predict}
python: fit.py:run
inference: {replace_with_output: model}
"""
USER_TRAINER_CODE = """\
from sklearn.linear_model import Ridge

from designer.runtime import TrainedModel


def run(data, label_column):
    features = [c for c in data.columns if c != label_column]
    model = Ridge(alpha=0.5).fit(data[features], data[label_column])
    return TrainedModel(model, label_column, features, "regression")
"""
USER_CHECK = """\
name: count_rows
version: 1.0.0
description: Logs how many rows there are, for the training run's record.
inputs:
  data: {type: dataframe, description: Any rows}
outputs:
  data: {type: dataframe, description: The same rows, schema: {same_as: data}}
python: count.py:run
inference: drop
"""
USER_CHECK_CODE = """\
from designer.runtime import log_metric


def run(data):
    log_metric("rows", len(data))
    return data
"""


def register(user, tmp_path: Path, name: str, spec: str, code_file: str, code: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "component.yaml").write_text(spec)
    (folder / code_file).write_text(code)
    register_folder(user, folder)


def test_user_components_that_declare_inference_derive_correctly(api, user, builtins, tmp_path):
    register(user, tmp_path, "fit_ridge", USER_TRAINER, "fit.py", USER_TRAINER_CODE)
    register(user, tmp_path, "count_rows", USER_CHECK, "count.py", USER_CHECK_CODE)
    training = graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": "diabetes"}),
            node("count", "count_rows@1.0.0"),
            node("split", "split_data@1.1.0", {"fraction": 0.8, "seed": 1}),
            node("fit", "fit_ridge@1.0.0", {"label_column": "target"}),
            node("score", "score_model@1.0.0"),
        ],
        [
            edge("load", "data", "count", "data"),
            edge("count", "data", "split", "data"),
            edge("split", "first", "fit", "data"),
            edge("fit", "model", "score", "model"),
            edge("split", "second", "score", "data"),
        ],
    )
    run = trained(api, training, "ridge")
    derived = derive(api, run)
    assert components_of(derived["pipeline"]) == {
        "web_service_input": "web_service_input",
        "fit_model": "run_output",
        "score": "score_model",
        "web_service_output": "web_service_output",
    }
    assert derived["diff"]["removed"] == ["count", "split"]
    assert {"node": "fit", "by": "fit_model"} in derived["diff"]["replaced"]

    inference = run_fed(api, derived, run)
    assert_same_predictions(inference, run)
