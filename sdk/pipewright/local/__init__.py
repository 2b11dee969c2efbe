"""Run pipelines in this process, without a server: for notebooks and unit tests.

    from pipewright import local
    result = local.run(pipeline, parameters={"seed": 1})
    result.outputs["evaluate"]["metrics"].json()

Same components, same cache-key rules as the server (see `runner.py`).
"""

from pipewright.local.results import LocalNodeRun, LocalOutput, LocalRun
from pipewright.local.runner import run

__all__ = ["LocalNodeRun", "LocalOutput", "LocalRun", "run"]
