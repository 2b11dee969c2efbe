"""Artifact profiles over the REST API: real values on the diabetes data, strict JSON on odd
data, caching on the row, sampling of long frames, and 400 for what is not a dataframe."""

import json
import math
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from designer.artifacts import profiles
from designer.artifacts.models import Artifact
from designer.artifacts.services import ingest
from designer.runtime.io import write_dataframe
from designer.runtime.testing import run_component
from tests.runs.factories import output_of_a_run
from tests.support.live import ROOT

pytestmark = pytest.mark.django_db

SAMPLE_DATASET = ROOT / "components" / "data_input_output" / "sample_dataset"


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


@pytest.fixture(scope="module")
def diabetes() -> pd.DataFrame:
    outputs, _ = run_component(SAMPLE_DATASET, params={"dataset": "diabetes"})
    return outputs["data"]


def stored(frame: pd.DataFrame, tmp_path: Path, name: str = "data") -> Artifact:
    """Stored, and the output of a run in `default`, so its members may see it."""
    path = write_dataframe(frame, tmp_path / f"{name}.parquet")
    artifact = ingest(path, "dataframe")
    output_of_a_run(artifact)
    return artifact


def strict_json(response) -> dict:
    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(response.content, parse_constant=refuse)


def get_profile(api, artifact: Artifact) -> dict:
    response = api.get(f"/api/artifacts/{artifact.pk}/profile/")
    assert response.status_code == 200, response.content
    return strict_json(response)


def column(profile: dict, name: str) -> dict:
    return next(c for c in profile["columns"] if c["name"] == name)


def test_diabetes_profile_matches_pandas(api, diabetes, tmp_path):
    profile = get_profile(api, stored(diabetes, tmp_path))
    assert profile["row_count"] == 442 and profile["sampled"] is False
    assert [c["name"] for c in profile["columns"]] == list(diabetes.columns)
    age = column(profile, "age")
    assert age["dtype"] == "double"
    assert (age["count"], age["missing"]) == (442, 0)
    assert age["unique"] == diabetes["age"].nunique()
    assert math.isclose(age["mean"], diabetes["age"].mean(), rel_tol=1e-12, abs_tol=1e-15)
    assert math.isclose(age["std"], diabetes["age"].std(), rel_tol=1e-12)
    assert age["min"] == diabetes["age"].min() and age["max"] == diabetes["age"].max()
    histogram = age["histogram"]
    assert len(histogram["counts"]) == 20 and len(histogram["edges"]) == 21
    assert sum(histogram["counts"]) == 442
    assert histogram["edges"][0] == age["min"] and histogram["edges"][-1] == age["max"]
    assert age["top"] == [], "a column of many distinct numbers lists no top values"


def test_low_cardinality_numbers_list_their_top_values(api, diabetes, tmp_path):
    sex = column(get_profile(api, stored(diabetes, tmp_path)), "sex")
    expected = diabetes["sex"].value_counts()
    assert sex["unique"] == 2
    assert [(t["value"], t["count"]) for t in sex["top"]] == list(expected.items())
    assert sum(sex["histogram"]["counts"]) == 442


def test_odd_data_profiles_as_strict_json(api, tmp_path):
    frame = pd.DataFrame(
        {
            "ratio": [1.5, np.nan, np.inf, -2.0, None],
            "city": ["Oslo", "Lima", None, "Oslo", "Oslo"],
            "flag": [True, False, True, True, False],
            "when": pd.to_datetime(["2024-01-02", None, "2023-05-06", "2024-01-02", "2025-12-31"]),
            "kind": pd.Categorical(["b", "a", "b", None, "b"]),
            "count": pd.array([1, None, 3, 3, 3], dtype="Int64"),
        }
    )
    profile = get_profile(api, stored(frame, tmp_path))
    ratio = column(profile, "ratio")
    assert (ratio["count"], ratio["missing"]) == (3, 2)
    assert ratio["mean"] is None, "an infinity makes the mean infinite, which JSON cannot hold"
    assert ratio["max"] is None and ratio["min"] == -2.0
    assert sum(ratio["histogram"]["counts"]) == 2, "the histogram counts finite values only"
    city = column(profile, "city")
    assert city["histogram"] is None and city["mean"] is None
    assert city["top"][0] == {"value": "Oslo", "count": 3}
    assert (city["min"], city["max"], city["missing"]) == ("Lima", "Oslo", 1)
    flag = column(profile, "flag")
    assert flag["dtype"] == "bool" and flag["histogram"] is None
    assert flag["top"] == [{"value": True, "count": 3}, {"value": False, "count": 2}]
    when = column(profile, "when")
    assert when["min"].startswith("2023-05-06") and when["max"].startswith("2025-12-31")
    assert when["top"][0] == {"value": "2024-01-02T00:00:00", "count": 2}
    kind = column(profile, "kind")
    assert kind["top"][0] == {"value": "b", "count": 3} and kind["missing"] == 1
    count = column(profile, "count")
    assert (count["mean"], count["min"], count["max"]) == (2.5, 1, 3)


def test_profile_is_cached_on_the_row(api, diabetes, tmp_path, monkeypatch):
    artifact = stored(diabetes, tmp_path)
    first = get_profile(api, artifact)
    artifact.refresh_from_db()
    assert artifact.profile["data"] == first

    def fail(*args, **kwargs):
        raise AssertionError("computed twice")

    monkeypatch.setattr(profiles, "compute_profile", fail)
    assert get_profile(api, artifact) == first


def test_long_frames_are_profiled_on_their_first_rows(api, diabetes, tmp_path, monkeypatch):
    monkeypatch.setattr(profiles, "MAX_ROWS", 100)
    profile = get_profile(api, stored(diabetes, tmp_path))
    assert profile["sampled"] is True
    assert (profile["row_count"], profile["profiled_rows"]) == (442, 100)
    age = column(profile, "age")
    assert age["count"] == 100
    assert math.isclose(age["mean"], diabetes["age"].head(100).mean(), rel_tol=1e-12)


def test_wide_frames_read_fewer_rows(tmp_path):
    frame = pd.DataFrame(np.zeros((3000, 20)), columns=[f"c{i}" for i in range(20)])
    path = write_dataframe(frame, tmp_path / "wide.parquet")
    profile = profiles.compute_profile(path, max_rows=profiles.MAX_ROWS)
    assert profile["profiled_rows"] == 3000 and not profile["sampled"]
    tiny = profiles.compute_profile(path, max_rows=10)
    assert tiny["profiled_rows"] == 10 and tiny["sampled"]


def test_empty_frame_has_a_profile(api, tmp_path):
    frame = pd.DataFrame({"x": pd.Series([], dtype="float64"), "s": pd.Series([], dtype="str")})
    profile = get_profile(api, stored(frame, tmp_path))
    assert profile["row_count"] == 0
    x = column(profile, "x")
    assert (x["count"], x["mean"], x["histogram"], x["top"]) == (0, None, None, [])


def test_only_dataframes_have_a_profile(api, tmp_path):
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps({"weights": [1, 2]}))
    model = ingest(path, "model")
    output_of_a_run(model)
    response = api.get(f"/api/artifacts/{model.pk}/profile/")
    assert response.status_code == 400
    assert response.json()["code"] == "not_a_dataframe"
    assert "model" in response.json()["message"]
    assert api.get("/api/artifacts/999999/profile/").status_code == 404


def test_profile_needs_a_signed_in_user(anon, diabetes, tmp_path):
    artifact = stored(diabetes, tmp_path)
    assert anon.get(f"/api/artifacts/{artifact.pk}/profile/").status_code in (401, 403)
