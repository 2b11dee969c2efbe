"""The component folders a local run can use, found by `name@version`.

By default the library is a Pipewright checkout's `components/` (found from the working
directory upwards, or beside this package when it is installed from the checkout), or the
folder in `$PIPEWRIGHT_COMPONENTS`. Built-in components import `designer.runtime` (metrics,
the trained-model type), the small plain-Python part of the server that runs inside every step;
when the library sits in a checkout, that checkout is made importable for them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

from pipewright.errors import PipewrightError

ENVIRONMENT_VARIABLE = "PIPEWRIGHT_COMPONENTS"


def default_components_dir() -> Path | None:
    explicit = os.environ.get(ENVIRONMENT_VARIABLE)
    if explicit:
        return Path(explicit)
    here = Path(__file__).resolve()
    for start in (Path.cwd(), here.parent):
        for folder in (start, *start.parents):
            candidate = folder / "components"
            if candidate.is_dir() and (folder / "designer" / "runtime").is_dir():
                return candidate
    return None


def runtime_sources(components_dir: Path | None) -> list[Path]:
    """The server's runtime code beside a checkout's components (part of the environment)."""
    if components_dir is None:
        return []
    runtime = components_dir.resolve().parent / "designer" / "runtime"
    return [runtime] if (runtime / "__init__.py").is_file() else []


def make_runtime_importable(components_dir: Path | None) -> None:
    """Let built-in components `import designer.runtime` from the checkout they came from."""
    sources = runtime_sources(components_dir)
    if not sources:
        return
    root = str(sources[0].parent.parent)
    if root not in sys.path:
        sys.path.append(root)


class Library:
    """`name@version` -> component folder, read once from a components directory."""

    def __init__(self, components_dir: Path | None) -> None:
        self.root = components_dir
        self._folders: dict[str, Path] | None = None

    def find(self, ref: str) -> Path:
        folder = self.folders().get(ref)
        if folder is None:
            where = self.root or f"no components folder (set {ENVIRONMENT_VARIABLE})"
            raise PipewrightError(f"component {ref} is not in {where}")
        return folder

    def folders(self) -> dict[str, Path]:
        if self._folders is None:
            self._folders = _index(self.root) if self.root else {}
        return self._folders


def _index(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for spec_file in sorted(root.rglob("component.yaml")):
        try:
            spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue  # a broken folder is the registry's to report; it is just not usable here
        if isinstance(spec, dict) and spec.get("name") and spec.get("version"):
            found.setdefault(f"{spec['name']}@{spec['version']}", spec_file.parent)
    return found
