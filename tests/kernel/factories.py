"""Builders for kernel tests: component spec data, a small registry and pipeline graphs.

They build plain data and kernel objects only; they must not import Django.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from designer.kernel.graph import GraphIssue, validate_graph
from designer.kernel.spec import ComponentSpec, SpecError, SpecIssue, parse_spec

# --- component specs --------------------------------------------------------------------------

DESIGN_EXAMPLE = """\
name: split_data                  # [a-z][a-z0-9_]*
version: 1.0.0                    # semantic version; name@version is immutable
display_name: Split Data
category: Data Transformation
description: Splits the rows of a dataset into two sets.
inputs:
  data: {type: dataframe, description: Rows to split}
outputs:
  first: {type: dataframe, description: The selected fraction}
  second: {type: dataframe, description: The remaining rows}
parameters:
  fraction: {type: number, default: 0.7, min: 0, max: 1}
  seed: {type: integer, default: 0}
  mode: {type: enum, values: [random, sequential], default: random}
  stratify: {type: column, input: data, optional: true}
python: split.py:run
deterministic: true
compute: default
timeout: 3600
"""

MINIMAL: dict[str, Any] = {
    "name": "clean_rows",
    "version": "1.0.0",
    "inputs": {"data": {"type": "dataframe"}},
    "outputs": {"result": {"type": "dataframe"}},
    "python": "clean.py:run",
}


def build(**changes: Any) -> dict[str, Any]:
    """A minimal valid spec dict with top-level keys replaced; a value of None removes the key."""
    data = copy.deepcopy(MINIMAL)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def with_param(name: str = "p", **declaration: Any) -> dict[str, Any]:
    return build(parameters={name: declaration})


def issues_of(data: object) -> list[SpecIssue]:
    with pytest.raises(SpecError) as caught:
        parse_spec(data)
    return caught.value.errors


def only_issue(data: object) -> SpecIssue:
    issues = issues_of(data)
    assert len(issues) == 1, [str(issue) for issue in issues]
    return issues[0]


def fields(data: object) -> list[str]:
    return [issue.field for issue in issues_of(data)]


# --- a registry and graphs --------------------------------------------------------------------


def component(name: str, **declaration: Any) -> ComponentSpec:
    return parse_spec({"name": name, "version": "1.0.0", "python": "main.py:run", **declaration})


REGISTRY = {
    spec.ref: spec
    for spec in [
        component(
            "load_data",
            outputs={"data": {"type": "dataframe"}},
            parameters={"path": {"type": "string"}},
        ),
        component(
            "split_data",
            inputs={"data": {"type": "dataframe"}},
            outputs={"first": {"type": "dataframe"}, "second": {"type": "dataframe"}},
            parameters={
                "fraction": {"type": "number", "default": 0.7, "min": 0, "max": 1},
                "seed": {"type": "integer", "default": 0},
                "mode": {"type": "enum", "values": ["random", "sequential"], "default": "random"},
                "stratify": {"type": "column", "input": "data", "optional": True},
            },
        ),
        component(
            "train_model",
            inputs={"data": {"type": "dataframe"}, "settings": {"type": "json", "optional": True}},
            outputs={"model": {"type": "model"}},
            parameters={
                "label": {"type": "column", "input": "data"},
                "epochs": {"type": "integer", "default": 10, "min": 1},
            },
        ),
        component(
            "score_model",
            inputs={"model": {"type": "model"}, "data": {"type": "dataframe"}},
            outputs={"scored": {"type": "dataframe"}},
        ),
    ]
}


def node(node_id: str, ref: str, **params: Any) -> dict[str, Any]:
    return {"id": node_id, "component": f"{ref}@1.0.0", "params": params}


def edge(source: str, source_port: str, target: str, target_port: str) -> dict[str, str]:
    return {
        "source": source,
        "source_port": source_port,
        "target": target,
        "target_port": target_port,
    }


def pipeline() -> dict[str, Any]:
    """A valid load -> split -> train -> score pipeline."""
    return {
        "nodes": [
            {**node("load", "load_data", path="rows.csv"), "position": {"x": 0, "y": 0}},
            {**node("split", "split_data", fraction=0.8), "compute": None, "reuse": True},
            node("train", "train_model", label="price"),
            node("score", "score_model"),
        ],
        "edges": [
            edge("load", "data", "split", "data"),
            edge("split", "first", "train", "data"),
            edge("train", "model", "score", "model"),
            edge("split", "second", "score", "data"),
        ],
    }


def check(graph: object, parameters: object = None) -> list[GraphIssue]:
    return validate_graph(graph, REGISTRY.get, parameters)  # type: ignore[arg-type]


def only(graph: object, parameters: object = None) -> GraphIssue:
    issues = check(graph, parameters)
    assert len(issues) == 1, [issue.to_dict() for issue in issues]
    return issues[0]


def codes(graph: object, parameters: object = None) -> list[str]:
    return [issue.code for issue in check(graph, parameters)]
