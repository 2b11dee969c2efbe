"""Run in a child process: unpickle an uploaded model and say what it is, as JSON.

`python -m designer.models.probe PATH ANSWER MEMORY_MB` writes `{"summary": {...}, "predicts":
bool}` or `{"error": "..."}` to the file ANSWER (not to stdout, which the pickle's code may
use). Unpickling runs whatever code the pickle names, so the web process never does it:
`services/upload.py` starts this module with the step environment (no server secrets), a
memory cap and a timeout, walled in like a step when isolation is on: it then sees this file,
`designer/runtime`, `designer/kernel` and the model, nothing else of the checkout. So it must
import nothing of Django and nothing above the runtime.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

from designer.runtime.limits import apply_limits
from designer.runtime.models import TrainedModel
from designer.runtime.summaries import summarize_model


def describe(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except Exception as exc:  # any failure of foreign bytes is an answer, not a crash
        return {"error": f"{type(exc).__name__}: {exc}"[:500]}
    inner = value.estimator if isinstance(value, TrainedModel) else value
    return {
        "summary": summarize_model(value),
        "predicts": callable(getattr(inner, "predict", None)),
    }


def main(argv: list[str]) -> int:
    path, answer, memory_mb = Path(argv[0]), Path(argv[1]), int(argv[2])
    apply_limits({"memory_mb": memory_mb})
    answer.write_text(json.dumps(describe(path), default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
