"""A registered model leaves as an MLflow model directory that MLflow itself loads and that
predicts what Score Model predicted, in a Python process where Pipewright cannot be imported."""

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from designer.artifacts.models import Artifact
from designer.artifacts.stores import get_store
from designer.runs.models import NodeRun
from tests.models.factories import fitted_model, registered_version, trained_run

pytestmark = pytest.mark.django_db

# Runs in the separate process. A finder placed first refuses every `designer` import, so the
# model can only load if its directory brings all it needs (the editable install of this
# checkout would otherwise answer `import designer`).
LOAD_AND_PREDICT = """
import importlib.abc, json, sys

class NoPipewright(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "designer" or name.startswith("designer."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoPipewright())
try:
    import designer
except ModuleNotFoundError:
    importable = False
else:
    importable = True

import mlflow.pyfunc
import pandas as pd

model_dir, data_path, answer_path = sys.argv[1:4]
model = mlflow.pyfunc.load_model(model_dir)
predictions = model.predict(pd.read_parquet(data_path))
json.dump(
    {
        "designer_importable": importable,
        "designer_loaded": sorted(m for m in sys.modules if m.split(".")[0] == "designer"),
        "predictions": [float(p) for p in predictions],
    },
    open(answer_path, "w"),
)
"""


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


@pytest.fixture
def registered(api, builtins):
    """The sample pipeline run for real, and its trained model registered as `diabetes` v1."""
    run = trained_run()
    body = {"name": "diabetes", "run": run.pk, "node": "train", "port": "model"}
    response = api.post("/api/models/", body, format="json")
    assert response.status_code == 201, response.content
    return run


def unzip_download(api, target: Path) -> Path:
    response = api.get("/api/models/diabetes/versions/1/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="diabetes-v1.zip"')
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(target)
    return target / "diabetes-v1"


def scored_frame(run) -> pd.DataFrame:
    """What Score Model wrote: the test rows with their scored_label."""
    score = NodeRun.objects.get(run=run, node_id="score")
    artifact = Artifact.objects.get(pk=score.outputs["scored"])
    with get_store().open(artifact.uri) as stream:
        return pd.read_parquet(stream)


def predict_elsewhere(model_dir: Path, data: pd.DataFrame, folder: Path) -> dict:
    """Load the model with mlflow.pyfunc in a fresh interpreter: isolated mode (no PYTHONPATH,
    no user site), a working directory outside the repository, a minimal environment."""
    folder.mkdir()
    data_path, answer = folder / "input.parquet", folder / "answer.json"
    data.to_parquet(data_path)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder)}
    command = [sys.executable, "-I", "-c", LOAD_AND_PREDICT, str(model_dir), str(data_path)]
    finished = subprocess.run(
        [*command, str(answer)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(answer.read_text())


def test_the_download_loads_in_mlflow_without_pipewright_and_predicts_as_score_model(
    api, registered, tmp_path
):
    model_dir = unzip_download(api, tmp_path / "unzipped")
    scored = scored_frame(registered)
    rows = scored.drop(columns=["scored_label"])  # features, in another order, plus the label

    answer = predict_elsewhere(model_dir, rows[list(reversed(rows.columns))], tmp_path / "away")

    assert answer["designer_importable"] is False
    assert answer["designer_loaded"] == []
    assert len(answer["predictions"]) == len(scored)
    assert np.allclose(answer["predictions"], scored["scored_label"].to_numpy(), rtol=0, atol=1e-9)


def test_mlflow_reads_the_mlmodel_signature_and_environment(api, registered, tmp_path):
    from mlflow.models import Model

    model_dir = unzip_download(api, tmp_path / "unzipped")
    model = Model.load(str(model_dir))

    flavor = model.flavors["python_function"]
    assert flavor["loader_module"] == "pipewright_pyfunc" and flavor["data"] == "model.pkl"
    assert (model_dir / flavor["code"] / "pipewright_pyfunc.py").is_file()
    version = api.get("/api/models/diabetes/versions/1/").json()
    assert model.signature.inputs.input_names() == [c["name"] for c in version["input_schema"]]
    assert "target" not in model.signature.inputs.input_names()
    assert {c.type.name for c in model.signature.inputs.inputs} == {"double"}
    assert model.metadata["pipewright"]["run"] == registered.pk
    assert (model_dir / "model.pkl").read_bytes() == stored_bytes(version["artifact"])
    pins = (model_dir / "requirements.txt").read_text().split()
    assert {pin.split("==")[0] for pin in pins} == {
        "scikit-learn",
        "pandas",
        "numpy",
        "cloudpickle",
    }
    python_env = yaml.safe_load((model_dir / "python_env.yaml").read_text())
    assert python_env["dependencies"] == ["-r requirements.txt"]


def stored_bytes(artifact_id: int) -> bytes:
    with get_store().open(Artifact.objects.get(pk=artifact_id).uri) as stream:
        return stream.read()


def test_a_model_from_outside_exports_without_a_guessed_signature(api, builtins, tmp_path):
    from mlflow.models import Model

    registered_version("diabetes", tmp_path / "models")
    model_dir = unzip_download(api, tmp_path / "unzipped")
    assert Model.load(str(model_dir)).signature is None, "its column types are not known"

    trained, frame = fitted_model()
    answer = predict_elsewhere(model_dir, frame, tmp_path / "away")
    expected = trained.estimator.predict(frame[trained.feature_columns])
    assert np.allclose(answer["predictions"], expected, rtol=0, atol=1e-9)
