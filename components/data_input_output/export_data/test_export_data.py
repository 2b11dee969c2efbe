"""Export Data: files written inside the data roots, never over an existing one unasked."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_wine

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def wine() -> pd.DataFrame:
    frame = load_wine(as_frame=True).frame
    frame.attrs["source"] = "sklearn.datasets.load_wine"
    return frame


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder.resolve()


def test_writes_a_csv_and_reports_it(wine, root) -> None:
    outputs, _ = run_component(
        HERE, inputs={"data": wine}, params={"path": "runs/wine.csv"}, data_roots=[root]
    )
    assert outputs["report"] == {"path": str(root / "runs" / "wine.csv"), "rows": 178}
    written = pd.read_csv(root / "runs" / "wine.csv")
    pd.testing.assert_frame_equal(written, wine, check_dtype=False)
    assert [p.name for p in (root / "runs").iterdir()] == ["wine.csv"]  # no temporary left


@pytest.mark.parametrize(("fmt", "reader"), [("parquet", pd.read_parquet), ("json", pd.read_json)])
def test_other_formats(wine, root, fmt, reader) -> None:
    run_component(
        HERE,
        inputs={"data": wine},
        params={"path": f"wine.{fmt}", "format": fmt},
        data_roots=[root],
    )
    pd.testing.assert_frame_equal(reader(root / f"wine.{fmt}"), wine, check_dtype=False)


def test_an_existing_file_needs_overwrite(wine, root) -> None:
    (root / "wine.csv").write_text("old\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="'wine.csv' already exists; set overwrite"):
        run_component(HERE, inputs={"data": wine}, params={"path": "wine.csv"}, data_roots=[root])
    assert (root / "wine.csv").read_text(encoding="utf-8") == "old\n"
    run_component(
        HERE,
        inputs={"data": wine},
        params={"path": "wine.csv", "overwrite": True},
        data_roots=[root],
    )
    assert len(pd.read_csv(root / "wine.csv")) == 178


def test_refuses_to_write_outside_the_roots(wine, root, tmp_path) -> None:
    with pytest.raises(PermissionError, match="'../escape.csv' is outside the folders"):
        run_component(
            HERE, inputs={"data": wine}, params={"path": "../escape.csv"}, data_roots=[root]
        )
    assert not (tmp_path / "escape.csv").exists()


def test_a_folder_is_not_a_file_name(wine, root) -> None:
    (root / "out").mkdir()
    with pytest.raises(IsADirectoryError, match="'out' is a folder"):
        run_component(HERE, inputs={"data": wine}, params={"path": "out"}, data_roots=[root])
