"""Convert to CSV on the wine data: the file reads back as the same table."""

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_wine

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def temporary_files_in(tmp_path, monkeypatch) -> None:
    # The step writes into its temporary folder, which a real run keeps inside its work folder.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture(scope="module")
def wine() -> pd.DataFrame:
    return load_wine(as_frame=True).frame


def _convert(data: pd.DataFrame, **params) -> tuple[Path, list]:
    outputs, events = run_component(HERE, inputs={"data": data}, params=params)
    return outputs["file"], events


def test_the_file_reads_back_as_the_same_rows(wine) -> None:
    path, events = _convert(wine)
    assert path.suffix == ".csv"
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("alcohol,malic_acid,ash")
    pd.testing.assert_frame_equal(pd.read_csv(path), wine, check_exact=False, rtol=1e-12)
    assert [e["value"] for e in events if e["type"] == "metric"] == [178.0]


def test_tab_and_semicolon_separators_and_no_header(wine) -> None:
    tabbed, _ = _convert(wine, separator="tab")
    assert tabbed.suffix == ".tsv"
    pd.testing.assert_frame_equal(pd.read_csv(tabbed, sep="\t"), wine, check_exact=False)
    bare, _ = _convert(wine.head(3), separator="semicolon", header=False)
    lines = bare.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[0].startswith("14.23;1.71;2.43;")


def test_missing_values_are_empty_fields_and_text_is_quoted() -> None:
    data = pd.DataFrame({"city": ["Oslo", "Bergen, Norway", None], "rain": [1.5, None, 3.0]})
    path, _ = _convert(data)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "city,rain",
        "Oslo,1.5",
        '"Bergen, Norway",',
        ",3.0",
    ]
