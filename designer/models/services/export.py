"""A model version as an MLflow model directory, zipped: what `…/download/` sends.

The directory holds the stored pickle unchanged (`model.pkl`), a `python_function` flavor
whose loader is shipped alongside (`code/pipewright_pyfunc.py`), the environment files MLflow
reads (`requirements.txt`, `python_env.yaml`, `conda.yaml`) and a signature built from the
version's input schema. It is assembled from bytes and JSON only: the web process never
unpickles a model. `mlflow.pyfunc.load_model` reads it where Pipewright is not installed.
"""

import json
import platform
import shutil
import tempfile
import uuid
import zipfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import IO, Any

import yaml

from designer.artifacts.stores import get_store
from designer.errors import NotFound

from ..models import ModelVersion
from .registry import get_version

LOADER = Path(__file__).resolve().parent.parent / "pipewright_pyfunc.py"
LOADER_MODULE = LOADER.stem
DATA_FILE = "model.pkl"
CHUNK = 1024 * 1024
# What loading and predicting needs; the versions are the ones this installation runs.
REQUIREMENTS = ("scikit-learn", "pandas", "numpy", "cloudpickle")
# Parquet (Arrow) dtypes as MLflow column types.
MLFLOW_TYPES = {
    "double": "double",
    "float": "float",
    "halffloat": "float",
    "int64": "long",
    "uint32": "long",
    "int32": "integer",
    "int16": "integer",
    "int8": "integer",
    "uint16": "integer",
    "uint8": "integer",
    "bool": "boolean",
    "string": "string",
    "large_string": "string",
    "binary": "binary",
    "large_binary": "binary",
}


def export_version(actor, name: str, number: int) -> tuple[IO[bytes], str]:
    """A zip of the version's MLflow model directory, and a file name for it."""
    version = get_version(actor, name, number)
    folder = f"{name}-v{version.number}"
    with _stored_model(version) as stream:
        archive = tempfile.TemporaryFile()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            zipped.writestr(f"{folder}/MLmodel", mlmodel(version))
            zipped.writestr(f"{folder}/code/{LOADER.name}", LOADER.read_bytes())
            for file_name, text in environment_files().items():
                zipped.writestr(f"{folder}/{file_name}", text)
            with zipped.open(f"{folder}/{DATA_FILE}", "w", force_zip64=True) as out:
                shutil.copyfileobj(stream, out, CHUNK)
    archive.seek(0)
    return archive, f"{folder}.zip"


def _stored_model(version: ModelVersion) -> IO[bytes]:
    try:
        return get_store().open(version.artifact.uri)
    except FileNotFoundError as exc:
        raise NotFound(
            f"The stored model of {version.model.name} v{version.number} is no longer in the "
            "artifact store."
        ) from exc


def mlmodel(version: ModelVersion) -> str:
    """The MLmodel file: the keys `mlflow.models.Model.load` and `mlflow.pyfunc` read."""
    document: dict[str, Any] = {
        "flavors": {
            "python_function": {
                "loader_module": LOADER_MODULE,
                "code": "code",
                "data": DATA_FILE,
                "env": {"conda": "conda.yaml", "virtualenv": "python_env.yaml"},
                "python_version": platform.python_version(),
            }
        },
        "model_uuid": uuid.uuid4().hex,
        "utc_time_created": datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" "),
        "model_size_bytes": version.artifact.size,
        "metadata": {"pipewright": _provenance(version)},
    }
    mlflow_version = _installed("mlflow") or _installed("mlflow-skinny")
    if mlflow_version:
        document["mlflow_version"] = mlflow_version
    signature = signature_of(version)
    if signature is not None:
        document["signature"] = signature
    return yaml.safe_dump(document, default_flow_style=False, sort_keys=True)


def signature_of(version: ModelVersion) -> dict[str, Any] | None:
    """The MLflow signature of the input columns (and the prediction), when every dtype is known.

    A wrong type would make MLflow refuse good input, so a column of unknown type leaves the
    model without a signature rather than with a guess."""
    columns = [(c["name"], MLFLOW_TYPES.get(c.get("dtype") or "")) for c in version.input_schema]
    if not columns or any(kind is None for _, kind in columns):
        return None
    inputs = [{"type": kind, "name": name, "required": True} for name, kind in columns]
    output = _output_type(version)
    return {
        "inputs": json.dumps(inputs),
        "outputs": json.dumps([{"type": output, "required": True}]) if output else None,
        "params": None,
    }


def _output_type(version: ModelVersion) -> str | None:
    if version.task == "regression":
        return "double"
    if version.task == "classification":
        return MLFLOW_TYPES.get(version.label_dtype)
    return None


def _provenance(version: ModelVersion) -> dict[str, Any]:
    return {
        "name": version.model.name,
        "version": version.number,
        "digest": version.artifact.digest,
        "source": version.source,
        "run": version.run_id,
        "node": version.node_id or None,
        "datasets": version.datasets,
        "metrics": version.metrics,
    }


def environment_files() -> dict[str, str]:
    """requirements.txt, python_env.yaml and conda.yaml pinned to this installation."""
    pins = [f"{name}=={found}" for name in REQUIREMENTS if (found := _installed(name))]
    python = platform.python_version()
    tools = {name: _installed(name) for name in ("pip", "setuptools", "wheel")}
    python_env = {
        "python": python,
        "build_dependencies": [f"{n}=={v}" if v else n for n, v in tools.items()],
        "dependencies": ["-r requirements.txt"],
    }
    conda = {
        "name": "mlflow-env",
        "channels": ["conda-forge"],
        "dependencies": [f"python={python}", "pip", {"pip": pins}],
    }
    return {
        "requirements.txt": "".join(f"{pin}\n" for pin in pins),
        "python_env.yaml": yaml.safe_dump(python_env, sort_keys=False),
        "conda.yaml": yaml.safe_dump(conda, sort_keys=False),
    }


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
