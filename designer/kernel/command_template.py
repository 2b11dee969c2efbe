"""The command line of a `command` component: placeholders and optional blocks.

A template names port paths and parameter values with `${{inputs.x}}`, `${{outputs.y}}` and
`${{params.z}}`. A part written `$[[ ... ]]` is an optional block: it stays (without its
brackets) when every placeholder in it has a value, and goes when one of them has none (an
optional input left unconnected, an optional parameter left empty). This module reads that
syntax and resolves the blocks; it must not substitute values or run anything (the runtime
does), and must not know component specs (`spec.py` checks names against them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\$\{\{(.*?)\}\}")
PLACEHOLDER_BODY = re.compile(r"(inputs|outputs|params)\.([A-Za-z0-9_]+)")
BLOCK_OPEN = "$[["
BLOCK_CLOSE = "]]"

Missing = Callable[[str, str], bool]
"""(section, name) -> True when that input or parameter has no value in this run."""


class TemplateError(ValueError):
    """The template's optional blocks are not well formed; the message says how to fix it."""


@dataclass(frozen=True)
class Segment:
    text: str
    optional: bool


def segments(template: str) -> list[Segment]:
    """The template cut into plain text and optional blocks, in order."""
    found: list[Segment] = []
    rest = template
    while True:
        start = rest.find(BLOCK_OPEN)
        if start < 0:
            found.append(Segment(rest, False))
            return [segment for segment in found if segment.text]
        end = rest.find(BLOCK_CLOSE, start + len(BLOCK_OPEN))
        if end < 0:
            raise TemplateError(f"an optional block opened with {BLOCK_OPEN} is never closed")
        body = rest[start + len(BLOCK_OPEN) : end]
        if BLOCK_OPEN in body:
            raise TemplateError("optional blocks cannot be nested; close the first one first")
        if not PLACEHOLDER.search(body):
            raise TemplateError(
                f"the optional block '{BLOCK_OPEN}{body}{BLOCK_CLOSE}' has no placeholder to "
                "decide on; put an input or parameter like ${{inputs.x}} in it"
            )
        found.append(Segment(rest[:start], False))
        found.append(Segment(body, True))
        rest = rest[end + len(BLOCK_CLOSE) :]


def placeholders(text: str) -> list[tuple[str, str] | str]:
    """Each placeholder of `text`: (section, name), or the raw text of a malformed one."""
    found: list[tuple[str, str] | str] = []
    for match in PLACEHOLDER.finditer(text):
        body = PLACEHOLDER_BODY.fullmatch(match.group(1))
        found.append((body.group(1), body.group(2)) if body else match.group(0))
    return found


def resolve_blocks(template: str, missing: Missing) -> str:
    """The template with each optional block kept (brackets removed) or dropped."""
    kept = []
    for segment in segments(template):
        named = [found for found in placeholders(segment.text) if isinstance(found, tuple)]
        if segment.optional and any(missing(section, name) for section, name in named):
            continue
        kept.append(segment.text)
    return "".join(kept)
