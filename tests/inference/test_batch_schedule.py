"""Batch inference end to end: a regression trained on generated rows, its batch pipeline
derived, published as an endpoint and fired by a schedule, scores a 1,000,000-row dataset in
chunks (every step in a real executor child) and registers the predictions as a dataset version
equal, value for value, to the trained model predicting the same rows directly."""

from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from designer.artifacts.cache import materialize
from designer.artifacts.models import Artifact
from designer.artifacts.services import ingest
from designer.datasets.models import Dataset
from designer.datasets.services.registering import add_version
from designer.runs.models import NodeRun, Run, RunEvent
from designer.runtime.io import read_dataframe, read_value, write_dataframe
from designer.schedules.models import Schedule
from designer.schedules.scheduler import tick
from tests.inference.factories import derive, trained
from tests.pipelines.factories import edge, graph, node
from tests.runs.factories import run_to_end

pytestmark = pytest.mark.django_db

FEATURES = [f"x{i}" for i in range(10)]
SCORED_ROWS = 1_000_000


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


def generated(rows: int, seed: int, label: bool) -> pd.DataFrame:
    """Ten features; the target a noisy linear function of them."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(rows, len(FEATURES))), columns=FEATURES)
    if label:
        weights = np.arange(1, len(FEATURES) + 1) / 4
        frame["target"] = frame.to_numpy() @ weights + 3 + rng.normal(scale=0.1, size=rows)
    return frame


def registered(user, name: str, frame: pd.DataFrame, folder: Path) -> None:
    """`frame` as version 1 of dataset `name`, owned by `user`, as an upload makes it."""
    artifact = ingest(write_dataframe(frame, folder / f"{name}.parquet"), "dataframe")
    add_version(user, name, artifact, {"kind": "upload", "file": f"{name}.parquet"})


def training_graph() -> dict:
    return graph(
        [
            node("load", "dataset@1.0.0", {"name": "history"}),
            node("split", "split_data@1.1.0", {"fraction": 0.8, "seed": 4}),
            node("learner", "linear_regression@1.0.0"),
            node("train", "train_model@1.0.0", {"label_column": "target"}),
            node("score", "score_model@1.0.0"),
            node("evaluate", "evaluate_model@1.1.0"),
        ],
        [
            edge("load", "data", "split", "data"),
            edge("learner", "model", "train", "learner"),
            edge("split", "first", "train", "data"),
            edge("train", "model", "score", "model"),
            edge("split", "second", "score", "data"),
            edge("score", "scored", "evaluate", "scored"),
        ],
    )


def fired_run(api, pipeline_id: int) -> Run:
    """Publish the pipeline, schedule it nightly on the big dataset, and pass the scheduler
    just after the schedule's first tick; the run that tick started."""
    published = api.post(
        f"/api/pipelines/{pipeline_id}/publish/", {"endpoint": "nightly-scoring"}, format="json"
    )
    assert published.status_code == 201, published.content
    body = {
        "name": "score-every-night",
        "endpoint": "nightly-scoring",
        "cron": "0 2 * * *",
        "time_zone": "UTC",
        "parameters": {"input_dataset": "incoming"},
    }
    created = api.post("/api/schedules/", body, format="json")
    assert created.status_code == 201, created.content
    schedule = Schedule.objects.get(pk=created.json()["id"])
    assert Run.objects.filter(trigger__kind="schedule").count() == 0
    fired = tick(schedule.next_fire_at + timedelta(seconds=1))
    assert [firing.skipped_reason for firing in fired] == [""], fired
    return Run.objects.get(pk=fired[0].run)


def test_a_scheduled_batch_endpoint_scores_a_million_rows_into_a_dataset_version(
    api, user, builtins, tmp_path
):
    registered(user, "history", generated(2000, seed=1, label=True), tmp_path)
    incoming = generated(SCORED_ROWS, seed=2, label=False)
    registered(user, "incoming", incoming, tmp_path)
    training = trained(api, training_graph(), "generated regression")
    derived = derive(api, training, kind="batch", name="Nightly scoring")
    assert derived["parameters"]["input_dataset"]["default"] == "history"
    assert derived["parameters"]["output_dataset"]["default"] == "nightly-scoring-predictions"

    run = run_to_end(fired_run(api, derived["pipeline"]["id"]))

    failed = NodeRun.objects.filter(run=run).exclude(error="").values_list("node_id", "error")
    assert run.status == "completed", list(failed)
    schedule = Schedule.objects.get(name="score-every-night")
    assert run.trigger == {
        "kind": "schedule",
        "schedule": schedule.pk,
        "endpoint": "nightly-scoring",
        "version": 1,
    }
    assert run.created_by == user

    # The predictions are a new dataset version of this run, a million rows, equal to the
    # trained model predicting the same rows in one call.
    dataset = Dataset.objects.get(name="nightly-scoring-predictions")
    version = dataset.latest
    assert version.version == 1 and version.created_by == user
    assert version.source["run"] == run.pk and version.source["node"] == "output_dataset"
    assert version.artifact.row_count == SCORED_ROWS
    predicted = read_dataframe(materialize(version.artifact))
    model_id = NodeRun.objects.get(run=training, node_id="train").outputs["model"]
    model = read_value("model", materialize(Artifact.objects.get(pk=model_id)))
    expected = model.estimator.predict(incoming[FEATURES])
    assert list(predicted.columns) == [*FEATURES, "scored_label"]
    assert np.array_equal(predicted["scored_label"].to_numpy(), expected)
    assert np.array_equal(predicted[FEATURES].to_numpy(), incoming[FEATURES].to_numpy())

    # Scoring went chunk by chunk, each chunk's progress an event of the run.
    progress = RunEvent.objects.filter(run=run, node_id="score", type="progress").order_by("seq")
    steps = [(event.payload["current"], event.payload["total"]) for event in progress]
    assert steps == [(done, SCORED_ROWS) for done in range(0, SCORED_ROWS + 1, 100_000)]
    logs = api.get(f"/api/runs/{run.pk}/nodes/output_dataset/logs/").json()["lines"]
    assert f"Registered {SCORED_ROWS} rows as dataset 'nightly-scoring-predictions' version 1." in [
        line["line"] for line in logs
    ]
    # The input was the dataset the schedule named, as its version at the run's start.
    bound = NodeRun.objects.get(run=run, node_id="input_dataset").source
    assert bound["name"] == "incoming" and bound["version"] == 1
