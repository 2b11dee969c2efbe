"""Convert to Dataset reads the files Convert to CSV writes, and Parquet, JSON and TSV files."""

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
TO_CSV = HERE.parent / "convert_to_csv"


@pytest.fixture(autouse=True)
def temporary_files_in(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture(scope="module")
def iris() -> pd.DataFrame:
    return load_iris(as_frame=True).frame


def _read(file: Path, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"file": file}, params=params)[0]["data"]


@pytest.mark.parametrize("separator", ["comma", "tab", "semicolon"])
def test_reads_back_what_convert_to_csv_wrote(iris, separator) -> None:
    file = run_component(TO_CSV, inputs={"data": iris}, params={"separator": separator})[0]["file"]
    pd.testing.assert_frame_equal(_read(file), iris, check_exact=False, rtol=1e-12)


def test_parquet_and_json_files(iris, tmp_path) -> None:
    parquet = tmp_path / "flowers.bin"
    iris.to_parquet(parquet)
    pd.testing.assert_frame_equal(_read(parquet), iris)
    records = tmp_path / "flowers.json"
    records.write_text(json.dumps(iris.head(5).to_dict(orient="records")), encoding="utf-8")
    pd.testing.assert_frame_equal(_read(records), iris.head(5))
    lines = tmp_path / "flowers"
    iris.head(4).to_json(lines, orient="records", lines=True)
    pd.testing.assert_frame_equal(_read(lines), iris.head(4))


def test_a_file_without_an_ending_is_recognised_by_its_content(iris, tmp_path) -> None:
    tabbed = tmp_path / "export"
    iris.head(6).to_csv(tabbed, sep="\t", index=False)
    pd.testing.assert_frame_equal(_read(tabbed), iris.head(6), check_exact=False)


def test_markers_are_read_as_missing(tmp_path) -> None:
    csv = tmp_path / "survey.csv"
    csv.write_text("city,answer,score\nOslo,yes,3\n?,NA,?\nBergen,-,5\n", encoding="utf-8")
    data = _read(csv, missing_values="NA, ?, -")
    assert data["city"].isna().tolist() == [False, True, False]
    assert data["answer"].isna().tolist() == [False, True, True]
    assert data["score"].tolist()[::2] == [3, 5] and pd.isna(data["score"][1])
    records = tmp_path / "survey.json"
    records.write_text(json.dumps([{"city": "?", "score": 1}, {"city": "Oslo", "score": 2}]))
    assert _read(records, missing_values="?")["city"].isna().tolist() == [True, False]


def test_an_unreadable_file_names_the_format(tmp_path) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(ValueError, match="could not read broken.parquet as parquet"):
        _read(broken)
