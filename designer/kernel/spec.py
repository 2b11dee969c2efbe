"""Component specs: the parsed, validated form of a component.yaml.

`parse_spec` checks every rule of the component spec contract and reports all problems at once in
a SpecError; `load_spec_text` does the same from YAML text. This module must not read files,
import component code or touch Django: callers hand it the text or the parsed data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

import yaml

from designer.kernel.command_template import TemplateError, segments
from designer.kernel.issues import SpecError, SpecIssue
from designer.kernel.params import (
    PARAM_TYPES,
    ParamSpec,
    check_param_value,
    coerce_param_value,
    show_value,
)
from designer.kernel.ports import PORT_TYPES
from designer.kernel.schema_parse import parse_rule
from designer.kernel.schema_rules import SchemaRule
from designer.kernel.spec_environment import EnvironmentSpec, read_environment
from designer.kernel.spec_fields import (
    VERSION_PATTERN,
    Report,
    check_keys,
    check_name,
    read_bool,
    read_int,
    read_tags,
    read_text,
)
from designer.kernel.spec_inference import KEEP, KEEP_RULE, InferenceRule, parse_inference
from designer.kernel.spec_params import parse_parameters
from designer.kernel.spec_provenance import read_image, read_origin
from designer.kernel.spec_yaml import describe_yaml_error, load_yaml

__all__ = [
    "PARAM_TYPES",
    "PORT_TYPES",
    "ComponentSpec",
    "EnvironmentSpec",
    "ParamSpec",
    "PortSpec",
    "SpecError",
    "SpecIssue",
    "check_param_value",
    "coerce_param_value",
    "load_spec_text",
    "parse_spec",
]

SPEC_KEYS = (
    "name",
    "version",
    "display_name",
    "category",
    "description",
    "inputs",
    "outputs",
    "parameters",
    "python",
    "command",
    "deterministic",
    "compute",
    "timeout",
    "max_retries",
    "tags",
    "subcategory",
    "inference",
    "image",
    "origin",
    "environment",
)
PORT_KEYS = ("type", "description", "optional")
OUTPUT_KEYS = (*PORT_KEYS, "schema")
PYTHON_PATTERN = re.compile(r"(?P<file>[^:\s]+\.py):(?P<function>[A-Za-z_][A-Za-z0-9_]*)")
PLACEHOLDER_PATTERN = re.compile(r"\$\{\{(.*?)\}\}")
PLACEHOLDER_BODY = re.compile(r"(inputs|outputs|params)\.([A-Za-z0-9_]+)")


@dataclass(frozen=True)
class PortSpec:
    """A typed input or output port of a component; a dataframe output may have a column rule."""

    name: str
    type: str
    description: str = ""
    optional: bool = False
    schema: SchemaRule | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"type": self.type, "description": self.description, "optional": self.optional}
        if self.schema is not None:
            data["schema"] = self.schema.to_dict()
        return data


@dataclass(frozen=True)
class ComponentSpec:
    """A validated component: its ports, parameters, code entry point and run settings."""

    name: str
    version: str
    display_name: str
    category: str
    description: str
    inputs: tuple[PortSpec, ...]
    outputs: tuple[PortSpec, ...]
    parameters: tuple[ParamSpec, ...]
    python: str | None
    command: str | None
    deterministic: bool = True
    compute: str = "default"
    timeout: int = 3600
    max_retries: int = 0
    # Palette and search only (no effect on outputs): extra search words, a group in category.
    tags: tuple[str, ...] = ()
    subcategory: str = ""
    # What a node of this component becomes in a derived inference pipeline.
    inference: InferenceRule = KEEP_RULE
    # A container image the command needs (recorded from an import; see spec_provenance).
    image: str | None = None
    # Where an imported component came from: its format, file, name, version, environment.
    origin: dict[str, Any] | None = None
    # The Python version and packages the step needs; None runs it in the default environment.
    environment: EnvironmentSpec | None = None

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def input(self, name: str) -> PortSpec | None:
        return next((port for port in self.inputs if port.name == name), None)

    def output(self, name: str) -> PortSpec | None:
        return next((port for port in self.outputs if port.name == name), None)

    def param(self, name: str) -> ParamSpec | None:
        return next((param for param in self.parameters if param.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with the keys of component.yaml; parse_spec() accepts it back."""
        data: dict[str, Any] = {
            "name": self.name,
            "version": self.version,
            "display_name": self.display_name,
            "category": self.category,
            "description": self.description,
            "inputs": {port.name: port.to_dict() for port in self.inputs},
            "outputs": {port.name: port.to_dict() for port in self.outputs},
            "parameters": {param.name: param.to_dict() for param in self.parameters},
            "python": self.python,
            "command": self.command,
            "deterministic": self.deterministic,
            "compute": self.compute,
            "timeout": self.timeout,
            "max_retries": self.max_retries,
            "tags": list(self.tags),
            "subcategory": self.subcategory,
        }
        if self.inference.mode != KEEP:
            # Only when set: specs stored before the key existed keep their exact shape.
            data["inference"] = self.inference.to_dict()
        # Only when set: specs stored before these fields existed keep their exact shape.
        if self.image is not None:
            data["image"] = self.image
        if self.origin is not None:
            data["origin"] = self.origin
        if self.environment is not None:
            data["environment"] = self.environment.to_dict()
        return data


def parse_spec(data: object, source: str = "component.yaml") -> ComponentSpec:
    """Validate parsed component.yaml data; raise SpecError listing every problem found."""
    issues: list[SpecIssue] = []

    def report(field: str, message: str) -> None:
        issues.append(SpecIssue(file=source, field=field, message=message))

    if not isinstance(data, Mapping):
        report("", _not_a_mapping(data))
        raise SpecError(issues)
    check_keys(data, SPEC_KEYS, "", report)
    spec = _build(data, report)
    if issues:
        raise SpecError(issues)
    return spec


def load_spec_text(text: str, source: str = "component.yaml") -> ComponentSpec:
    """Parse component.yaml text and validate it; YAML syntax errors become a SpecError too."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        issue = SpecIssue(file=source, field="", message=describe_yaml_error(error))
        raise SpecError([issue]) from None
    return parse_spec(data, source)


def _build(data: Mapping[Any, Any], report: Report) -> ComponentSpec:
    name = _read_name(data, report)
    version = _read_version(data, report)
    inputs = _parse_ports(data.get("inputs"), "inputs", report)
    outputs = _parse_ports(data.get("outputs"), "outputs", report)
    input_types = {port.name: port.type for port in inputs}
    parameters = parse_parameters(data.get("parameters"), input_types, report)
    outputs = _attach_schemas(data.get("outputs"), outputs, input_types, parameters, report)
    python, command = _read_entry_point(data, inputs, outputs, parameters, report)
    return ComponentSpec(
        name=name,
        version=version,
        display_name=read_text(data, "display_name", "", report, default=_title(name)),
        category=read_text(data, "category", "", report, default="Uncategorized"),
        description=read_text(data, "description", "", report, default=""),
        inputs=inputs,
        outputs=outputs,
        parameters=parameters,
        python=python,
        command=command,
        deterministic=read_bool(data, "deterministic", "", report, default=True),
        compute=_read_compute(data, report),
        timeout=read_int(data, "timeout", report, default=3600, minimum=1, unit="seconds"),
        max_retries=read_int(data, "max_retries", report, default=0, minimum=0, unit="retries"),
        tags=read_tags(data, report),
        subcategory=read_text(data, "subcategory", "", report, default=""),
        inference=parse_inference(data.get("inference"), inputs, outputs, report),
        image=read_image(data, report),
        origin=read_origin(data, report),
        environment=read_environment(data, report),
    )


def _not_a_mapping(data: object) -> str:
    if data is None:
        return "the spec is empty; it needs at least name, version, outputs and python or command"
    return (
        "a component spec must be a mapping of keys such as name, version, inputs, outputs; "
        f"got {type(data).__name__} {show_value(data)}"
    )


def _title(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split("_") if word)


def _read_name(data: Mapping[Any, Any], report: Report) -> str:
    name = data.get("name")
    if name is None:
        report("name", "missing name; add name: followed by a name like split_data")
        return ""
    return name if check_name(name, "name", "name", report) else ""


def _read_version(data: Mapping[Any, Any], report: Report) -> str:
    version = data.get("version")
    if version is None:
        report("version", "missing version; add a semantic version like version: 1.0.0")
    elif not isinstance(version, str):
        report(
            "version",
            f"version must be text like 1.0.0, got {show_value(version)}; "
            "write MAJOR.MINOR.PATCH, or quote it so YAML does not read a number",
        )
    elif VERSION_PATTERN.fullmatch(version) is None:
        report(
            "version",
            f"version '{version}' is not a semantic version; use MAJOR.MINOR.PATCH "
            "like 1.0.0, optionally with a pre-release like 1.0.0-beta.1",
        )
    else:
        return version
    return ""


def _read_compute(data: Mapping[Any, Any], report: Report) -> str:
    compute = data.get("compute")
    if compute is None:
        return "default"
    if not isinstance(compute, str) or not compute.strip():
        report(
            "compute",
            f"compute must name a compute target, like default; got {show_value(compute)}",
        )
        return "default"
    return compute


def _parse_ports(section: object, kind: str, report: Report) -> tuple[PortSpec, ...]:
    if kind == "outputs" and (section is None or section == {}):
        report(
            "outputs",
            "a component needs at least one output, like outputs: {result: {type: dataframe}}",
        )
        return ()
    if section is None:
        return ()
    if not isinstance(section, Mapping):
        report(
            kind,
            f"{kind} must be a mapping of port name to its declaration, like "
            f"data: {{type: dataframe}}; got {show_value(section)}",
        )
        return ()
    ports = (_parse_port(name, body, kind, report) for name, body in section.items())
    return tuple(port for port in ports if port is not None)


def _parse_port(name: Any, body: object, kind: str, report: Report) -> PortSpec | None:
    path = f"{kind}.{name}"
    valid = check_name(name, path, "port name", report)
    if not isinstance(body, Mapping):
        report(path, f"a port must be a mapping like {{type: dataframe}}, got {show_value(body)}")
        return None
    check_keys(body, OUTPUT_KEYS if kind == "outputs" else PORT_KEYS, path, report)
    port_type = body.get("type")
    choices = ", ".join(PORT_TYPES)
    if port_type is None:
        report(f"{path}.type", f"missing port type; use one of {choices}")
        valid = False
    elif port_type not in PORT_TYPES:
        report(f"{path}.type", f"unknown port type {show_value(port_type)}; use one of {choices}")
        valid = False
    optional = read_bool(body, "optional", path, report, default=False)
    if optional and kind == "outputs":
        report(
            f"{path}.optional",
            "an output cannot be optional: the code must produce every output; remove optional",
        )
    description = read_text(body, "description", path, report, default="")
    if not valid:
        return None
    return PortSpec(name=name, type=str(port_type), description=description, optional=optional)


def _attach_schemas(
    section: object,
    outputs: tuple[PortSpec, ...],
    input_types: Mapping[str, str],
    parameters: tuple[ParamSpec, ...],
    report: Report,
) -> tuple[PortSpec, ...]:
    """Outputs with their `schema:` rules; a rule needs the inputs and parameters, hence later."""
    bodies = section if isinstance(section, Mapping) else {}
    attached = []
    for port in outputs:
        body = bodies.get(port.name)
        raw = body.get("schema") if isinstance(body, Mapping) else None
        path = f"outputs.{port.name}.schema"
        if raw is not None and port.type != "dataframe":
            report(path, f"schema only applies to dataframe outputs; {port.name} is a {port.type}")
        elif raw is not None:
            port = replace(port, schema=parse_rule(raw, path, input_types, parameters, report))
        attached.append(port)
    return tuple(attached)


def _read_entry_point(
    data: Mapping[Any, Any],
    inputs: tuple[PortSpec, ...],
    outputs: tuple[PortSpec, ...],
    parameters: tuple[ParamSpec, ...],
    report: Report,
) -> tuple[str | None, str | None]:
    python, command = data.get("python"), data.get("command")
    if python is None and command is None:
        report(
            "python",
            "missing code to run; add python: file.py:function, or command: a command line",
        )
    if python is not None and command is not None:
        report("command", "give either python or command, not both; remove one of them")
    if python is not None:
        python = _check_python(python, report)
    if command is not None:
        names = {
            "inputs": [port.name for port in inputs],
            "outputs": [port.name for port in outputs],
            "params": [param.name for param in parameters],
        }
        command = _check_command(command, names, report)
    return python, command


def _check_python(target: object, report: Report) -> str | None:
    match = PYTHON_PATTERN.fullmatch(target) if isinstance(target, str) else None
    if match is None:
        report(
            "python",
            f"python must look like file.py:function, like split.py:run; got {show_value(target)}",
        )
        return None
    path = PurePosixPath(match["file"])
    if path.is_absolute() or ".." in path.parts:
        report(
            "python",
            f"python file '{match['file']}' must be a relative path inside the component folder",
        )
        return None
    return str(target)


def _check_command(command: object, names: dict[str, list[str]], report: Report) -> str | None:
    if not isinstance(command, str) or not command.strip():
        report("command", f"command must be a non-empty command line, got {show_value(command)}")
        return None
    valid = True
    try:
        segments(command)
    except TemplateError as error:
        report("command", str(error))
        valid = False
    for placeholder in PLACEHOLDER_PATTERN.finditer(command):
        problem = _placeholder_problem(placeholder.group(1), names)
        if problem is not None:
            report("command", f"placeholder '{placeholder.group(0)}' {problem}")
            valid = False
    return command if valid else None


def _placeholder_problem(body: str, names: dict[str, list[str]]) -> str | None:
    match = PLACEHOLDER_BODY.fullmatch(body)
    if match is None:
        return (
            "is not valid; write ${{inputs.NAME}}, ${{outputs.NAME}} or ${{params.NAME}} "
            "with no spaces"
        )
    section, name = match.groups()
    if name in names[section]:
        return None
    known = ", ".join(names[section]) or "none"
    singular = {"inputs": "input", "outputs": "output", "params": "parameter"}[section]
    return f"names no {singular} '{name}'; the {section} are: {known}"
