"""Reading component.yaml text into plain data, strictly.

It refuses what PyYAML would silently accept but a spec author never means: a key given twice.
It builds only plain data (a SafeLoader), and must not validate the spec itself; `spec.py` does.
"""

from __future__ import annotations

from typing import Any

import yaml


def load_yaml(text: str) -> object:
    """Parse YAML text into plain data; raise yaml.YAMLError, with a position, on bad input."""
    return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: plain data only


def describe_yaml_error(error: yaml.YAMLError) -> str:
    """A one-line message naming the line and column of a YAML error when it is known."""
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return f"invalid YAML at line {mark.line + 1}, column {mark.column + 1}: {error.problem}"
    return f"invalid YAML: {error}"


class _StrictLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a repeated key instead of silently keeping the last."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            repeated = key in seen
            seen.add(key)
        except TypeError:
            continue  # an unhashable key; construct_mapping reports it below
        if repeated:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"key {key!r} appears twice; keep only one",
                key_node.start_mark,
            )
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
