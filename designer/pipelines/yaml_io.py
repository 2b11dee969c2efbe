"""A pipeline as a YAML document for version control, and back.

`export_yaml` writes a readable document: `pipewright: 1`, name, description, default compute,
parameters, nodes (every key a node has, the usual ones first) and edges, one short line each.
`import_yaml` reads one back into the values a pipeline is created from, refusing, with a message
a person can act on, anything that is not such a document: bad YAML (with its line), a document
that is not a mapping, unknown or missing top-level keys, aliases, deep nesting, over 2 MB. It
must not check components or parameter values; graph validation does that once it is imported.
"""

from __future__ import annotations

import datetime
import math
import sys
from collections.abc import Mapping
from typing import Any

import yaml

from designer.errors import InvalidInput
from designer.kernel.spec_yaml import describe_yaml_error, load_yaml

FORMAT_VERSION = 1
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
TOP_KEYS = (
    "pipewright",
    "name",
    "description",
    "default_compute",
    "parameters",
    "nodes",
    "edges",
)
NODE_KEYS = ("id", "component", "params", "compute", "reuse", "comment", "position")
EDGE_KEYS = ("source", "source_port", "target", "target_port")


class PipelineFileInvalid(InvalidInput):
    code = "invalid_pipeline_file"


# --- export -----------------------------------------------------------------------------------


class _Flow(dict):
    """A mapping written on one line, like {x: 0, y: 140}."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same value twice is written twice, never as an anchor


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None  # code and CSV parameters stay readable
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Flow, _represent_flow)


def export_yaml(pipeline: Any) -> str:
    """The pipeline (anything with name, description, default_compute, parameters, graph)."""
    graph = pipeline.graph if isinstance(pipeline.graph, Mapping) else {}
    document = {
        "pipewright": FORMAT_VERSION,
        "name": pipeline.name,
        "description": pipeline.description or "",
        "default_compute": pipeline.default_compute,
        "parameters": dict(pipeline.parameters or {}),
        "nodes": [_export_node(node) for node in graph.get("nodes") or []],
        "edges": [_export_edge(edge) for edge in graph.get("edges") or []],
    }
    return yaml.dump(
        document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )


def _export_node(node: Any) -> Any:
    if not isinstance(node, Mapping):
        return node
    ordered = {key: node[key] for key in NODE_KEYS if key in node}
    ordered.update({key: value for key, value in node.items() if key not in ordered})
    if _is_flat(ordered.get("position")):
        ordered["position"] = _Flow(ordered["position"])
    params = ordered.get("params")
    if isinstance(params, Mapping):
        # A binding reads best on one line: seed: {$param: seed}
        ordered["params"] = {
            name: _Flow(value) if isinstance(value, Mapping) and _is_flat(value) else value
            for name, value in params.items()
        }
    return ordered


def _export_edge(edge: Any) -> Any:
    if not isinstance(edge, Mapping) or not _is_flat(edge):
        return edge
    ordered = {key: edge[key] for key in EDGE_KEYS if key in edge}
    ordered.update({key: value for key, value in edge.items() if key not in ordered})
    return _Flow(ordered)


def _is_flat(value: object) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(item, str | int | float | bool) or item is None for item in value.values()
    )


# --- import -----------------------------------------------------------------------------------


def import_yaml(text: str | bytes) -> dict[str, Any]:
    """`{name, description, default_compute, parameters, graph}` from a pipeline document."""
    text = _as_text(text)
    data = _load(text)
    if not isinstance(data, Mapping):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise PipelineFileInvalid(
            f"A pipeline file must be a YAML mapping starting with 'pipewright: 1'; this one is "
            f"{kind}.",
            code="not_a_mapping",
        )
    _check_top_level(data)
    data = _plain(data, "the file")
    return {
        "name": data["name"].strip(),
        "description": _text_field(data, "description", ""),
        "default_compute": _text_field(data, "default_compute", "default"),
        "parameters": _mapping_field(data, "parameters"),
        "graph": {
            "nodes": _list_of_mappings(data, "nodes"),
            "edges": _list_of_mappings(data, "edges"),
        },
    }


def _as_text(text: str | bytes) -> str:
    size = len(text.encode("utf-8")) if isinstance(text, str) else len(text)
    if size > MAX_BYTES:
        raise PipelineFileInvalid(
            f"The pipeline file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB.",
            code="too_large",
        )
    if isinstance(text, bytes):
        try:
            return text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PipelineFileInvalid(
                f"The pipeline file is not UTF-8 text (byte {exc.start}).", code="not_text"
            ) from exc
    return text


def _load(text: str) -> object:
    try:
        _check_events(text)
        return load_yaml(text)
    except yaml.YAMLError as exc:
        raise PipelineFileInvalid(
            f"The pipeline file is not valid YAML: {describe_yaml_error(exc)}", code="bad_yaml"
        ) from exc
    except ValueError as exc:
        # The YAML loader passes on what Python refuses to convert: an integer of more than
        # 4300 digits (a guard against quadratic-time conversion), a date like 2024-13-45.
        problem = (
            f"a number with more than {sys.get_int_max_str_digits()} digits"
            if "digits" in str(exc)
            else f"a value that cannot be read ({exc})"
        )
        raise PipelineFileInvalid(
            f"The pipeline file holds {problem}; write it as text in quotes.", code="bad_yaml"
        ) from exc


def _check_events(text: str) -> None:
    """Refuse aliases (a few lines could expand to gigabytes) and absurd nesting, before loading."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise PipelineFileInvalid(
                f"The pipeline file uses a YAML alias (*name) at line {line}; write the value "
                "out instead.",
                code="bad_yaml",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise PipelineFileInvalid(
                    f"The pipeline file nests deeper than {MAX_DEPTH} levels.", code="bad_yaml"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_top_level(data: Mapping[Any, Any]) -> None:
    unknown = [str(key) for key in data if key not in TOP_KEYS]
    if unknown:
        raise PipelineFileInvalid(
            f"Unknown top-level key(s) {', '.join(unknown)}; a pipeline file has "
            f"{', '.join(TOP_KEYS)}.",
            code="unknown_keys",
        )
    version = data.get("pipewright")
    if version is None:
        raise PipelineFileInvalid(
            "This is not a Pipewright pipeline file: it needs 'pipewright: 1' at the top.",
            code="not_a_pipeline",
        )
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise PipelineFileInvalid(
            f"This file is pipewright format {version!r}; this server reads format "
            f"{FORMAT_VERSION}.",
            code="unsupported_version",
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise PipelineFileInvalid(
            "The pipeline file needs a name: a non-empty string.", code="blank_name"
        )


def _plain(value: Any, where: str) -> Any:
    """`value` as JSON data: dates become ISO text, keys text; other YAML-only types refused."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item, f"{where} > {key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, f"{where} > #{number}") for number, item in enumerate(value, 1)]
    if isinstance(value, float) and not math.isfinite(value):
        raise PipelineFileInvalid(f"{where} is {value}; JSON has no such number, use a finite one.")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise PipelineFileInvalid(
        f"{where} is a YAML {type(value).__name__}, which a pipeline cannot hold; quote it as text."
    )


def _text_field(data: Mapping[Any, Any], key: str, default: str) -> str:
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise PipelineFileInvalid(f"{key} must be a string, got {type(value).__name__}.")
    return value


def _mapping_field(data: Mapping[Any, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PipelineFileInvalid(
            f"{key} must be a mapping of name to definition, got {type(value).__name__}."
        )
    return dict(value)


def _list_of_mappings(data: Mapping[Any, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise PipelineFileInvalid(f"{key} must be a list, got {type(value).__name__}.")
    for number, item in enumerate(value, start=1):
        if not isinstance(item, Mapping):
            raise PipelineFileInvalid(
                f"{key} entry #{number} must be a mapping, got {type(item).__name__}."
            )
    return [dict(item) for item in value]
