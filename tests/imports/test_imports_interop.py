"""Every real Azure ML and Kubeflow file in shared/interop imports through the API, or is refused
for the reason it should be; every imported pipeline validates."""

from dataclasses import dataclass, field

import pytest

from designer.registry.models import Component
from tests.imports.interop import upload, yaml_files

NYC = "azureml/nyc_taxi_data_regression"
BASICS = "azureml/1a_e2e_local_components"
SCHEDULES = "azureml/schedules"
TRAINING = "azureml/training-with-components"
KFP = "kfp/v1/components"
NYC_FILES = [
    f"{NYC}/{name}.yml" for name in ("pipeline", "prep", "transform", "train", "predict", "score")
]
BASICS_FILES = [f"{BASICS}/{name}.yml" for name in ("pipeline", "train", "score", "eval")]
UCI_COMPONENTS = [
    f"{TRAINING}/components/prepare/prepare.yml",
    f"{TRAINING}/components/train_xgb/train_xgb.yml",
]
UCI_PIPELINE = f"{TRAINING}/deployment-ordinal/pipeline.yml"
SIMPLE_JOB = f"{SCHEDULES}/simple-pipeline-job.yml"


@dataclass
class Imports:
    """What a file (uploaded with `files`, paths relative to `base`) must create."""

    files: list[str]
    base: str = ""
    components: set[str] = field(default_factory=set)
    pipelines: dict[str, int] = field(default_factory=dict)  # name -> node count
    schedules: set[str] = field(default_factory=set)


@dataclass
class Refused:
    """Why a file must be refused: the field named and words of the stated reason."""

    files: list[str]
    field: str
    reason: str


NYC_COMPONENTS = {
    "prep_taxi_data@1.0.0",
    "taxi_feature_engineering@1.0.0",
    "train_linear_regression_model@1.0.0",
    "predict_taxi_fares@1.0.0",
    "score_model_azureml@1.0.0",  # a built-in is called score_model
}
INLINE = {f"hello_pipeline_abc_{job}@1.0.0" for job in "abc"}

CASES: dict[str, Imports | Refused] = {
    f"{NYC}/pipeline.yml": Imports(NYC_FILES, NYC, NYC_COMPONENTS, {"nyc_taxi_data_regression": 6}),
    f"{NYC}/prep.yml": Imports([f"{NYC}/prep.yml"], components={"prep_taxi_data@1.0.0"}),
    f"{NYC}/transform.yml": Imports(
        [f"{NYC}/transform.yml"], components={"taxi_feature_engineering@1.0.0"}
    ),
    f"{NYC}/train.yml": Imports(
        [f"{NYC}/train.yml"], components={"train_linear_regression_model@1.0.0"}
    ),
    f"{NYC}/predict.yml": Imports([f"{NYC}/predict.yml"], components={"predict_taxi_fares@1.0.0"}),
    f"{NYC}/score.yml": Imports([f"{NYC}/score.yml"], components={"score_model_azureml@1.0.0"}),
    f"{BASICS}/pipeline.yml": Imports(
        BASICS_FILES,
        BASICS,
        {"train@10.0.0", "score@10.0.0", "eval@10.0.0"},
        {"1a_e2e_local_components": 5},
    ),
    f"{BASICS}/train.yml": Imports([f"{BASICS}/train.yml"], components={"train@10.0.0"}),
    f"{BASICS}/score.yml": Imports([f"{BASICS}/score.yml"], components={"score@10.0.0"}),
    f"{BASICS}/eval.yml": Imports([f"{BASICS}/eval.yml"], components={"eval@10.0.0"}),
    SIMPLE_JOB: Imports([SIMPLE_JOB], components=INLINE, pipelines={"hello_pipeline_abc": 3}),
    f"{SCHEDULES}/cron-job-schedule.yml": Imports(
        [f"{SCHEDULES}/cron-job-schedule.yml", SIMPLE_JOB],
        components=INLINE,
        schedules={"simple_cron_job_schedule"},
    ),
    f"{SCHEDULES}/recurrence-job-schedule.yml": Imports(
        [f"{SCHEDULES}/recurrence-job-schedule.yml", SIMPLE_JOB],
        components=INLINE,
        schedules={"simple_recurrence_job_schedule"},
    ),
    # ${{name}} is the job name Azure makes up when the schedule fires: nothing here can say it.
    f"{SCHEDULES}/cron-with-settings-job-schedule.yml": Refused(
        [f"{SCHEDULES}/cron-with-settings-job-schedule.yml", SIMPLE_JOB],
        "create_job.inputs.hello_string_top_level_input",
        "worked out by Azure when the schedule fires",
    ),
    UCI_COMPONENTS[0]: Imports([UCI_COMPONENTS[0]], components={"uci_heart_prepare@1.0.0"}),
    UCI_COMPONENTS[1]: Imports([UCI_COMPONENTS[1]], components={"uci_heart_train@1.0.0"}),
    UCI_PIPELINE: Imports(
        [UCI_PIPELINE, *UCI_COMPONENTS],
        TRAINING,
        {"uci_heart_prepare@1.0.0", "uci_heart_train@1.0.0"},
        {"uci-heart-train": 3},
    ),
    f"{TRAINING}/deployment-ordinal/pipeline-job.yml": Imports(
        [f"{TRAINING}/deployment-ordinal/pipeline-job.yml", UCI_PIPELINE, *UCI_COMPONENTS],
        TRAINING,
        {"uci_heart_prepare@1.0.0", "uci_heart_train@1.0.0"},
        {"uci-heart-train-job": 3},
    ),
    f"{TRAINING}/deployment-ordinal/deployment.yml": Refused(
        [f"{TRAINING}/deployment-ordinal/deployment.yml"], "$schema", "batch deployment"
    ),
    f"{TRAINING}/endpoint.yml": Refused([f"{TRAINING}/endpoint.yml"], "$schema", "batch endpoint"),
    f"{TRAINING}/inputs.yml": Refused(
        [f"{TRAINING}/inputs.yml"], "inputs", "only holds input values for invoking"
    ),
    f"{KFP}/XGBoost/Train/component.yaml": Imports(
        [f"{KFP}/XGBoost/Train/component.yaml"], components={"xgboost_train@1.0.0"}
    ),
    f"{KFP}/XGBoost/Predict/component.yaml": Imports(
        [f"{KFP}/XGBoost/Predict/component.yaml"], components={"xgboost_predict@1.0.0"}
    ),
    f"{KFP}/_converters/ApacheParquet/from_CSV/component.yaml": Imports(
        [f"{KFP}/_converters/ApacheParquet/from_CSV/component.yaml"],
        components={"convert_csv_to_apache_parquet@1.0.0"},
    ),
    f"{KFP}/datasets/Chicago_Taxi_Trips/component.yaml": Imports(
        [f"{KFP}/datasets/Chicago_Taxi_Trips/component.yaml"],
        components={"chicago_taxi_trips_dataset@1.0.0"},
    ),
    f"{KFP}/ml_metrics/Calculate_regression_metrics/from_CSV/component.yaml": Imports(
        [f"{KFP}/ml_metrics/Calculate_regression_metrics/from_CSV/component.yaml"],
        components={"calculate_regression_metrics_from_csv@1.0.0"},
    ),
    f"{KFP}/pandas/Transform_DataFrame/in_CSV_format/component.yaml": Imports(
        [f"{KFP}/pandas/Transform_DataFrame/in_CSV_format/component.yaml"],
        components={"pandas_transform_data_frame_in_csv_format@1.0.0"},
    ),
    f"{KFP}/sample/keras/train_classifier/component.yaml": Imports(
        [f"{KFP}/sample/keras/train_classifier/component.yaml"],
        components={"keras_train_classifier@1.0.0"},
    ),
    f"{KFP}/web/Download/component.yaml": Imports(
        [f"{KFP}/web/Download/component.yaml"], components={"download_data@1.0.0"}
    ),
}


def test_every_interop_file_has_an_expected_outcome() -> None:
    """A file added to shared/interop fails here until its outcome is written down."""
    assert sorted(CASES) == yaml_files()


@pytest.mark.parametrize("name", sorted(CASES))
def test_interop_file(api, db, name: str) -> None:
    case = CASES[name]
    response = upload(api, case.files, getattr(case, "base", ""))
    if isinstance(case, Refused):
        assert response.status_code == 400, response.json()
        body = response.json()
        assert body["code"] == "import_refused"
        refusal = next(e for e in body["errors"] if e["file"].endswith(name.rsplit("/", 1)[-1]))
        assert refusal["field"] == case.field
        assert case.reason in refusal["message"]
        assert not Component.objects.filter(builtin=False).exists()  # nothing half-imported
        return
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {f"{c['name']}@{c['version']}" for c in body["components"]} == case.components
    created = {p["name"]: len(p["graph"]["nodes"]) for p in body["pipelines"]}
    scheduled = {s["name"] for s in body["schedules"]}
    assert scheduled == case.schedules
    if not case.schedules:
        assert created == case.pipelines
    for pipeline in body["pipelines"]:
        assert pipeline["valid"], pipeline["errors"]
