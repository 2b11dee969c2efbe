"""What a component's virtualenv is made of, and the digest that names it.

A recipe is the component's requirement lines (inline, or read from the requirements file in
its folder), the Python version, the platform, and what the step runtime itself needs: numpy,
pandas, pyarrow and PyYAML at the versions the server runs (so data crosses between
environments unchanged), and scikit-learn and SciPy held to the server's versions when a
requirement pulls them in. A component that names one of these packages itself decides its
version instead. Equal recipes give equal digests, so one build serves every component and
step that asks for the same content; the digest is also the environment part of their cache
keys. No Django here, and nothing is built: `virtualenv_build` does that.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from designer.kernel.spec_environment import (
    EnvironmentSpec,
    canonical_name,
    parse_requirements_text,
    requirement_name,
)

# Bump when the way an environment is built changes, so every environment is built anew.
RECIPE_VERSION = 1
# Installed in every environment: the step runtime imports them.
RUNTIME_PACKAGES = ("numpy", "pandas", "pyarrow", "pyyaml")
# Held to the server's versions when something needs them, so models pickled here load there.
MATCHED_PACKAGES = ("scikit-learn", "scipy")
MAX_REQUIREMENTS_FILE = 256 * 1024


class EnvironmentInvalid(ValueError):
    """A component's environment cannot be read: a missing or malformed requirements file."""


@dataclass(frozen=True)
class Recipe:
    """Everything that decides what a built environment holds."""

    # What the virtualenv is created from: the server's interpreter, or a version like "3.13".
    python: str
    # The full version for the server's own interpreter, else the version asked for.
    python_version: str
    requirements: tuple[str, ...]
    pins: tuple[str, ...]
    constraints: tuple[str, ...]
    platform: str

    @property
    def digest(self) -> str:
        content = {
            "recipe": RECIPE_VERSION,
            "python": self.python_version,
            "requirements": sorted(self.requirements),
            "pins": list(self.pins),
            "constraints": list(self.constraints),
            "platform": self.platform,
        }
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:20]

    def describe(self) -> str:
        """Short words for a log line: `python 3.12.1 with toolz>=1.0, more-itertools`."""
        packages = ", ".join(line.split(" --hash=")[0] for line in self.requirements) or "nothing"
        return f"python {self.python_version} with {packages}"


def recipe_for(environment: EnvironmentSpec, component_dir: Path) -> Recipe:
    """The recipe of a component's environment; EnvironmentInvalid for an unreadable file."""
    requirements = read_requirements(environment, component_dir)
    named = {requirement_name(line) for line in requirements}
    versions = server_versions()
    python, python_version = _interpreter(environment.python)
    return Recipe(
        python=python,
        python_version=python_version,
        requirements=requirements,
        pins=tuple(
            f"{name}=={versions[name]}"
            for name in RUNTIME_PACKAGES
            if name not in named and name in versions
        ),
        constraints=tuple(
            f"{name}=={versions[name]}"
            for name in MATCHED_PACKAGES
            if name not in named and name in versions
        ),
        platform=f"{sys.platform}-{platform.machine()}",
    )


def read_requirements(environment: EnvironmentSpec, component_dir: Path) -> tuple[str, ...]:
    """The normalized requirement lines, from the spec or from the file it names."""
    if environment.requirements_file is None:
        return environment.requirements
    name = environment.requirements_file
    path = (component_dir / name).resolve()
    if not path.is_relative_to(component_dir.resolve()) or not path.is_file():
        raise EnvironmentInvalid(f"requirements file '{name}' is not in the component folder")
    if path.stat().st_size > MAX_REQUIREMENTS_FILE:
        raise EnvironmentInvalid(f"requirements file '{name}' is larger than 256 KiB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EnvironmentInvalid(f"requirements file '{name}' is not UTF-8 text") from exc
    lines, problems = parse_requirements_text(text)
    if problems:
        raise EnvironmentInvalid(f"requirements file '{name}': " + "; ".join(problems))
    return tuple(lines)


@cache
def server_versions() -> dict[str, str]:
    """The versions of the runtime's packages in this (the server's) interpreter."""
    found = {}
    for name in (*RUNTIME_PACKAGES, *MATCHED_PACKAGES):
        try:
            found[canonical_name(name)] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def _interpreter(asked: str | None) -> tuple[str, str]:
    """(what to create the virtualenv from, the version recorded in the digest)."""
    own = f"{sys.version_info.major}.{sys.version_info.minor}"
    if asked is None or asked == own:
        # The server's own interpreter: no download, and the runtime is known to work on it.
        return sys.executable, platform.python_version()
    return asked, asked
