"""The patterns for names that users choose and others type: endpoint, schedule and trigger
names, and node ids. Such a name may end up in a URL or a path, so it is checked here first."""

from __future__ import annotations

import re

NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
NAME_RULE = "1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit"


def name_problem(value: object) -> str | None:
    """What is wrong with `value` as a name, or None if it is a good one."""
    if not isinstance(value, str) or not value:
        return f"a name is {NAME_RULE}"
    if not NAME_PATTERN.fullmatch(value):
        return f"'{value[:80]}' is not a valid name: use {NAME_RULE}"
    return None


# Node ids name the node's work folder (`run-7/<id>-1`), so they must never be a path: no
# separators and no "..". Upper-case letters, dots and hyphens stay allowed for ids that
# pipelines already use; the frontend makes ids from component names (`split_data_2`).
NODE_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
NODE_ID_RULE = (
    "1 to 100 letters, digits, '_', '-' or '.', starting with a letter or digit, with no '..'"
)


def node_id_problem(value: object) -> str | None:
    """What is wrong with `value` as a node id, or None if it is a good one."""
    if not isinstance(value, str) or not value:
        return f"a node id is {NODE_ID_RULE}"
    if not NODE_ID_PATTERN.fullmatch(value) or ".." in value:
        return f"'{value[:80]}' is not a valid node id: use {NODE_ID_RULE}"
    return None
