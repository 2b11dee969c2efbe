"""Events: metrics, progress, log lines, and the file sink under many threads."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest

from designer.runtime import log_metric, report_progress
from designer.runtime.capture import LineWriter
from designer.runtime.events import FileEventSink, MemoryEventSink, active_sink, fallback_events


def test_metrics_go_to_the_active_sink_else_to_the_fallback() -> None:
    sink = MemoryEventSink()
    with active_sink(sink):
        log_metric("r2", np.float64(0.91))
        report_progress(3, 10)
    assert sink.events == [
        {"type": "metric", "name": "r2", "value": 0.91, "step": None},
        {"type": "progress", "current": 3, "total": 10},
    ]
    before = len(fallback_events())
    log_metric("outside", 1)
    assert fallback_events()[before:] == [
        {"type": "metric", "name": "outside", "value": 1.0, "step": None}
    ]


def test_non_finite_metrics_become_null() -> None:
    sink = MemoryEventSink()
    with active_sink(sink):
        log_metric("auc", float("nan"), step=2)
    assert sink.events == [{"type": "metric", "name": "auc", "value": None, "step": 2}]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: log_metric("", 1), "non-empty string name"),
        (lambda: log_metric("x", "high"), "could not convert"),
        (lambda: log_metric("x", 1, step=1.5), "whole number"),
        (lambda: report_progress(1, 0), "total > 0"),
        (lambda: report_progress(-1, 5), "current >= 0"),
    ],
)
def test_bad_reports_are_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_file_sink_keeps_lines_whole_across_threads(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"

    def emit_many(sink: FileEventSink, thread: int) -> None:
        for index in range(300):
            sink.emit({"type": "log", "stream": "stdout", "line": f"{thread}-{index} " + "x" * 200})

    with FileEventSink(path) as sink:
        threads = [threading.Thread(target=emit_many, args=(sink, n)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    events = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(events) == 8 * 300
    assert len({event["line"] for event in events}) == 8 * 300


def test_line_writer_splits_lines_and_flushes_the_rest_on_close() -> None:
    lines: list[str] = []
    writer = LineWriter(lines.append)
    writer.write("one\ntw")
    writer.write("o\r\nthree")
    assert lines == ["one", "two"]
    writer.close()
    assert lines == ["one", "two", "three"]
