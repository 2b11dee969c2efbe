"""Take in a model file uploaded from outside, without unpickling it in this process.

A pickle runs code when it is loaded. The file is written to a private folder and described
by `designer.models.probe` in a child process that sees only the step environment (none of the
server's secrets), under a memory cap and a timeout. With isolation on it runs behind a step's
wall (`designer.execution.isolation.walled_command`): as the step user, with no network,
seeing Python, the runtime, the probe's code, the file and its own folder only.
A file that does not load, or loads to something with no `predict`, is refused and leaves
nothing behind.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from rest_framework import status

from designer.errors import DomainError, InvalidInput
from designer.execution.isolation import walled_command
from designer.runtime.environment import step_environment

PROBE_TIMEOUT = 120
# Room for the interpreter and scikit-learn, plus a multiple of the file for what it unpacks to.
PROBE_BASE_MB = 1024
SUFFIXES = (".pkl", ".pickle")


class TooLarge(DomainError):
    code = "too_large"
    status = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE


def check_upload(upload) -> None:
    """Refuse a file of the wrong kind or size before reading any of it."""
    limit = settings.DESIGNER_MODEL_MAX_BYTES
    if upload.size > limit:
        raise TooLarge(
            f"The model file is {upload.size / 2**20:.1f} MiB; the limit is "
            f"{limit / 2**20:.0f} MiB (DESIGNER_MODEL_MAX_BYTES)."
        )
    if not str(upload.name).lower().endswith(SUFFIXES):
        raise InvalidInput(
            "Upload a pickled model: a .pkl or .pickle file written by Pipewright's Train "
            "Model or by pickle.dump of a fitted estimator.",
            code="bad_file",
        )


def save_upload(upload, folder: Path) -> Path:
    path = folder / "model.pkl"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def probe(path: Path) -> dict[str, Any]:
    """The summary of the pickled model at `path`, learned in a child process."""
    with tempfile.TemporaryDirectory(prefix="model-probe-") as work:
        work_dir = Path(work)
        answer = work_dir / "answer.json"
        memory_mb = PROBE_BASE_MB + 4 * (path.stat().st_size // 2**20)
        env = _child_environment(work_dir)
        path.chmod(0o644)  # for the step user; its folder stays private to the server
        command = walled_command(
            "designer.models.probe",
            [str(path), str(answer), str(memory_mb)],
            work_dir,
            read_only=[str(path), *_probe_code()],
            network=False,
        )
        try:
            subprocess.run(
                command,
                cwd=work_dir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=PROBE_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise InvalidInput(
                f"Loading the model took longer than {PROBE_TIMEOUT} s; it was refused.",
                code="bad_model",
            ) from exc
        found = json.loads(answer.read_text()) if answer.is_file() else {}
    return _accepted(found)


def _child_environment(work_dir: Path) -> dict[str, str]:
    env = step_environment(os.environ, work_dir)
    (work_dir / "tmp").mkdir(exist_ok=True)
    # This checkout's `designer.runtime` first, whatever the interpreter would find.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(settings.BASE_DIR), env.get("PYTHONPATH", "")) if p
    )
    return env


def _probe_code() -> list[str]:
    """What the probe imports beyond the runtime: its own module and its package's."""
    package = Path(settings.BASE_DIR) / "designer" / "models"
    return [str(package / "__init__.py"), str(package / "probe.py")]


def _accepted(found: dict[str, Any]) -> dict[str, Any]:
    if "summary" not in found:
        reason = found.get("error") or "the process that loads it stopped (too big, or it crashed)"
        raise InvalidInput(f"The file is not a model that loads: {reason}", code="bad_model")
    if not found.get("predicts"):
        kind = found["summary"].get("class") or "object"
        raise InvalidInput(
            f"The file holds a {kind}, which has no predict(); upload a fitted model.",
            code="not_a_model",
        )
    return found["summary"]
