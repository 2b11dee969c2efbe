"""A run on the server: its state, waiting for it with a progress display, its outputs, logs and
metrics.

`Run` keeps the last state it read (`info`); `refresh()` reads again and `wait()` polls until the
run ends, printing each node's changes as they happen. It must not create runs: the client does.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from pipewright.artifacts import Artifact, require_pandas
from pipewright.errors import PipewrightError
from pipewright.models import LogLine, NodeRunInfo, RunInfo
from pipewright.transport import Transport

FINAL = ("completed", "failed", "canceled")
NODE_DONE = ("completed", "reused", "failed", "canceled", "skipped")


class Run:
    def __init__(self, transport: Transport, info: RunInfo) -> None:
        self._transport = transport
        self.info = info

    def __repr__(self) -> str:
        return f"<Run {self.id} {self.status}>"

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def status(self) -> str:
        return self.info.status

    @property
    def done(self) -> bool:
        return self.status in FINAL

    @property
    def ok(self) -> bool:
        return self.status == "completed"

    @property
    def url(self) -> str:
        """Where the run opens in the browser."""
        return f"{self._transport.url}/runs/{self.id}"

    @property
    def nodes(self) -> dict[str, NodeRunInfo]:
        return {node.node: node for node in self.info.nodes}

    def refresh(self) -> Run:
        self.info = self._transport.one("runs.get", {"id": self.id})
        return self

    def wait(
        self,
        timeout: float | None = None,
        progress: bool | Callable[[Run], None] = True,
        interval: float = 0.5,
        stream: TextIO | None = None,
    ) -> Run:
        """Poll until the run ends (or `timeout` seconds pass: `TimeoutError`).

        `progress=True` prints node changes to stderr; a callable gets the run after each poll.
        """
        report = progress if callable(progress) else None
        printer = ProgressPrinter(stream or sys.stderr) if progress is True else None
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            self.refresh()
            if printer:
                printer.update(self.info)
            if report:
                report(self)
            if self.done:
                return self
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(f"run {self.id} is still {self.status} after {timeout}s")
            time.sleep(interval)
            interval = min(interval * 1.5, 3.0)

    def cancel(self) -> Run:
        self.info = self._transport.one("runs.cancel", {"id": self.id})
        return self

    @property
    def outputs(self) -> dict[str, dict[str, Artifact]]:
        """`run.outputs[node][port]`: each finished node's outputs."""
        return {
            node.node: {port: Artifact(self._transport, aid) for port, aid in node.outputs.items()}
            for node in self.info.nodes
        }

    def log_lines(self, node: str, after: int = 0) -> list[LogLine]:
        """One node's log lines numbered after `after` (all by default); a reused node's come
        from the run that executed it."""
        self._node(node)
        lines: list[LogLine] = []
        while True:
            page = self._transport.one(
                "runs.logs", {"id": self.id, "node": node}, params={"after": after}
            )
            lines += page.lines
            if not page.lines or page.last_seq <= after:
                return lines
            after = page.last_seq

    def logs(self, node: str) -> str:
        """One node's log as text."""
        return "".join(f"{line.line}\n" for line in self.log_lines(node))

    def metrics(self) -> Any:
        """Every metric point of every node as a DataFrame: node, name, value, step, time."""
        pandas = require_pandas()
        columns = ["node", "name", "value", "step", "time"]
        return pandas.DataFrame(self.metric_rows(), columns=columns)

    def metric_rows(self) -> list[dict[str, Any]]:
        rows = []
        for node in self.info.nodes:
            points = self._transport.many("runs.metrics", {"id": self.id, "node": node.node})
            rows += [
                {
                    "node": node.node,
                    "name": p.name,
                    "value": p.value,
                    "step": p.step,
                    "time": p.time,
                }
                for p in points
            ]
        return rows

    def latest_metrics(self) -> dict[str, dict[str, float]]:
        """`{node: {metric: latest value}}`, from the run's state (no extra request)."""
        return {node.node: dict(node.metrics) for node in self.info.nodes if node.metrics}

    def _node(self, node: str) -> NodeRunInfo:
        found = self.nodes.get(node)
        if found is None:
            raise PipewrightError(
                f"run {self.id} has no node '{node}'; nodes: {', '.join(self.nodes)}"
            )
        return found


class ProgressPrinter:
    """One line per node change: `[2/6] train: running 40%`, then the run's end."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.seen: dict[str, tuple[str, Any]] = {}
        self.run_status: str | None = None

    def update(self, info: RunInfo) -> None:
        total = len(info.nodes)
        for node in info.nodes:
            state = (node.status, _percent(node.progress))
            if self.seen.get(node.node) == state:
                continue
            self.seen[node.node] = state
            done = sum(1 for n in info.nodes if n.status in NODE_DONE)
            percent = f" {state[1]}%" if state[1] is not None and node.status == "running" else ""
            error = f": {node.error}" if node.error and node.status == "failed" else ""
            self._print(f"[{done}/{total}] {node.node}: {node.status}{percent}{error}")
        if info.status != self.run_status:
            self.run_status = info.status
            if info.status in FINAL:
                self._print(f"run {info.id} {info.status}")

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


def _percent(progress: Mapping[str, Any] | None) -> int | None:
    if not progress or not progress.get("total"):
        return None
    return int(100 * float(progress.get("current") or 0) / float(progress["total"]))
