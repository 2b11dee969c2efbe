"""Readers for single fields of a component spec, shared by the spec and parameter parsers.

Each reader returns a usable value and reports a problem through `report(field, message)` instead
of raising, so that one pass finds every problem. This module must not know the shape of a whole
spec; `spec.py` and `spec_params.py` do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from designer.kernel.params import show_value

Report = Callable[[str, str], None]
"""Receives one problem: a dotted field path and a message saying what to change."""

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
NAME_RULE = "use lower-case letters, digits and underscores, starting with a letter"
VERSION_PATTERN = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?"
)


def join(*parts: str) -> str:
    """A dotted field path from its parts, skipping empty ones."""
    return ".".join(part for part in parts if part)


def is_name(value: object) -> bool:
    return isinstance(value, str) and NAME_PATTERN.fullmatch(value) is not None


def is_ref(value: object) -> bool:
    """A component reference, name@version, with a semantic version."""
    if not isinstance(value, str):
        return False
    name, at, version = value.partition("@")
    return bool(at) and is_name(name) and VERSION_PATTERN.fullmatch(version) is not None


def check_name(value: object, field: str, what: str, report: Report) -> bool:
    """Report a name that breaks the naming rule; True when the name is fine."""
    if is_name(value):
        return True
    report(field, f"{what} {show_value(value)} is not valid; {NAME_RULE} (for example split_data)")
    return False


def check_keys(body: Mapping[Any, Any], allowed: Iterable[str], path: str, report: Report) -> None:
    """Report every key of `body` that is not in `allowed`, listing the allowed ones."""
    allowed = tuple(allowed)
    for key in body:
        if key not in allowed:
            report(
                join(path, str(key)),
                f"unknown key '{key}'; allowed keys are {', '.join(allowed)}",
            )


def read_text(body: Mapping[Any, Any], key: str, path: str, report: Report, default: str) -> str:
    """A string field; null, a missing key and the empty string all give `default`."""
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        report(join(path, key), f"{key} must be a string, got {show_value(value)}")
        return default
    return value or default


def read_bool(body: Mapping[Any, Any], key: str, path: str, report: Report, default: bool) -> bool:
    """A true/false field; null or a missing key gives `default`."""
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        report(join(path, key), f"{key} must be true or false, got {show_value(value)}")
        return default
    return value


def read_int(
    body: Mapping[Any, Any], key: str, report: Report, default: int, minimum: int, unit: str
) -> int:
    """A whole-number field of at least `minimum`; null or a missing key gives `default`."""
    value = body.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        report(
            key,
            f"{key} must be a whole number of {unit} of at least {minimum}, "
            f"got {show_value(value)}",
        )
        return default
    return value


def read_tags(body: Mapping[Any, Any], report: Report) -> tuple[str, ...]:
    """The optional `tags:` list: search words such as [classification, binary], each once."""
    value = body.get("tags")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        report(
            "tags",
            "tags must be a list of non-empty words or phrases, like [classification, binary]; "
            f"got {show_value(value)}",
        )
        return ()
    return tuple(dict.fromkeys(tag.strip() for tag in value))
