"""What a local run gives back: node states, outputs, metrics and logs, shaped like a server run
(`run.outputs["evaluate"]["metrics"]`, `run.logs("train")`, `run.metrics()`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipewright.artifacts import require_pandas
from pipewright.errors import PipewrightError
from pipewright.local.values import read_value


@dataclass
class LocalOutput:
    """One output of a local node: its port type, where it lies, its content digest."""

    type: str
    path: Path
    digest: str

    def value(self) -> Any:
        """The Python value a downstream component would receive."""
        return read_value(self.type, self.path)

    def to_pandas(self) -> Any:
        require_pandas()
        if self.type != "dataframe":
            raise PipewrightError(f"this output is a {self.type}, not a dataframe")
        return self.value()

    def json(self) -> Any:
        if self.type != "json":
            raise PipewrightError(f"this output is a {self.type}, not json")
        return self.value()


@dataclass
class LocalNodeRun:
    node: str
    component: str
    status: str = "pending"  # completed, reused, failed or skipped once the run is over
    params: dict[str, Any] = field(default_factory=dict)
    cache_parts: dict[str, Any] = field(default_factory=dict)
    cache_key: str = ""
    outputs: dict[str, LocalOutput] = field(default_factory=dict)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    traceback: str | None = None


@dataclass
class LocalRun:
    nodes: dict[str, LocalNodeRun]

    @property
    def status(self) -> str:
        states = {n.status for n in self.nodes.values()}
        return "failed" if "failed" in states else "completed"

    @property
    def ok(self) -> bool:
        return self.status == "completed"

    @property
    def outputs(self) -> dict[str, dict[str, LocalOutput]]:
        return {node_id: dict(node.outputs) for node_id, node in self.nodes.items()}

    def logs(self, node: str) -> str:
        return "".join(f"{line}\n" for _, line in self._node(node).lines)

    def latest_metrics(self) -> dict[str, dict[str, Any]]:
        return {
            node_id: {m["name"]: m["value"] for m in node.metrics}
            for node_id, node in self.nodes.items()
            if node.metrics
        }

    def metrics(self) -> Any:
        """Every metric as a pandas DataFrame (node, name, value, step), like a server run's."""
        pandas = require_pandas()
        rows = [
            {"node": node_id, **metric}
            for node_id, node in self.nodes.items()
            for metric in node.metrics
        ]
        return pandas.DataFrame(rows, columns=["node", "name", "value", "step"])

    def _node(self, node: str) -> LocalNodeRun:
        if node not in self.nodes:
            raise PipewrightError(f"the run has no node '{node}'; nodes: {', '.join(self.nodes)}")
        return self.nodes[node]
