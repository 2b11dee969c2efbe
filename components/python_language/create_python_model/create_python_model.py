"""Create Python Model: an untrained learner made from the user's ``class Model``.

Compiles the script here, so a broken script fails on this node with its own line numbers rather
than later in Train Model. Must not fit anything. The learner type lives in ``python_model.py``.
"""

from __future__ import annotations

from python_model import TASKS, PythonModel, model_class


def run(script: str, task: str = "regression") -> PythonModel:
    if task not in TASKS:
        raise ValueError(f"task must be one of {', '.join(TASKS)}, not {task!r}")
    model_class(script)
    return PythonModel(script=script, task=task)
