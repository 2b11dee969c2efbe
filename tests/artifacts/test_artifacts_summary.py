"""Model summaries: what the executor reported is stored by ingest and shown on the artifact."""

import pickle

import pytest

from designer.artifacts.models import Artifact
from designer.artifacts.services import ingest
from tests.runs.factories import output_of_a_run

pytestmark = pytest.mark.django_db

SUMMARY = {
    "class": "LinearRegression",
    "params": {"fit_intercept": True},
    "label_column": "target",
    "feature_columns": ["age", "bmi"],
    "task": "regression",
}


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


@pytest.fixture
def pickled(tmp_path):
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps({"weights": [1.0, 2.0]}))
    return path


def test_ingest_stores_the_summary_and_the_api_shows_it(api, pickled):
    artifact = ingest(pickled, "model", summary=SUMMARY)
    output_of_a_run(artifact)
    body = api.get(f"/api/artifacts/{artifact.pk}/").json()
    assert body["kind"] == "model" and body["summary"] == SUMMARY
    assert body["schema"] is None


def test_same_bytes_keep_or_gain_a_summary(pickled):
    bare = ingest(pickled, "model")
    assert bare.summary is None
    again = ingest(pickled, "model", summary=SUMMARY)
    assert again.pk == bare.pk and again.summary == SUMMARY
    ingest(pickled, "model", summary=None)
    assert Artifact.objects.get(pk=bare.pk).summary == SUMMARY, "a later None never erases it"


def test_dataframes_have_no_summary(api, tmp_path):
    import pandas as pd

    from designer.runtime.io import write_dataframe

    path = write_dataframe(pd.DataFrame({"a": [1]}), tmp_path / "d.parquet")
    artifact = ingest(path, "dataframe")
    output_of_a_run(artifact)
    assert api.get(f"/api/artifacts/{artifact.pk}/").json()["summary"] is None
