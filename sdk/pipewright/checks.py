"""Checking a pipeline that is not on the server yet against the component specs it holds.

The server validates a draft only for a pipeline it stores; before the first push, this gives
the same kind of answer for the usual mistakes: a component that is not registered, a port or
parameter it does not have, a required input left unconnected, a required parameter unset, an
output wired to an input of another type. Issues use the server's codes. Everything subtler is
the server's to say on push.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipewright.errors import NotFound
from pipewright.models import ValidationIssue, ValidationResult

if TYPE_CHECKING:
    from pipewright.client import Components
    from pipewright.dsl import Node, Pipeline


def check_against_registry(pipeline: Pipeline, components: Components) -> ValidationResult:
    specs: dict[str, dict[str, Any] | None] = {}
    for component in pipeline.components():
        try:
            specs[component.ref] = components.info(component.ref).raw
        except NotFound:
            specs[component.ref] = None
    issues: list[ValidationIssue] = []
    for node in pipeline.nodes.values():
        issues += _node_issues(node, specs)
    return ValidationResult(valid=not issues, errors=issues)


def _issue(code: str, message: str, node: str, port: str | None = None, param: str | None = None):
    return ValidationIssue(node=node, port=port, param=param, code=code, message=message)


def _node_issues(node: Node, specs: dict[str, dict[str, Any] | None]) -> list[ValidationIssue]:
    spec = specs.get(node.component.ref)
    if spec is None:
        return [
            _issue(
                "unknown_component", f"{node.id}: {node.component.ref} is not registered", node.id
            )
        ]
    inputs, parameters = spec.get("inputs") or {}, spec.get("parameters") or {}
    issues = []
    for port, ref in node.inputs.items():
        if port not in inputs:
            issues.append(_issue("unknown_port", f"{node.id} has no input '{port}'", node.id, port))
            continue
        source = specs.get(ref.node.component.ref) or {}
        source_port = (source.get("outputs") or {}).get(ref.port)
        if source and source_port is None:
            message = f"{ref.node.id} has no output '{ref.port}'"
            issues.append(_issue("unknown_port", message, ref.node.id, ref.port))
        elif source_port and source_port.get("type") != inputs[port].get("type"):
            message = (
                f"{ref.node.id}.{ref.port} ({source_port.get('type')}) cannot feed "
                f"{node.id}.{port} ({inputs[port].get('type')})"
            )
            issues.append(_issue("type_mismatch", message, node.id, port))
    for port, body in inputs.items():
        if port not in node.inputs and not body.get("optional"):
            message = f"{node.id}.{port} needs a connection"
            issues.append(_issue("missing_input", message, node.id, port))
    for name in node.params:
        if name not in parameters:
            issues.append(
                _issue("unknown_param", f"{node.id} has no parameter '{name}'", node.id, param=name)
            )
    for name, body in parameters.items():
        unset = node.params.get(name) is None
        if unset and body.get("default") is None and not body.get("optional"):
            message = f"{node.id}.{name} needs a value: it has no default and is not optional"
            issues.append(_issue("missing_param", message, node.id, param=name))
    return issues
