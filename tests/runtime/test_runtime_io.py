"""Port values to files and back: Parquet with attrs, pickle, JSON, files and folders."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from designer.runtime import TrainedModel, io


def test_attrs_survive_a_parquet_round_trip(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    frame.attrs = {"label_column": "a", "nested": {"classes": [0, 1]}, "count": np.int64(3)}
    path = io.write_value("dataframe", frame, tmp_path, "data")
    assert path == tmp_path / "data.parquet"
    assert frame.attrs["count"] == 3, "writing must not change the caller's attrs"
    back = io.read_value("dataframe", path)
    assert back.attrs == {"label_column": "a", "nested": {"classes": [0, 1]}, "count": 3}
    pd.testing.assert_frame_equal(back, frame)
    metadata = pq.read_schema(path).metadata
    assert json.loads(metadata[io.ATTRS_KEY])["label_column"] == "a"
    assert b"pandas" in metadata, "pandas' own metadata must be kept alongside ours"


def test_a_file_without_attrs_reads_with_empty_attrs(tmp_path: Path) -> None:
    pd.DataFrame({"a": [1]}).to_parquet(tmp_path / "plain.parquet")
    assert io.read_dataframe(tmp_path / "plain.parquet").attrs == {}


def test_an_index_categories_and_times_survive_a_parquet_round_trip(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "kind": pd.Categorical(["u", "v", "u"]),
            "at": pd.date_range("2024-01-01", periods=3, tz="UTC"),
            "value": [1.5, None, 2.5],
        },
        index=pd.MultiIndex.from_tuples([(1, "a"), (1, "b"), (2, "a")], names=["k", "l"]),
    )
    back = io.read_value("dataframe", io.write_value("dataframe", frame, tmp_path, "data"))
    pd.testing.assert_frame_equal(back, frame)


def test_a_folder_of_parquet_files_reads_as_one_frame(tmp_path: Path) -> None:
    folder = tmp_path / "parts"
    folder.mkdir()
    pd.DataFrame({"a": [1, 2]}).to_parquet(folder / "part-0.parquet", index=False)
    pd.DataFrame({"a": [3]}).to_parquet(folder / "part-1.parquet", index=False)
    back = io.read_dataframe(folder)
    assert sorted(back["a"]) == [1, 2, 3]


def test_column_names_become_strings_without_touching_the_frame(tmp_path: Path) -> None:
    frame = pd.DataFrame(np.arange(6).reshape(3, 2))
    back = io.read_value("dataframe", io.write_value("dataframe", frame, tmp_path, "grid"))
    assert list(back.columns) == ["0", "1"]
    assert list(frame.columns) == [0, 1]


def test_columns_that_collide_as_strings_are_refused(tmp_path: Path) -> None:
    frame = pd.DataFrame([[1, 2]], columns=[1, "1"])
    with pytest.raises(ValueError, match="duplicate column names: 1"):
        io.write_value("dataframe", frame, tmp_path, "data")


def test_only_dataframes_go_to_a_dataframe_port(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="output 'data' must be a pandas DataFrame, not list"):
        io.write_value("dataframe", [1, 2], tmp_path, "data")


def test_attrs_that_are_not_json_are_named(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1]})
    frame.attrs["handle"] = object()
    with pytest.raises(TypeError, match=r"data.attrs\['handle'\] is a object"):
        io.write_value("dataframe", frame, tmp_path, "data")


def test_model_round_trips_through_pickle(tmp_path: Path) -> None:
    model = TrainedModel(
        estimator={"weights": [1, 2]}, label_column="y", feature_columns=["a"], task="regression"
    )
    path = io.write_value("model", model, tmp_path, "model")
    assert path.name == "model.pkl"
    assert io.read_value("model", path) == model


def test_json_is_strict(tmp_path: Path) -> None:
    path = io.write_value(
        "json", {"r2": np.float64(0.5), "auc": float("nan"), "n": np.int32(4)}, tmp_path, "metrics"
    )
    assert path.name == "metrics.json"
    assert io.read_value("json", path) == {"r2": 0.5, "auc": None, "n": 4}


def test_file_outputs(tmp_path: Path) -> None:
    source = tmp_path / "report.csv"
    source.write_text("a,b\n1,2\n")
    out = tmp_path / "out"
    copied = io.write_value("file", source, out, "table")
    assert copied == out / "table.csv" and copied.read_text() == "a,b\n1,2\n"
    assert io.write_value("file", b"\x00\x01", out, "blob").read_bytes() == b"\x00\x01"
    assert io.write_value("file", "some text", out, "note").name == "note.txt"
    assert io.read_value("file", copied) == copied


def test_folder_outputs_are_copied(tmp_path: Path) -> None:
    source = tmp_path / "images"
    (source / "nested").mkdir(parents=True)
    (source / "nested" / "one.txt").write_text("1")
    target = io.write_value("folder", source, tmp_path / "out", "images")
    assert target == tmp_path / "out" / "images"
    assert (target / "nested" / "one.txt").read_text() == "1"
    with pytest.raises(TypeError, match="must be the Path of a directory"):
        io.write_value("folder", "images", tmp_path / "out", "other")


def test_unknown_port_type(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown port type 'table'"):
        io.read_value("table", tmp_path / "x")


def test_only_columns_that_repeat_values_are_dictionary_encoded(tmp_path: Path) -> None:
    rows = 2_000
    frame = pd.DataFrame(
        {
            "x": np.linspace(0.0, 1.0, rows),
            "n": np.arange(rows),
            "label": ["a", "b"] * (rows // 2),
            "kind": pd.Categorical(["u", "v"] * (rows // 2)),
        }
    )
    path = io.write_value("dataframe", frame, tmp_path, "data")
    group = pq.ParquetFile(path).metadata.row_group(0)
    encodings = {
        group.column(i).path_in_schema: set(group.column(i).encodings)
        for i in range(group.num_columns)
    }
    dictionary = {"PLAIN_DICTIONARY", "RLE_DICTIONARY"}
    assert not encodings["x"] & dictionary
    assert not encodings["n"] & dictionary
    assert encodings["label"] & dictionary
    assert encodings["kind"] & dictionary
    back = io.read_value("dataframe", path)
    pd.testing.assert_frame_equal(back, frame)
