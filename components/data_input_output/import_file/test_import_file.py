"""Import File: a real file inside the data roots is copied as it is; anything else is refused."""

from pathlib import Path

import pytest

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "fares.csv").write_bytes(b"fare\n12.5\n7\n")
    (folder / "sub").mkdir()
    return folder


def test_copies_the_file_keeping_its_ending(root: Path) -> None:
    outputs, events = run_component(HERE, params={"path": "fares.csv"}, data_roots=[root])
    copy = outputs["data"]
    assert copy.suffix == ".csv" and copy != root / "fares.csv"
    assert copy.read_bytes() == b"fare\n12.5\n7\n"
    assert {"type": "metric", "name": "bytes", "value": 12.0, "step": None} in events


def test_refuses_a_folder_and_a_file_outside_the_roots(root: Path, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="'sub' is not a file"):
        run_component(HERE, params={"path": "sub"}, data_roots=[root])
    (tmp_path / "secret.txt").write_text("no")
    with pytest.raises(PermissionError, match="is outside the folders this server may read"):
        run_component(HERE, params={"path": str(tmp_path / "secret.txt")}, data_roots=[root])
