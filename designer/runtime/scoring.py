"""A scoring process: one deployment's inference graph kept loaded, answering batches of rows.

`python -m designer.runtime.scoring PLAN_PATH` is started by the server (see
`designer.inference.serving.worker`) with the step environment (no server secrets), in a
work folder of its own. It loads the plan (`scoring_graph`), says `{"ready": true}` (or
`{"error": ...}`) as its first frame on stdout, then answers each request frame
`{"id", "columns": {name: [values]}}` with `{"id", "predictions", "probabilities"?}` or
`{"id", "error": {"node", "type", "message"}}`, one at a time, until stdin closes.

The frames use the process's original stdin and stdout; before any user code runs, stdin is
pointed at /dev/null and stdout at stderr (the log file), so a component that prints cannot
corrupt the stream. No Django here.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any, BinaryIO

from designer.runtime.child import die_with_parent
from designer.runtime.data_access import active_data_roots
from designer.runtime.environment import enter_work_dir
from designer.runtime.events import active_sink
from designer.runtime.frames import read_frame, write_frame
from designer.runtime.limits import apply_limits
from designer.runtime.scoring_graph import NodeFailed, ScoringGraph

# A component that prints on every request must not fill the disk: past this the log restarts.
MAX_LOG_BYTES = 10 * 1024 * 1024
MAX_MESSAGE = 2000


class DiscardedEvents:
    """Metrics and progress mean nothing per request; keeping them would grow without end."""

    def emit(self, event: dict[str, Any]) -> None:
        return None


def main(argv: list[str]) -> int:
    plan_path = Path(argv[0]).resolve()
    requests, answers = _protocol_streams()
    die_with_parent()
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    enter_work_dir(plan_path.parent)  # again: nothing but the allow-list reaches user code
    with active_sink(DiscardedEvents()), active_data_roots([]):
        try:
            apply_limits(plan.get("limits"))
            graph = ScoringGraph.load(plan)
        except BaseException as exc:  # unpickling and importing user code may raise anything
            write_frame(answers, {"error": _error(None, exc)})
            return 1
        write_frame(answers, {"ready": True, "pid": os.getpid()})
        serve(graph, requests, answers)
    return 0


def serve(graph: ScoringGraph, requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer request frames one after the other until the server closes the stream."""
    while (request := read_frame(requests)) is not None:
        write_frame(answers, answer(graph, request))
        _keep_log_small()


def answer(graph: ScoringGraph, request: dict[str, Any]) -> dict[str, Any]:
    try:
        return {"id": request.get("id"), **graph.score(request["columns"])}
    except NodeFailed as failed:
        return {"id": request.get("id"), "error": _error(failed.node, failed.error)}
    except Exception as exc:  # the answer itself is malformed (rows lost, not a table)
        return {"id": request.get("id"), "error": _error(None, exc)}


def _error(node: str | None, exc: BaseException) -> dict[str, Any]:
    print("".join(traceback.format_exception(exc)), file=sys.stderr, flush=True)
    return {"node": node, "type": type(exc).__name__, "message": str(exc)[:MAX_MESSAGE]}


def _protocol_streams() -> tuple[BinaryIO, BinaryIO]:
    """Private copies of stdin and stdout for frames; fd 0 becomes /dev/null, fd 1 the log."""
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    return requests, answers


def _keep_log_small() -> None:
    try:
        if os.fstat(2).st_size > MAX_LOG_BYTES:
            os.ftruncate(2, 0)
    except OSError:
        pass  # stderr is not a file (a terminal, a pipe): nothing grows here


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
