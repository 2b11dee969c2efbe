"""Cache keys for step reuse, and the explanation of a cache miss.

A key covers everything that decides a step's outputs: the component (name, version and
the digest of every file in its folder), the resolved parameters, the content digest of
every input, and the execution environment (the default one's digest, plus the digest of
the component's own environment when it declares one). Data that changes therefore changes
the key; nothing goes stale. Plain functions over plain data; no I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def cache_parts(
    component_ref: str,
    code_digest: str,
    params: Mapping[str, Any],
    input_digests: Mapping[str, str | None],
    environment: str,
) -> dict[str, Any]:
    """The named parts a key is made of, kept so a miss can be explained later."""
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


def version_digest(graph: Mapping[str, Any], parameters: Mapping[str, Any], compute: str) -> str:
    """The identity of a frozen pipeline version: its graph (components by exact version),
    its pipeline parameters and its default compute. Equal content, equal digest."""
    return cache_key({"graph": graph, "parameters": parameters, "default_compute": compute})


def explain_miss(before: Mapping[str, Any], now: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What differs between an earlier key and this one, most telling first.

    Each difference is `{"part": "component"|"code"|"param"|"input"|"environment",
    "name": ..., "before": ..., "now": ...}`; an empty list means the keys are equal.
    """
    found: list[dict[str, Any]] = []
    for part in ("component", "code"):
        if before.get(part) != now.get(part):
            found.append(_change(part, None, before.get(part), now.get(part)))
    found += _mapping_changes("param", before.get("params") or {}, now.get("params") or {})
    found += _mapping_changes("input", before.get("inputs") or {}, now.get("inputs") or {})
    if before.get("environment") != now.get("environment"):
        found.append(
            _change("environment", None, before.get("environment"), now.get("environment"))
        )
    return found


def _mapping_changes(
    part: str, before: Mapping[str, Any], now: Mapping[str, Any]
) -> list[dict[str, Any]]:
    names = sorted(set(before) | set(now))
    return [
        _change(part, name, before.get(name), now.get(name))
        for name in names
        if before.get(name) != now.get(name)
    ]


def _change(part: str, name: str | None, before: Any, now: Any) -> dict[str, Any]:
    return {"part": part, "name": name, "before": before, "now": now}


def describe_change(change: Mapping[str, Any]) -> str:
    """One sentence for a person: why this step could not reuse an earlier result."""
    part, name = change["part"], change.get("name")
    if part == "param":
        return f"parameter '{name}' changed from {change['before']!r} to {change['now']!r}"
    if part == "input":
        return f"the data on input '{name}' changed"
    if part == "code":
        return "the component's code changed"
    if part == "component":
        return f"the component changed from {change['before']} to {change['now']}"
    if _own_environment(change["before"]) != _own_environment(change["now"]):
        return "the component's environment (its requirements or Python version) changed"
    return "the execution environment changed"


def _own_environment(environment: Any) -> str | None:
    """The digest of a component's own environment in an environment part (after the `+`)."""
    if not isinstance(environment, str) or "+" not in environment:
        return None
    return environment.split("+", 1)[1]
