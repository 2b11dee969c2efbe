"""The palette's ready-made data sources: sample datasets and files under the data roots."""

import pytest

pytestmark = pytest.mark.django_db


def test_samples_and_files_with_the_component_that_reads_them(api, builtins, settings, tmp_path):
    root = tmp_path / "data"
    (root / "sub").mkdir(parents=True)
    (root / "patients.csv").write_text("a,b\n1,2\n")
    (root / "sub" / "more.parquet").write_bytes(b"PAR1")
    (root / "notes.txt").write_text("not data")
    settings.DESIGNER_DATA_ROOTS = [str(root)]
    found = api.get("/api/datasets/").json()
    samples = [d for d in found if d["kind"] == "sample"]
    assert {d["name"] for d in samples} == {"diabetes", "iris", "wine", "breast_cancer"}
    assert samples[0]["component"].startswith("sample_dataset@")
    files = {d["name"]: d for d in found if d["kind"] == "file"}
    assert set(files) == {"patients.csv", "sub/more.parquet"}
    assert files["patients.csv"]["params"] == {"path": "patients.csv"}
    assert files["patients.csv"]["component"].startswith("import_data@")
    assert files["patients.csv"]["size"] == 8


def test_missing_roots_are_fine(api, builtins, settings, tmp_path):
    settings.DESIGNER_DATA_ROOTS = [str(tmp_path / "nowhere")]
    assert all(d["kind"] == "sample" for d in api.get("/api/datasets/").json())
