"""The one pattern for names that users choose and others type: endpoint, schedule and
trigger names. Such a name may end up in a URL or a path, so it is checked here first."""

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
