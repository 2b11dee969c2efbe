"""An inference graph loaded once and run in this process for each batch of request rows.

The server hands a scoring process a plan (see docs/inference.md, "Serving"): the nodes in
the order they run, each either a source (its output values are stored files: a trained
model, a fitted transform, a registered dataset) or a python component (its folder, entry
point, parameters and ports), the edges, the input port that receives the request rows and
the output port whose rows are the answer. Sources are read once at load; components are
imported once. A batch then calls each component's function in order, exactly as the executor
child calls it (`component_code`), without writing anything to disk.

It must not import Django or know where artifacts live beyond the paths in the plan.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from designer.runtime import io
from designer.runtime.component_code import collect_outputs, load_function
from designer.runtime.jsonable import to_jsonable

PREDICTION_COLUMNS = ("scored_label", "cluster")
PROBABILITY_COLUMN = "scored_probability"

Port = tuple[str, str]


class PlanError(ValueError):
    """The plan is not one this module can load."""


class NodeFailed(RuntimeError):
    """A node raised while scoring; `node` names it, the cause is the component's error."""

    def __init__(self, node: str, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.node = node
        self.error = error


@dataclass
class Step:
    """One component node: its function, parameters, and where each input comes from."""

    id: str
    function: Callable[..., Any]
    params: dict[str, Any]
    inputs: dict[str, Port | None]
    outputs: dict[str, dict[str, Any]]


@dataclass
class ScoringGraph:
    steps: list[Step]
    stored: dict[Port, Any]
    rows_into: Port
    answer: Port

    @classmethod
    def load(cls, plan: Mapping[str, Any]) -> ScoringGraph:
        """Read every source value and import every component of `plan` once."""
        rows_into = _port(plan, "input")
        feeds = _feeds(plan.get("edges") or [], rows_into)
        stored: dict[Port, Any] = {}
        steps: list[Step] = []
        for node in plan.get("nodes") or []:
            if "values" in node:
                for port, value in node["values"].items():
                    stored[(node["id"], port)] = io.read_value(value["type"], value["path"])
            else:
                steps.append(_step(node, feeds))
        return cls(steps, stored, rows_into, _port(plan, "answer"))

    def score(self, columns: Mapping[str, list[Any]]) -> dict[str, Any]:
        """`{"predictions": [...], "probabilities"?: [...]}` for the rows given by column."""
        frame = pd.DataFrame(dict(columns))
        produced: dict[Port, Any] = {}
        for step in self.steps:
            kwargs = {port: self._value(source, produced) for port, source in step.inputs.items()}
            if step.id == self.rows_into[0]:
                kwargs[self.rows_into[1]] = frame
            try:
                returned = step.function(**kwargs, **step.params)
                values = collect_outputs(returned, step.outputs)
            except Exception as exc:  # user code may raise anything; name the node
                raise NodeFailed(step.id, exc) from exc
            for port, value in values.items():
                produced[(step.id, port)] = value
        answer = produced.get(self.answer, self.stored.get(self.answer))
        return answer_of(answer, len(frame), list(frame.columns))

    def _value(self, source: Port | None, produced: dict[Port, Any]) -> Any:
        if source is None:
            return None
        if source in produced:
            return produced[source]
        value = self.stored[source]
        # A stored table is shared by every batch: hand each a copy it may change freely
        # (copy-on-write makes this cheap until a column is written).
        return value.copy(deep=False) if isinstance(value, pd.DataFrame) else value


def answer_of(frame: Any, rows: int, sent: list[str]) -> dict[str, Any]:
    """Predictions (and probabilities) from the rows the answer port holds."""
    if not isinstance(frame, pd.DataFrame):
        raise PlanError(f"the answer is a {type(frame).__name__}, not rows")
    if len(frame) != rows:
        raise PlanError(
            f"the pipeline answered {len(frame)} rows for {rows}: an inference pipeline must "
            "answer one row for each row it is sent, in order"
        )
    column = prediction_column(frame, sent)
    if column is None:
        predictions = to_jsonable(frame.to_dict(orient="records"), "the answer")
    else:
        predictions = to_jsonable(frame[column].tolist(), column)
    answer: dict[str, Any] = {"predictions": predictions}
    if PROBABILITY_COLUMN in frame.columns:
        answer["probabilities"] = to_jsonable(frame[PROBABILITY_COLUMN].tolist(), "probability")
    return answer


def prediction_column(frame: pd.DataFrame, sent: list[str]) -> str | None:
    """Score Model's or Assign Data to Clusters' column; else the first one the pipeline
    added to the rows it was sent; None when it added none (whole rows are the answer)."""
    for name in PREDICTION_COLUMNS:
        if name in frame.columns:
            return name
    added = [str(c) for c in frame.columns if c not in sent]
    return added[0] if added else None


def _step(node: Mapping[str, Any], feeds: dict[Port, Port]) -> Step:
    component_dir = Path(node["component_dir"]).resolve()
    if not node.get("python"):
        raise PlanError(f"node {node['id']} has no python entry point")
    # Helper modules next to the component's code import by their plain names.
    if str(component_dir) not in sys.path:
        sys.path.insert(0, str(component_dir))
    return Step(
        id=node["id"],
        function=load_function(component_dir, node["python"]),
        params=dict(node.get("params") or {}),
        inputs={port: feeds.get((node["id"], port)) for port in node.get("inputs") or {}},
        outputs=dict(node.get("outputs") or {}),
    )


def _feeds(edges: list[Mapping[str, str]], rows_into: Port) -> dict[Port, Port]:
    """(target node, port) -> (source node, port); the request rows replace any edge into
    the input port (a pipeline may keep stored rows connected there for trying it out)."""
    feeds = {}
    for edge in edges:
        target = (edge["target"], edge["target_port"])
        if target != rows_into:
            feeds[target] = (edge["source"], edge["source_port"])
    return feeds


def _port(plan: Mapping[str, Any], key: str) -> Port:
    value = plan.get(key) or {}
    if not value.get("node") or not value.get("port"):
        raise PlanError(f"the plan names no {key} node and port")
    return (str(value["node"]), str(value["port"]))
