"""What a model output is, told in plain JSON, for the web process that must never unpickle it.

The executor child holds the Python object anyway, so it describes each model output here: the
estimator's class name, its ``get_params()`` (or a plain dataclass's fields) made JSON-safe, and a
TrainedModel's label column, feature columns and task. The result goes into the ``result`` event
next to the output's path. Describing must never fail a node: anything odd becomes text, and an
error becomes a summary that says so. No Django, no scikit-learn import.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

from designer.runtime.jsonable import to_jsonable
from designer.runtime.models import TrainedModel

MAX_PARAMS = 100
MAX_TEXT = 300


def summarize_model(value: Any) -> dict[str, Any]:
    """``{"class", "params", "label_column", "feature_columns", "task"}`` for a model value."""
    try:
        return _summary(value)
    except Exception as exc:  # a broken __repr__ or get_params must not fail the node
        return {
            "class": type(value).__name__,
            "params": None,
            "label_column": None,
            "feature_columns": None,
            "task": None,
            "error": _short(f"{type(exc).__name__}: {exc}"),
        }


def summarize_model_file(path: str | Path) -> dict[str, Any]:
    """The summary of a pickled model a command component wrote (read here, in the child)."""
    try:
        with Path(path).open("rb") as handle:
            value = pickle.load(handle)
    except Exception as exc:
        return {
            "class": None,
            "params": None,
            "label_column": None,
            "feature_columns": None,
            "task": None,
            "error": _short(f"cannot load the pickle: {type(exc).__name__}: {exc}"),
        }
    return summarize_model(value)


def _summary(value: Any) -> dict[str, Any]:
    trained = value if isinstance(value, TrainedModel) else None
    inner = trained.estimator if trained is not None else value
    return {
        "class": type(inner).__name__,
        "params": _params(inner),
        "label_column": trained.label_column if trained else None,
        "feature_columns": list(trained.feature_columns) if trained else None,
        "task": trained.task if trained else None,
    }


def _params(value: Any) -> dict[str, Any] | None:
    get_params = getattr(value, "get_params", None)
    if callable(get_params):
        raw = get_params(deep=False)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        raw = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    else:
        return None
    if not isinstance(raw, dict):
        return None
    items = sorted(raw.items(), key=lambda item: str(item[0]))[:MAX_PARAMS]
    return {str(name): _json_safe(item) for name, item in items}


def _json_safe(value: Any) -> Any:
    try:
        converted = to_jsonable(value)
    except (TypeError, ValueError, RecursionError):
        return _short(repr(value))
    # Large fitted values (a scaler's per-column shifts) stay readable but bounded.
    text = repr(converted)
    return converted if len(text) <= MAX_TEXT * 10 else _short(text)


def _short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
