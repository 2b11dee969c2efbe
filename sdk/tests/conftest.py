"""Fixtures of the SDK's own tests. They need no server and no Django: they run in the
repository's test suite and alone in a fresh virtualenv with only the SDK installed."""

from __future__ import annotations

import os
import runpy
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def define(tmp_path):
    """Run Python source as a module file (so its functions have source) and return its names."""
    counter = iter(range(1_000_000))

    def run(source: str) -> dict:
        path = tmp_path / f"defined_{next(counter)}.py"
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return runpy.run_path(str(path), run_name=path.stem)

    return run


@pytest.fixture
def components_dir() -> Path:
    folder = REPO / "components"
    if not (folder.is_dir() and (REPO / "designer" / "runtime").is_dir()):
        pytest.skip("needs a Pipewright checkout's components/")
    return folder


@pytest.fixture
def child_env() -> dict[str, str]:
    """The environment for a child Python that must import this same `pipewright`."""
    import pipewright

    here = str(Path(pipewright.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([here, os.environ.get("PYTHONPATH", "")])}
