"""A walled step's process comes from the lightest zygote that has what its component needs
(`launcher.preload_for`): one whose code imports only the standard library starts without
pandas, one that imports pandas without scikit-learn, and the rest with everything. Each step
here reports which of those its process holds before its own code is imported; where steps are
not walled in, every one is a child of the fork server, which holds everything."""

import textwrap
from pathlib import Path

import pytest

from designer.accounts.acting import SYSTEM
from designer.execution import isolation, launcher, lifecycle, step
from designer.registry.services import register_folder
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, RunEvent
from designer.runtime.component_code import imported_modules
from tests.runs.factories import submitted

# Runs when the step's process loads the component's code: before the component's own
# imports, which follow it.
REPORT = """\
import sys

HELD = [m for m in ("pandas", "sklearn", "sklearn.datasets") if m in sys.modules]
print("held", ",".join(HELD) or "-", flush=True)
"""


def component(tmp_path: Path, name: str, imports: str, output: str = "json") -> str:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "component.yaml").write_text(
        textwrap.dedent(f"""\
            name: {name}
            version: 1.0.0
            category: Tests
            description: Says which heavy modules its process held.
            outputs:
              data: {{type: {output}}}
            python: main.py:run
            """)
    )
    body = "    return pandas.DataFrame({'n': [1]})" if output == "dataframe" else "    return {}"
    (folder / "main.py").write_text(f"{REPORT}{imports}\n\n\ndef run():\n{body}\n")
    register_folder(SYSTEM, folder)
    return f"{name}@1.0.0"


def held_by_a_step_of(ref: str) -> list[str]:
    run = submitted({"nodes": [{"id": "probe", "component": ref}], "edges": []}, ref)
    node_run = lifecycle.claim_node_run(NodeRun.objects.get(run=run).pk, "test")
    assert node_run is not None
    step.execute(node_run)
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    lines = [
        payload["line"]
        for payload in RunEvent.objects.filter(run=run, type="log").values_list(
            "payload", flat=True
        )
        if payload["line"].startswith("held ")
    ]
    assert len(lines) == 1, lines
    held = lines[0].split()[1]
    return [] if held == "-" else held.split(",")


@pytest.mark.django_db(transaction=True)
def test_a_step_starts_with_what_its_component_imports_and_no_more(builtins, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    plain = component(tmp_path, "plain_probe", "import json")
    frames = component(tmp_path, "frames_probe", "import pandas", output="dataframe")
    learners = component(tmp_path, "learners_probe", "import sklearn.base")

    everything = ["pandas", "sklearn", "sklearn.datasets"]
    if isolation.mode().isolated:
        assert held_by_a_step_of(plain) == []
        assert held_by_a_step_of(frames) == ["pandas"]
    else:  # children of the fork server
        assert held_by_a_step_of(plain) == everything
        assert held_by_a_step_of(frames) == everything
    assert held_by_a_step_of(learners) == everything


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_imported_modules_are_the_top_level_names_but_the_folders_own(tmp_path):
    folder = write(
        tmp_path,
        {
            "main.py": "import os.path\nimport helper\nfrom pandas import DataFrame\n"
            "from . import sibling\nfrom tools.shape import x\n",
            "helper.py": "import json, numpy as np\n",
            "tools/shape.py": "def f():\n    import pyarrow.parquet\n",
        },
    )
    assert imported_modules(folder) == {"os", "pandas", "json", "numpy", "pyarrow"}


def test_from_an_entry_point_only_what_it_imports_counts_not_the_folders_tests(tmp_path):
    folder = write(
        tmp_path,
        {
            "main.py": "import helper\nimport tools.shape\n",
            "helper.py": "import pandas\n",
            "tools/__init__.py": "",
            "tools/shape.py": "import numpy\n",
            "test_main.py": "import pytest\nfrom designer.runtime.testing import run_component\n",
            "unused.py": "import sklearn\n",
        },
    )
    assert imported_modules(folder, "main.py") == {"pandas", "numpy"}
    assert imported_modules(folder) == {"pandas", "numpy", "pytest", "designer", "sklearn"}


def test_the_built_in_data_components_come_from_the_dataframe_zygote_and_a_script_from_the_full():
    components = Path(__file__).resolve().parents[2] / "components"
    split = components / "data_transformation" / "split_data"
    script = components / "python_language" / "execute_python_script"
    ports = ["dataframe"]
    assert launcher.preload_for(imported_modules(split, "split_data.py"), ports) == "dataframes"
    # Runs the user's script (`compile`): which may import anything.
    assert imported_modules(script, "execute_python_script.py") is None


@pytest.mark.parametrize(
    "code",
    [
        "def broken(:\n",
        "import importlib\nmod = importlib.import_module('sklearn')\n",
        "mod = __import__('sklearn')\n",
        "exec(open('other.py').read())\n",
        "code = compile(text, '<script>', 'exec')\n",
    ],
)
def test_imports_that_cannot_be_told_from_the_text_are_unknown(tmp_path, code):
    assert imported_modules(write(tmp_path, {"main.py": code})) is None


@pytest.mark.parametrize(
    ("imports", "ports", "kind"),
    [
        ({"json", "os"}, ["json"], launcher.PYTHON),
        (set(), ["file", "folder"], launcher.PYTHON),
        (set(), ["dataframe", "json"], launcher.DATAFRAMES),
        ({"numpy", "pandas", "pyarrow", "math"}, ["json"], launcher.DATAFRAMES),
        ({"pandas"}, ["dataframe", "model"], launcher.FULL),
        ({"pandas", "sklearn"}, ["dataframe"], launcher.FULL),
        ({"designer"}, [], launcher.FULL),
        ({"requests"}, ["json"], launcher.FULL),
        (None, ["json"], launcher.FULL),
    ],
)
def test_the_kind_of_zygote_follows_imports_and_port_types(imports, ports, kind):
    found = None if imports is None else frozenset(imports)
    assert launcher.preload_for(found, ports) == kind
