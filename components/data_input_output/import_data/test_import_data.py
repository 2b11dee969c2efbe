"""Import Data: reading real data inside the data roots, refusing everything outside them."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
EXPORT = HERE.parent / "export_data"


@pytest.fixture
def iris() -> pd.DataFrame:
    return load_iris(as_frame=True).frame


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_reads_a_csv_inside_the_roots(iris, root) -> None:
    iris.to_csv(root / "iris.csv", index=False)
    outputs, events = run_component(
        HERE, params={"path": str(root / "iris.csv")}, data_roots=[root]
    )
    data = outputs["data"]
    pd.testing.assert_frame_equal(data, iris)
    assert data.attrs["source"] == str((root / "iris.csv").resolve())
    assert {"type": "metric", "name": "rows", "value": 150.0, "step": None} in events


def test_a_relative_path_is_taken_from_the_first_root(iris, root) -> None:
    (root / "sub").mkdir()
    iris.head(10).to_csv(root / "sub" / "few.tsv", sep="\t", index=False)
    outputs, _ = run_component(HERE, params={"path": "sub/few.tsv"}, data_roots=[root])
    assert outputs["data"].shape == (10, 5)


def test_refuses_a_path_outside_the_roots(iris, root, tmp_path) -> None:
    iris.to_csv(tmp_path / "outside.csv", index=False)
    with pytest.raises(PermissionError, match="is outside the folders this server may read"):
        run_component(HERE, params={"path": str(tmp_path / "outside.csv")}, data_roots=[root])
    with pytest.raises(PermissionError, match="'../outside.csv' is outside"):
        run_component(HERE, params={"path": "../outside.csv"}, data_roots=[root])
    with pytest.raises(PermissionError, match="'/etc/passwd' is outside"):
        run_component(HERE, params={"path": "/etc/passwd", "format": "csv"}, data_roots=[root])


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("iris.csv", "csv"), ("iris.parquet", "parquet"), ("iris.json", "json")],
)
def test_export_then_import_round_trips(iris, root, name: str, fmt: str) -> None:
    report = run_component(
        EXPORT, inputs={"data": iris}, params={"path": name, "format": fmt}, data_roots=[root]
    )[0]["report"]
    assert report == {"path": str((root / name).resolve()), "rows": 150}
    back = run_component(HERE, params={"path": name}, data_roots=[root])[0]["data"]
    pd.testing.assert_frame_equal(back, iris)


def test_reads_json_lines(root) -> None:
    (root / "rows.jsonl").write_text('{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n', encoding="utf-8")
    data = run_component(HERE, params={"path": "rows.jsonl"}, data_roots=[root])[0]["data"]
    assert data.to_dict("list") == {"a": [1, 2], "b": ["x", "y"]}


def test_unknown_ending_asks_for_the_format(iris, root) -> None:
    iris.to_csv(root / "iris.data", index=False)
    with pytest.raises(ValueError, match="cannot tell the format of iris.data"):
        run_component(HERE, params={"path": "iris.data"}, data_roots=[root])
    data = run_component(HERE, params={"path": "iris.data", "format": "csv"}, data_roots=[root])[0][
        "data"
    ]
    assert len(data) == 150


def test_missing_and_unreadable_files_are_named(root) -> None:
    with pytest.raises(FileNotFoundError, match="'nope.csv' is not a file"):
        run_component(HERE, params={"path": "nope.csv"}, data_roots=[root])
    (root / "broken.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(ValueError, match="could not read 'broken.parquet' as parquet"):
        run_component(HERE, params={"path": "broken.parquet"}, data_roots=[root])
