"""The built-in library: broad enough, and every component documented and tested."""

from pathlib import Path

import pytest

from designer.kernel import load_spec_text

ROOT = Path(__file__).resolve().parents[2] / "components"
FOLDERS = sorted(p.parent for p in ROOT.rglob("component.yaml"))


def test_at_least_seventy_components_across_the_categories():
    names = {load_spec_text(f.joinpath("component.yaml").read_text()).name for f in FOLDERS}
    categories = {
        load_spec_text(f.joinpath("component.yaml").read_text()).category for f in FOLDERS
    }
    assert len(names) >= 70
    assert {
        "Data Input and Output",
        "Data Transformation",
        "Machine Learning",
        "Model Training",
        "Model Scoring and Evaluation",
        "Python Language",
        "Text Analytics",
        "Anomaly Detection",
        "Recommendation",
    } <= categories


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.relative_to(ROOT).as_posix())
def test_component_is_documented_and_tested(folder: Path):
    spec = load_spec_text((folder / "component.yaml").read_text(), str(folder))
    assert spec.description.strip(), "a description"
    for param in spec.parameters:
        assert param.description.strip(), f"parameter {param.name} needs a description"
    assert (folder / "README.md").is_file(), "a README"
    assert list(folder.glob("test_*.py")), "a test on real data next to it"
    assert all(p.type for p in (*spec.inputs, *spec.outputs))
