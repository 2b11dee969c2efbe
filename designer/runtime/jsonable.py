"""Turning values that components produce into strict JSON (events, json outputs, df.attrs).

Responsible for one conversion: numpy scalars and arrays to Python numbers and lists, paths to
strings, and non-finite floats to ``None`` (a browser's ``JSON.parse`` rejects ``NaN``). It must not
guess at arbitrary objects: anything else is a ``TypeError`` that names where it was found.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Mapping
from typing import Any


def to_jsonable(value: Any, where: str = "value") -> Any:
    """A copy of ``value`` made only of dict, list, str, int, float, bool and None."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item, f"{where}[{key!r}]") for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(item, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    # numpy is imported lazily: `designer.runtime` must stay cheap to import.
    tolist = getattr(value, "tolist", None)
    if callable(tolist) and type(value).__module__.startswith("numpy"):
        return to_jsonable(tolist(), where)
    raise TypeError(f"{where} is a {type(value).__name__}, which cannot be stored as JSON")
