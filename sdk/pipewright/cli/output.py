"""How commands answer: aligned tables and short lines for people, JSON for scripts (`--json`).

A command hands over data once (`table`, `record`, `message`); this module decides the form.
JSON goes to stdout whole and parseable; notes for people go to stderr so they never mix into it.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from pipewright.models import ApiObject


def plain(value: Any) -> Any:
    """JSON-ready data from typed objects (their full server answer) and dataclasses."""
    if isinstance(value, ApiObject):
        return value.raw or {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "raw"
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class Output:
    def __init__(self, as_json: bool, stdout: TextIO | None = None, stderr: TextIO | None = None):
        self.as_json = as_json
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr

    def table(self, items: Sequence[Any], columns: Sequence[str], empty: str = "nothing") -> None:
        """A list of objects: their JSON, or a table of `columns` (attribute or key names)."""
        if self.as_json:
            self.json([plain(item) for item in items])
            return
        if not items:
            self.note(f"({empty})")
            return
        rows = [[_cell(_get(item, c)) for c in columns] for item in items]
        self.lines(_aligned([c.upper() for c in columns], rows))

    def record(self, item: Any, fields: Sequence[str]) -> None:
        """One object: its JSON, or `field: value` lines."""
        if self.as_json:
            self.json(plain(item))
            return
        width = max(len(f) for f in fields)
        self.lines(f"{f.ljust(width)}  {_cell(_get(item, f))}" for f in fields)

    def message(self, text: str, data: Any = None) -> None:
        """A result: `data` as JSON, or `text` for people."""
        if self.as_json:
            self.json(plain(data if data is not None else {"message": text}))
        else:
            print(text, file=self.stdout)

    def text(self, text: str) -> None:
        """Content that is the answer itself (code, YAML, a log), written as it is."""
        self.stdout.write(text if text.endswith("\n") or not text else text + "\n")

    def note(self, text: str) -> None:
        """For people only (stderr), never part of the answer."""
        print(text, file=self.stderr)

    def json(self, data: Any) -> None:
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str), file=self.stdout)

    def lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            print(line.rstrip(), file=self.stdout)


def _get(item: Any, name: str) -> Any:
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
