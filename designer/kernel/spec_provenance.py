"""The `image` and `origin` fields of a component spec: what an imported component brought along.

`image` names a container image the command expects to run in (Kubeflow components always name
one; Azure ML components may). Nothing here runs images: a run that needs one is refused when it
is submitted (see docs/imports.md). `origin` records where an imported component came from, so
an export can give the other system back what it wrote: the format, file, the name and version as
written there, the environment it named, its code folder and its port types.
This module only reads and checks the two fields; it must not decide how they are used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from designer.kernel.params import show_value
from designer.kernel.spec_fields import Report

IMAGE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-/:@+]{0,299}")
ORIGIN_FORMATS = ("azureml", "kfp")
ORIGIN_TEXT_KEYS = ("file", "name", "version", "environment", "code")
ORIGIN_KEYS = ("format", *ORIGIN_TEXT_KEYS, "types")


def read_image(data: Mapping[Any, Any], report: Report) -> str | None:
    """The container image reference, like python:3.9 or ghcr.io/org/tool@sha256:…"""
    image = data.get("image")
    if image is None:
        return None
    if not isinstance(image, str) or IMAGE_PATTERN.fullmatch(image) is None:
        report(
            "image",
            "image must be a container image reference like python:3.12-slim, without spaces; "
            f"got {show_value(image)}",
        )
        return None
    if data.get("command") is None:
        report("image", "only a command component can name a container image; remove image")
        return None
    return image


def read_origin(data: Mapping[Any, Any], report: Report) -> dict[str, Any] | None:
    """The `origin:` mapping, checked key by key; None when absent or unusable."""
    origin = data.get("origin")
    if origin is None:
        return None
    if not isinstance(origin, Mapping):
        report(
            "origin", f"origin must be a mapping like {{format: azureml}}, got {show_value(origin)}"
        )
        return None
    problems = len(_origin_problems(origin, report))
    return None if problems else {str(key): _plain(value) for key, value in origin.items()}


def _origin_problems(origin: Mapping[Any, Any], report: Report) -> list[str]:
    problems = []

    def problem(field: str, message: str) -> None:
        problems.append(field)
        report(field, message)

    for key in origin:
        if key not in ORIGIN_KEYS:
            problem(
                f"origin.{key}", f"unknown key '{key}'; allowed keys are {', '.join(ORIGIN_KEYS)}"
            )
    if origin.get("format") not in ORIGIN_FORMATS:
        problem(
            "origin.format",
            f"origin.format must be one of {', '.join(ORIGIN_FORMATS)}, "
            f"got {show_value(origin.get('format'))}",
        )
    for key in ORIGIN_TEXT_KEYS:
        if key in origin and not isinstance(origin[key], str):
            problem(f"origin.{key}", f"origin.{key} must be text, got {show_value(origin[key])}")
    types = origin.get("types", {})
    if not isinstance(types, Mapping) or not all(
        isinstance(name, str) and isinstance(kind, str) for name, kind in types.items()
    ):
        problem("origin.types", "origin.types must map port names to the type written there")
    return problems


def _plain(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value
