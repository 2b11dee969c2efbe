"""Components as the SDK holds them: a spec (ports and parameters) that can be called inside a
pipeline to add a node.

A component comes from the registry (`client.components.get`), from a folder with a
`component.yaml` (`Component.from_folder`), from a typed function (`@component`), or from a bare
`name@version` reference (`Component.from_ref`, what generated code uses) whose ports are only
known to the server. This module must not talk to the server.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import yaml

from pipewright.errors import PipelineDefinitionError

REF_PATTERN = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9_]*)@(?P<version>[0-9A-Za-z.+-]+)")
IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}


class Component:
    """A component spec; call it inside `with Pipeline(...)` to add a node."""

    def __init__(
        self,
        name: str,
        version: str,
        inputs: dict[str, dict[str, Any]] | None = None,
        outputs: dict[str, dict[str, Any]] | None = None,
        parameters: dict[str, dict[str, Any]] | None = None,
        *,
        description: str = "",
        deterministic: bool = True,
        python: str | None = None,
        command: str | None = None,
        folder: Path | None = None,
        known: bool = True,
    ) -> None:
        self.name = name
        self.version = version
        self.inputs = dict(inputs or {})
        self.outputs = dict(outputs or {})
        self.parameters = dict(parameters or {})
        self.description = description
        self.deterministic = deterministic
        self.python = python
        self.command = command
        self.folder = folder
        # False for a bare reference: its ports and parameters are unknown here, so a call
        # takes any keyword (outputs of other nodes become inputs, the rest parameters).
        self.known = known

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def __repr__(self) -> str:
        return f"<Component {self.ref}>"

    @classmethod
    def from_ref(cls, ref: str) -> Component:
        """A component known only by `name@version`, e.g. in code generated from a pipeline."""
        match = REF_PATTERN.fullmatch(ref.strip())
        if match is None:
            raise PipelineDefinitionError(f"'{ref}' is not a component reference like name@1.0.0")
        return cls(match["name"], match["version"], known=False)

    @classmethod
    def from_spec(cls, spec: dict[str, Any], folder: Path | None = None) -> Component:
        """From a component.yaml mapping or the registry's JSON for one component."""
        return cls(
            str(spec["name"]),
            str(spec["version"]),
            _ports(spec.get("inputs")),
            _ports(spec.get("outputs")),
            {k: dict(v or {}) for k, v in (spec.get("parameters") or {}).items()},
            description=str(spec.get("description") or ""),
            deterministic=bool(spec.get("deterministic", True)),
            python=spec.get("python"),
            command=spec.get("command"),
            folder=folder,
        )

    @classmethod
    def from_folder(cls, folder: str | Path) -> Component:
        """The component in `folder` (its component.yaml and code)."""
        root = Path(folder).resolve()
        spec_file = root / "component.yaml"
        if not spec_file.is_file():
            raise PipelineDefinitionError(f"{root} has no component.yaml")
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        if not isinstance(spec, dict) or "name" not in spec or "version" not in spec:
            raise PipelineDefinitionError(f"{spec_file} needs at least a name and a version")
        return cls.from_spec(spec, folder=root)

    def files(self) -> dict[str, bytes]:
        """The component folder's files by relative path (what registering uploads)."""
        if self.folder is None:
            raise PipelineDefinitionError(
                f"{self.ref} has no files here; only a folder or a @component can be registered"
            )
        return {
            p.relative_to(self.folder).as_posix(): p.read_bytes() for p in folder_files(self.folder)
        }

    def archive(self) -> bytes:
        """A zip of the component's folder, as `POST /api/components/` takes it."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(self.files().items()):
                archive.writestr(name, data)
        return buffer.getvalue()

    def __call__(self, **connections: Any):
        from pipewright.dsl import current_pipeline

        pipeline = current_pipeline()
        if pipeline is None:
            raise PipelineDefinitionError(
                f"{self.ref} adds a node when called inside `with Pipeline(...):`"
            )
        return pipeline.add_node(self, connections)

    def check_names(self, given: dict[str, Any]) -> None:
        """Refuse keywords that are neither an input nor a parameter of a known spec."""
        if not self.known:
            return
        unknown = [k for k in given if k not in self.inputs and k not in self.parameters]
        if unknown:
            raise PipelineDefinitionError(
                f"{self.ref} has no input or parameter {', '.join(map(repr, unknown))}; "
                f"inputs: {', '.join(self.inputs) or 'none'}; "
                f"parameters: {', '.join(self.parameters) or 'none'}"
            )


def folder_files(root: Path) -> list[Path]:
    """Every file of a component folder that counts (caches and bytecode do not)."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not (IGNORED_PARTS & set(p.relative_to(root).parts))
        and p.suffix != ".pyc"
    )


def _ports(section: Any) -> dict[str, dict[str, Any]]:
    ports: dict[str, dict[str, Any]] = {}
    for name, body in (section or {}).items():
        body = dict(body or {})
        body.setdefault("optional", False)
        ports[str(name)] = body
    return ports
