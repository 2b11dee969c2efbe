"""The `environment` field of a component spec, and the rules for requirement lines.

A component that declares `environment: {python: "3.12", requirements: [toolz>=1.0]}` (or
`requirements: requirements.txt`, a file in its folder) runs in a virtualenv built for exactly
that content; one without it runs in the default environment. `preload: [xgboost]` names
modules the environment's zygote imports before it forks each step, so steps start with them
loaded; it changes how fast a step starts, not what it computes. This module reads and checks the
field and turns requirement text into normalized lines. It must not read files or build
anything: `designer.runtime.virtualenv_recipe` reads a requirements file and decides what is
installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from designer.kernel.params import show_value
from designer.kernel.spec_fields import Report

ENVIRONMENT_KEYS = ("python", "requirements", "preload")
MODULE = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
MAX_PRELOAD = 50
PYTHON_VERSION = re.compile(r"3\.(0|[1-9]\d?)")
MAX_REQUIREMENTS = 200
MAX_LINE = 500
# A requirement starts with a package name; installer options (-r, --index-url) and local
# paths (./pkg, /opt/pkg) would let a component reach past the package index.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
OPERATOR_SPACES = re.compile(r"\s*(===|==|!=|~=|<=|>=|<|>|,)\s*")
HASH_OPTION = re.compile(r"--hash=[a-z0-9]+:[A-Fa-f0-9]+")
REQUIREMENT_EXAMPLE = "a package name with an optional version, like toolz>=1.0"


@dataclass(frozen=True)
class EnvironmentSpec:
    """What a component's environment is made of, as written in its component.yaml."""

    # "3.12"-style; None means the server's own Python version.
    python: str | None = None
    requirements: tuple[str, ...] = ()
    # A file in the component's folder holding the requirements (pip's requirements format).
    requirements_file: str | None = None
    # Modules the environment's zygote imports before forking a step.
    preload: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.python is not None:
            data["python"] = self.python
        if self.requirements_file is not None:
            data["requirements"] = self.requirements_file
        else:
            data["requirements"] = list(self.requirements)
        if self.preload:
            data["preload"] = list(self.preload)
        return data


def read_environment(data: Mapping[Any, Any], report: Report) -> EnvironmentSpec | None:
    """The `environment:` mapping, checked; None when absent or unusable."""
    body = data.get("environment")
    if body is None:
        return None
    if not isinstance(body, Mapping):
        report(
            "environment",
            'environment must be a mapping like {python: "3.12", requirements: [toolz>=1.0]}, '
            f"got {show_value(body)}",
        )
        return None
    problems: list[str] = []

    def problem(field: str, message: str) -> None:
        problems.append(field)
        report(field, message)

    for key in body:
        if key not in ENVIRONMENT_KEYS:
            allowed = ", ".join(ENVIRONMENT_KEYS)
            problem(f"environment.{key}", f"unknown key '{key}'; allowed keys are {allowed}")
    if "python" not in body and "requirements" not in body:
        problem("environment", "an environment needs python, requirements or both")
    python = _read_python(body.get("python"), problem)
    requirements, requirements_file = _read_requirements(body.get("requirements"), problem)
    preload = _read_preload(body.get("preload"), problem)
    if problems:
        return None
    return EnvironmentSpec(python, requirements, requirements_file, preload)


def _read_python(value: object, problem: Report) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and PYTHON_VERSION.fullmatch(value.strip()):
        return value.strip()
    hint = "; quote it so YAML does not read a number" if isinstance(value, float) else ""
    problem(
        "environment.python",
        f'python must be a Python version like "3.12", got {show_value(value)}{hint}',
    )
    return None


def _read_requirements(value: object, problem: Report) -> tuple[tuple[str, ...], str | None]:
    field = "environment.requirements"
    if value is None:
        return (), None
    if isinstance(value, str):
        path = PurePosixPath(value.strip())
        if not value.strip() or path.is_absolute() or ".." in path.parts:
            problem(
                field,
                "requirements must be a list of packages or the path of a file inside the "
                f"component folder, like requirements.txt; got {show_value(value)}",
            )
            return (), None
        return (), str(path)
    if not isinstance(value, list):
        problem(
            field,
            "requirements must be a list like [toolz>=1.0] or a file name like requirements.txt; "
            f"got {show_value(value)}",
        )
        return (), None
    if len(value) > MAX_REQUIREMENTS:
        problem(field, f"at most {MAX_REQUIREMENTS} requirements, got {len(value)}")
        return (), None
    lines = []
    for index, item in enumerate(value):
        message = requirement_problem(item)
        if message is not None:
            problem(f"{field}[{index}]", message)
        else:
            lines.append(normalize_requirement(str(item)))
    return tuple(dict.fromkeys(lines)), None


def _read_preload(value: object, problem: Report) -> tuple[str, ...]:
    if value is None:
        return ()
    if (
        not isinstance(value, list)
        or len(value) > MAX_PRELOAD
        or not all(isinstance(name, str) and MODULE.fullmatch(name) for name in value)
    ):
        problem(
            "environment.preload",
            f"preload must be a list of at most {MAX_PRELOAD} module names like [xgboost]; "
            f"got {show_value(value)}",
        )
        return ()
    return tuple(dict.fromkeys(value))


def requirement_problem(item: object) -> str | None:
    """Why `item` is not a usable requirement line, or None when it is one."""
    if not isinstance(item, str) or not item.strip():
        return f"a requirement must be {REQUIREMENT_EXAMPLE}; got {show_value(item)}"
    text = item.strip()
    if "\n" in text or len(text) > MAX_LINE:
        return f"a requirement is one line of at most {MAX_LINE} characters"
    if NAME.match(text) is None:
        return (
            f"'{text}' is not a package requirement: write {REQUIREMENT_EXAMPLE} "
            "(installer options and local paths are not allowed)"
        )
    return None


def normalize_requirement(line: str) -> str:
    """One spelling per requirement: no spaces around version operators, single spaces
    elsewhere, and the package name in canonical form."""
    text = OPERATOR_SPACES.sub(r"\1", " ".join(line.split()))
    match = NAME.match(text)
    if match is None:
        return text
    return canonical_name(match.group(0)) + text[match.end() :]


def canonical_name(name: str) -> str:
    """A package name as the package index compares it (PEP 503): lower case, runs of -_. as -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str:
    """The canonical package name a requirement line installs."""
    match = NAME.match(line.strip())
    return canonical_name(match.group(0)) if match else ""


def parse_requirements_text(text: str) -> tuple[list[str], list[str]]:
    """(normalized requirement lines, problems) of a requirements file's text.

    Comments, blank lines and backslash continuations are pip's; the one option allowed is
    `--hash=` after a requirement, as a compiled lock file writes it.
    """
    lines: list[str] = []
    problems: list[str] = []
    for number, logical in _logical_lines(text):
        tokens = logical.split()
        hashes = [token for token in tokens if HASH_OPTION.fullmatch(token)]
        words = [token for token in tokens if token not in hashes]
        option = next((word for word in words if word.startswith("-")), None)
        if option is not None:
            problems.append(f"line {number}: option '{option}' is not allowed; only --hash= is")
            continue
        requirement = " ".join(words)
        message = requirement_problem(requirement)
        if message is not None:
            problems.append(f"line {number}: {message}")
            continue
        lines.append(" ".join([normalize_requirement(requirement), *hashes]))
    return list(dict.fromkeys(lines)), problems


def _logical_lines(text: str) -> Iterable[tuple[int, str]]:
    """(first line number, text) of each non-empty line, comments cut, continuations joined."""
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw)
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        joined = (pending + line).strip()
        pending = ""
        if joined:
            yield start, joined
    if pending.strip():
        yield start, pending.strip()
