"""The port types a component may declare: the one definition the backend uses.

A port's type decides how its value travels between steps (the runtime's on-disk form, the
artifact row's kind, the registry's port filter), so every one of those reads this list rather
than keeping its own. Plain Python: no Django, no I/O.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PORT_TYPES", "PortType"]


class PortType(StrEnum):
    """A port type; a member equals its name as written in component.yaml."""

    DATAFRAME = "dataframe"
    MODEL = "model"
    FILE = "file"
    FOLDER = "folder"
    JSON = "json"


# Plain strings, in declaration order: they end up in error messages, the OpenAPI schema and
# YAML, where an enum member would not serialise as its bare name everywhere.
PORT_TYPES: tuple[str, ...] = tuple(port_type.value for port_type in PortType)
