"""Cache keys of local runs, by the server's rules: the component (name, version and the digest
of every file in its folder), the resolved parameters, the content digest of every connected
input, and the execution environment (Python, the data libraries' versions, and the runtime code
around every step when it is there to digest).

On the machine that serves Pipewright, from the same checkout, a node's local key equals the
key the server computes for it; a test holds the two implementations together. Pure, apart from
reading files to digest them.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from pipewright.components import folder_files

ENVIRONMENT_PACKAGES = ("numpy", "pandas", "pyarrow", "scikit-learn", "scipy")


def cache_parts(
    component_ref: str,
    code_digest: str,
    params: Mapping[str, Any],
    input_digests: Mapping[str, str | None],
    environment: str,
) -> dict[str, Any]:
    return {
        "component": component_ref,
        "code": code_digest,
        "params": dict(params),
        "inputs": dict(input_digests),
        "environment": environment,
    }


def cache_key(parts: Mapping[str, Any]) -> str:
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def code_digest(folder: Path) -> str:
    """sha256 over (relative path, file digest) of every file of a component folder."""
    outer = hashlib.sha256()
    for path in folder_files(folder):
        inner = hashlib.sha256(path.read_bytes()).hexdigest()
        outer.update(f"{path.relative_to(folder).as_posix()}\0{inner}\n".encode())
    return outer.hexdigest()


def environment_digest(runtime_sources: Iterable[Path] = ()) -> str:
    parts = [platform.python_version()]
    for name in ENVIRONMENT_PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=none")
    parts += [f"{Path(source).name}:{code_digest(Path(source))}" for source in runtime_sources]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
