"""Data roots: what task.json grants, how paths resolve, and what escapes are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from designer.runtime import data_roots, resolve_data_path
from designer.runtime.data_access import active_data_roots
from designer.runtime.testing import run_component
from tests.runtime.runtime_helpers import make_component, read_events, run_executor, write_task


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "data", tmp_path / "exports"
    first.mkdir()
    second.mkdir()
    (first / "table.csv").write_text("a\n1\n", encoding="utf-8")
    return first.resolve(), second.resolve()


def test_no_roots_outside_a_task() -> None:
    assert data_roots() == []
    with pytest.raises(PermissionError, match="no folders to read or write"):
        resolve_data_path("/etc/passwd")


def test_roots_are_set_for_the_block_and_restored(roots) -> None:
    with active_data_roots([str(root) for root in roots]):
        assert data_roots() == list(roots)
        with active_data_roots([]):
            assert data_roots() == []
        assert data_roots() == list(roots)
    assert data_roots() == []


def test_paths_inside_any_root_resolve(roots) -> None:
    first, second = roots
    with active_data_roots(roots):
        assert resolve_data_path(str(first / "table.csv")) == first / "table.csv"
        assert resolve_data_path("table.csv") == first / "table.csv"
        assert resolve_data_path("sub/new.parquet") == first / "sub" / "new.parquet"
        assert resolve_data_path(second / "out.csv") == second / "out.csv"
        # `..` that stays inside a root is fine.
        assert resolve_data_path(f"{second}/../exports/x.csv") == second / "x.csv"


@pytest.mark.parametrize("given", ["/etc/passwd", "../outside.csv", "sub/../../outside.csv"])
def test_paths_outside_the_roots_are_refused(roots, given: str) -> None:
    first, second = roots
    with active_data_roots(roots), pytest.raises(PermissionError) as caught:
        resolve_data_path(given)
    assert str(caught.value).startswith(
        f"'{given}' is outside the folders this server may read: {first}, {second}"
    )


def test_a_symlink_leading_out_is_refused_and_one_staying_in_is_followed(roots, tmp_path) -> None:
    first, _ = roots
    secret = tmp_path / "secret.txt"
    secret.write_text("no", encoding="utf-8")
    os.symlink(secret, first / "innocent.csv")
    os.symlink(tmp_path, first / "up")
    os.symlink(first / "table.csv", first / "alias.csv")
    with active_data_roots(roots):
        with pytest.raises(PermissionError, match=f"it leads to {secret.resolve()}"):
            resolve_data_path("innocent.csv")
        with pytest.raises(PermissionError, match="is outside the folders"):
            resolve_data_path("up/secret.txt")
        assert resolve_data_path("alias.csv") == first / "table.csv"


def test_a_root_that_is_a_symlink_compares_by_its_real_folder(roots, tmp_path) -> None:
    first, _ = roots
    link = tmp_path / "link-to-data"
    os.symlink(first, link)
    with active_data_roots([link]):
        assert data_roots() == [first]
        assert resolve_data_path(link / "table.csv") == first / "table.csv"


def test_an_empty_path_is_refused(roots) -> None:
    with active_data_roots(roots), pytest.raises(ValueError, match="path is required"):
        resolve_data_path("  ")


READER_SPEC = """
name: reader
version: 1.0.0
display_name: Reader
category: Tests
description: Reads a text file through the data roots.
outputs:
  text: {type: json}
parameters:
  path: {type: string}
python: reader.py:run
"""
READER = """
from designer.runtime import data_roots, resolve_data_path

def run(path):
    return {"roots": [str(root) for root in data_roots()],
            "text": resolve_data_path(path).read_text()}
"""


def test_run_component_passes_data_roots(roots, tmp_path) -> None:
    reader = make_component(
        tmp_path, "reader", {"component.yaml": READER_SPEC, "reader.py": READER}
    )
    outputs, _ = run_component(reader, params={"path": "table.csv"}, data_roots=[roots[0]])
    assert outputs["text"] == {"roots": [str(roots[0])], "text": "a\n1\n"}
    with pytest.raises(PermissionError, match="no folders"):
        run_component(reader, params={"path": "table.csv"})


def test_the_executor_takes_data_roots_from_task_json(roots, tmp_path) -> None:
    reader = make_component(
        tmp_path, "reader", {"component.yaml": READER_SPEC, "reader.py": READER}
    )
    work = tmp_path / "work"
    common = {
        "component_dir": reader,
        "python": "reader.py:run",
        "outputs": {"text": {"type": "json"}},
    }
    task = write_task(
        work, **common, params={"path": "table.csv"}, data_roots=[str(root) for root in roots]
    )
    assert run_executor(task, cwd=tmp_path).returncode == 0
    assert read_events(work)[-1]["type"] == "result"
    refused = write_task(
        tmp_path / "refused", **common, params={"path": "/etc/passwd"}, data_roots=[str(roots[0])]
    )
    assert run_executor(refused, cwd=tmp_path).returncode == 1
    error = read_events(tmp_path / "refused")[-1]
    assert error["message"] == (
        f"PermissionError: '/etc/passwd' is outside the folders this server may read: {roots[0]}"
    )


def test_malformed_data_roots_in_task_json_are_an_error(tmp_path) -> None:
    task = write_task(
        tmp_path / "work", component_dir=tmp_path, python="x.py:run", data_roots="/data"
    )
    assert run_executor(task, cwd=tmp_path).returncode == 1
    assert "'data_roots' must be a list" in read_events(tmp_path / "work")[-1]["message"]
