"""Import Folder: a real folder inside the data roots is copied; anything else is refused."""

from pathlib import Path

import pytest

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "taxi" / "2026").mkdir(parents=True)
    (folder / "taxi" / "2026" / "jan.csv").write_text("fare\n12.5\n")
    (folder / "taxi" / "notes.txt").write_text("three files\n")
    return folder


def test_copies_the_folder_with_its_subfolders(root: Path) -> None:
    outputs, events = run_component(HERE, params={"path": "taxi"}, data_roots=[root])
    copy = outputs["data"]
    assert copy != root / "taxi"
    assert (copy / "2026" / "jan.csv").read_text() == "fare\n12.5\n"
    assert (copy / "notes.txt").read_text() == "three files\n"
    assert {"type": "metric", "name": "files", "value": 2.0, "step": None} in events


def test_refuses_a_file_and_a_folder_outside_the_roots(root: Path, tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="'taxi/notes.txt' is not a folder"):
        run_component(HERE, params={"path": "taxi/notes.txt"}, data_roots=[root])
    with pytest.raises(PermissionError, match="is outside the folders this server may read"):
        run_component(HERE, params={"path": str(tmp_path)}, data_roots=[root])
