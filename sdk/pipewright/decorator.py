"""`@component`: a typed Python function becomes a component spec plus the code that runs it.

Ports and parameters come from the type hints (see `hints.py`), parameter defaults from the
signature, the description from the docstring (a Google-style `Args:` section describes ports
and parameters). Without an explicit `version`, the version is derived from the content
(`0.0.0-dev.<digest>`), so editing the function never collides with an immutable registered
version. Registering happens when the component is pushed (`client.components.register`, or
automatically by `client.pipelines.push`). This module must not talk to the server.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from pipewright.components import Component
from pipewright.errors import ComponentDefinitionError
from pipewright.function_source import function_module
from pipewright.hints import Kind, classify, output_port

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
CODE_FILE = "component.py"
SECTIONS = ("Args:", "Arguments:", "Parameters:", "Returns:", "Raises:", "Yields:")


class FunctionComponent(Component):
    """A component made from a function: calling it outside a pipeline calls the function."""

    def __init__(self, function: Callable[..., Any], spec: dict[str, Any], code: str) -> None:
        super().__init__(
            spec["name"],
            spec["version"],
            spec.get("inputs"),
            spec.get("outputs"),
            spec.get("parameters"),
            description=spec.get("description", ""),
            deterministic=spec.get("deterministic", True),
            python=spec["python"],
        )
        self.function = function
        self.spec = spec
        self.code = code
        self.__doc__ = function.__doc__
        self.__wrapped__ = function

    def files(self) -> dict[str, bytes]:
        text = yaml.safe_dump(self.spec, sort_keys=False, allow_unicode=True, width=100)
        return {"component.yaml": text.encode(), CODE_FILE: self.code.encode()}

    def materialize(self, folder: Path) -> Path:
        """Write the component folder (spec and code) under `folder`; return its path."""
        target = folder / f"{self.name}@{self.version}"
        if not (target / "component.yaml").is_file():
            target.mkdir(parents=True, exist_ok=True)
            for name, data in self.files().items():
                (target / name).write_bytes(data)
        self.folder = target
        return target

    def __call__(self, *args: Any, **kwargs: Any):
        from pipewright.dsl import current_pipeline

        if current_pipeline() is None:
            return self.function(*args, **kwargs)
        if args:
            raise ComponentDefinitionError(
                f"inside a pipeline, pass {self.name}'s inputs and parameters by keyword"
            )
        return super().__call__(**kwargs)


def component(
    function: Callable[..., Any] | None = None,
    *,
    name: str | None = None,
    version: str | None = None,
    display_name: str | None = None,
    category: str = "Custom",
    output: str = "output",
    deterministic: bool = True,
    compute: str = "default",
    timeout: int = 3600,
) -> Any:
    """Turn a typed function into a component: `@component` or `@component(version="1.0.0")`.

    A single returned value is the output named `output`; return a `TypedDict` for several.
    """

    def wrap(func: Callable[..., Any]) -> FunctionComponent:
        options = {
            "name": name or func.__name__,
            "display_name": display_name,
            "category": category,
            "output": output,
            "deterministic": deterministic,
            "compute": compute,
            "timeout": timeout,
        }
        spec, code = build_spec(func, version=version, **options)
        return FunctionComponent(func, spec, code)

    return wrap(function) if function is not None else wrap


def build_spec(
    func: Callable[..., Any], *, version: str | None, **options: Any
) -> tuple[dict[str, Any], str]:
    """The component.yaml mapping for `func`, and the code file that goes with it."""
    name = options["name"]
    if not NAME_PATTERN.fullmatch(name):
        raise ComponentDefinitionError(
            f"'{name}' cannot name a component: use lower-case letters, digits and '_', "
            "starting with a letter (or pass name=...)"
        )
    summary, described = parse_docstring(inspect.getdoc(func) or "")
    inputs, parameters = _signature_parts(func, described)
    outputs = _outputs(func, options["output"], described)
    code = function_module(func)
    spec: dict[str, Any] = {
        "name": name,
        "version": "",
        "display_name": options["display_name"] or name.replace("_", " ").title(),
        "category": options["category"],
        "description": summary or f"{name}, defined in Python",
        "inputs": inputs,
        "outputs": outputs,
        "parameters": parameters,
        "python": f"{CODE_FILE}:{func.__name__}",
        "deterministic": options["deterministic"],
        "compute": options["compute"],
        "timeout": options["timeout"],
    }
    spec["version"] = version or _content_version(spec, code)
    return spec, code


def _content_version(spec: dict[str, Any], code: str) -> str:
    digest = hashlib.sha256()
    digest.update(yaml.safe_dump({k: v for k, v in spec.items() if k != "version"}).encode())
    digest.update(code.encode())
    return f"0.0.0-dev.{digest.hexdigest()[:12]}"


def _hints(annotations: dict[str, Any], scope: dict[str, Any]) -> dict[str, Any]:
    """Each hint evaluated in the function's module when it is text; a hint naming something
    not importable here (pandas, in a thin environment) stays text, which `hints` reads."""
    resolved = {}
    for name, hint in annotations.items():
        if isinstance(hint, typing.ForwardRef):  # how a TypedDict keeps text hints
            hint = hint.__forward_arg__
        if isinstance(hint, str):
            try:
                hint = eval(hint, dict(scope))  # the author's own hint, in the author's module
            except Exception:
                pass
        resolved[name] = hint
    return resolved


def _signature_parts(
    func: Callable[..., Any], described: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    hints = _hints(func.__annotations__, func.__globals__)
    inputs: dict[str, Any] = {}
    parameters: dict[str, Any] = {}
    for param in inspect.signature(func).parameters.values():
        where = f"{func.__name__}({param.name})"
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise ComponentDefinitionError(f"{where}: *args and **kwargs cannot be ports")
        if param.name not in hints:
            raise ComponentDefinitionError(f"{where} needs a type hint")
        kind = classify(hints[param.name], where)
        has_default = param.default is not param.empty
        if kind.port is not None:
            inputs[param.name] = _port(kind, described.get(param.name), has_default, where)
        else:
            parameters[param.name] = _param(
                kind, param.default if has_default else None, has_default, described.get(param.name)
            )
    return inputs, parameters


def _port(kind: Kind, description: str | None, has_default: bool, where: str) -> dict[str, Any]:
    optional = kind.optional or has_default
    port: dict[str, Any] = {"type": kind.port, "description": description or ""}
    if optional:
        port["optional"] = True
    return port


def _param(kind: Kind, default: Any, has_default: bool, description: str | None) -> dict:
    assert kind.param is not None
    body = dict(kind.param)
    if has_default:
        body["default"] = list(default) if isinstance(default, tuple) else default
    if kind.optional or (has_default and default is None):
        body["optional"] = True
    if description:
        body["description"] = description
    return body


def _outputs(func: Callable[..., Any], single: str, described: dict[str, str]) -> dict[str, Any]:
    hints = _hints(func.__annotations__, func.__globals__)
    if "return" not in hints:
        raise ComponentDefinitionError(
            f"{func.__name__} needs a return type hint (-> None when it returns nothing)"
        )
    returned = hints["return"]
    if returned is None or returned is type(None) or returned == "None":
        return {}
    if typing.is_typeddict(returned):
        fields = _hints(returned.__annotations__, func.__globals__)
        return {
            port: _output(output_port(hint, f"{func.__name__} -> {port}"), described.get(port))
            for port, hint in fields.items()
        }
    kind = output_port(returned, f"{func.__name__} -> {single}")
    return {single: _output(kind, described.get("return"))}


def _output(kind: Kind, description: str | None) -> dict[str, Any]:
    port: dict[str, Any] = {"type": kind.port, "description": description or ""}
    if kind.optional:
        port["optional"] = True
    return port


def parse_docstring(text: str) -> tuple[str, dict[str, str]]:
    """The description (text before the first section) and `{name: text}` from `Args:` and
    `Returns:` sections (`Returns:` text alone is keyed `return`)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() in SECTIONS]
    summary = "\n".join(lines[: starts[0]] if starts else lines).strip()
    described: dict[str, str] = {}
    for start in starts:
        section = lines[start].strip()
        end = next((i for i in starts if i > start), len(lines))
        body = lines[start + 1 : end]
        if section == "Raises:":
            continue
        described.update(_entries(body))
        if section == "Returns:":
            described["return"] = " ".join(line.strip() for line in body).strip()
    return summary, described


def _entries(lines: list[str]) -> dict[str, str]:
    entries: dict[str, str] = {}
    current: str | None = None
    pattern = re.compile(r"\s*(\w+)\s*(\([^)]*\))?\s*:\s*(.*)")
    for line in lines:
        match = pattern.fullmatch(line)
        if match:
            current = match[1]
            entries[current] = match[3].strip()
        elif current and line.strip():
            entries[current] = f"{entries[current]} {line.strip()}".strip()
    return entries
