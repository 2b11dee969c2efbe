"""The real Azure ML and Kubeflow files the import tests read, from shared/interop beside the repo.

The files are read where they are, never copied into the project. Without the folder the tests
fail (they do not skip): the folder is part of what the tests check. It is looked for beside the
repository and then beside each folder above it, then the same way from the checkout this one
was cloned from when that is a folder on this machine (a clone made in /tmp still finds it);
PIPEWRIGHT_INTEROP_DIR points elsewhere.
"""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def interop_dir() -> Path:
    folder = Path(os.environ.get("PIPEWRIGHT_INTEROP_DIR") or _beside_an_ancestor())
    if not folder.is_dir():
        pytest.fail(
            f"The interop files are missing: no folder {folder}. The import tests read real Azure "
            "ML and Kubeflow files from shared/interop beside the repository (or from "
            "PIPEWRIGHT_INTEROP_DIR)."
        )
    return folder


def _beside_an_ancestor() -> Path:
    """shared/interop next to the repository, or next to the nearest folder above it that has
    one (a checkout made inside a work folder of its own still finds it), else the same way
    from the checkout this one was cloned from."""
    return find_beside(REPO, _origin_of(REPO))


def find_beside(repo: Path, origin: Path | None) -> Path:
    for start in filter(None, (repo, origin)):
        for folder in start.parents:
            candidate = folder / "shared" / "interop"
            if candidate.is_dir():
                return candidate
    return repo.parent / "shared" / "interop"


def _origin_of(repo: Path) -> Path | None:
    """The folder `repo` was cloned from, when its origin is one on this machine."""
    try:
        url = subprocess.run(
            ["git", "-C", str(repo), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://"))
    return path.resolve() if url and path.is_absolute() and path.is_dir() else None


def yaml_files() -> list[str]:
    """Every YAML file of the interop folder, relative to it."""
    root = interop_dir()
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.suffix.lower() in (".yml", ".yaml")
    )


def upload(api, names: list[str], base: str = ""):
    """POST the interop files `names` to /api/imports/, with paths relative to folder `base`."""
    root = interop_dir()
    files, paths = [], []
    for name in names:
        path = root / name
        files.append(_named(path.read_bytes(), path.name))
        paths.append(Path(name).relative_to(base).as_posix() if base else path.name)
    return api.post("/api/imports/", {"file": files, "path": paths}, format="multipart")


def _named(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/x-yaml")
