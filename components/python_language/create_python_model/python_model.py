"""PythonModel: a scikit-learn estimator whose learning comes from a user's ``class Model``.

Train Model and Score Model run in other processes, which cannot import this component folder,
so a PythonModel cannot be pickled by class reference the usual way. Instead it pickles as "run
this module's source in a fresh namespace, make a PythonModel from it, restore its state" (see
``__reduce__``), and the user's fitted ``Model`` travels as its attribute dict, rebuilt from the
script. This module must stay importable from its source text alone: no ``designer`` import and
no sibling modules.
"""

from __future__ import annotations

import linecache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils import ClassifierTags, RegressorTags, Tags
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

SCRIPT_NAME = "<script>"
TASKS = ("regression", "classification")
# Where a copy rebuilt from a pickle keeps this module's source: it has no file to read it from.
SOURCE_KEY = "__pipewright_source__"
# Evaluated on unpickling, in a namespace holding only `source` (this module's text).
REBUILD = (
    "exec(compile(source, 'pipewright_python_model', 'exec'), "
    "namespace := {'__name__': 'pipewright_python_model', '" + SOURCE_KEY + "': source}) "
    "or namespace['PythonModel'].__new__(namespace['PythonModel'])"
)


class ScriptError(Exception):
    """The user's script does not compile or does not define a usable ``class Model``."""


def model_class(script: str) -> type:
    """The ``Model`` class the script defines, checked for ``fit`` and ``predict``."""
    try:
        code = compile(script, SCRIPT_NAME, "exec")
    except SyntaxError as error:
        raise ScriptError(
            f"syntax error at line {error.lineno} of the script: {error.msg}"
        ) from None
    # Tracebacks look source lines up by file name; this makes them quote the script's lines.
    linecache.cache[SCRIPT_NAME] = (len(script), None, script.splitlines(True), SCRIPT_NAME)
    namespace: dict[str, Any] = {"__name__": "__script__"}
    exec(code, namespace)
    found = namespace.get("Model")
    if not isinstance(found, type):
        raise ScriptError("the script must define a class named Model")
    missing = [name for name in ("fit", "predict") if not callable(getattr(found, name, None))]
    if missing:
        raise ScriptError(f"class Model must define {' and '.join(missing)}")
    return found


def module_source() -> str:
    return globals().get(SOURCE_KEY) or Path(__file__).read_text(encoding="utf-8")


class PythonModel(BaseEstimator):
    """Fits and predicts with a fresh instance of the script's ``Model``; ``task`` sets its kind."""

    def __init__(self, script: str = "", task: str = "regression") -> None:
        self.script = script
        self.task = task

    def fit(self, X: Any, y: Any) -> PythonModel:
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {', '.join(TASKS)}, not {self.task!r}")
        model = model_class(self.script)()
        model.fit(X, y)
        self.model_ = model
        if self.task == "classification":
            self.classes_ = np.unique(np.asarray(y))
        return self

    def predict(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "model_")
        return np.asarray(self.model_.predict(X))

    def _offers_probabilities(self) -> bool:
        source = self.model_ if hasattr(self, "model_") else model_class(self.script)
        return self.task == "classification" and hasattr(source, "predict_proba")

    @available_if(_offers_probabilities)
    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "model_")
        return np.asarray(self.model_.predict_proba(X))

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        if self.task == "classification":
            tags.estimator_type = "classifier"
            tags.classifier_tags = ClassifierTags()
        else:
            tags.estimator_type = "regressor"
            tags.regressor_tags = RegressorTags()
        return tags

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        model = state.pop("model_", None)
        if model is not None:
            # The script's class cannot be pickled by reference; its instance's data can.
            state["model_state_"] = dict(vars(model))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        model_state = state.pop("model_state_", None)
        super().__setstate__(state)
        if model_state is not None:
            rebuilt = model_class(self.script)
            model = rebuilt.__new__(rebuilt)
            model.__dict__.update(model_state)
            self.model_ = model

    def __reduce__(self) -> tuple[Any, ...]:
        return (eval, (REBUILD, {"source": module_source()}), self.__getstate__())
