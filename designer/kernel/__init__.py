"""The Pipewright kernel: component specs, parameter rules and pipeline graph semantics.

Plain Python shared by the web process, the workers and the tests, so they all compute the same
answers. It must not import Django, touch the database or read files on its own.

- `ports`: the port types (`PortType`, `PORT_TYPES`), defined here once for the whole backend.
- `spec`: parse and validate component.yaml into a ComponentSpec (SpecError lists every problem).
- `params`: whether a value fits a declared parameter, and its canonical type.
- `graph`: validate a pipeline graph (GraphIssue with a stable code), resolve node parameters.
- `traversal`: topological order, parents and descendants of nodes.
- `schemas`: design-time columns of every port, from `schema:` rules and the last run's outputs.
- `timing` (with `cron`, `timezones`): when a schedule fires, in its zone, and what to catch up.
- `inference` (with `inference_graph`, `inference_schema`, `spec_inference`): derive an
  inference pipeline from a training graph and its run, by each component's `inference:` rule.
"""

from designer.kernel.bindings import resolve_params
from designer.kernel.graph import ISSUE_CODES, validate_graph
from designer.kernel.issues import GraphIssue, SpecError, SpecIssue
from designer.kernel.params import PARAM_TYPES, ParamSpec, check_param_value, coerce_param_value
from designer.kernel.ports import PORT_TYPES, PortType
from designer.kernel.schemas import Column, SchemaRule, propagate_schemas
from designer.kernel.spec import ComponentSpec, PortSpec, load_spec_text, parse_spec
from designer.kernel.traversal import downstream_closure, topological_order, upstream

__all__ = [
    "ISSUE_CODES",
    "PARAM_TYPES",
    "PORT_TYPES",
    "Column",
    "ComponentSpec",
    "GraphIssue",
    "ParamSpec",
    "SchemaRule",
    "PortSpec",
    "PortType",
    "SpecError",
    "SpecIssue",
    "check_param_value",
    "coerce_param_value",
    "downstream_closure",
    "load_spec_text",
    "parse_spec",
    "propagate_schemas",
    "resolve_params",
    "topological_order",
    "upstream",
    "validate_graph",
]
