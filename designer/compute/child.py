"""Entry point of an executor child process. No Django here: the child runs user code only."""

import sys


def main(task_path: str) -> None:
    from designer.runtime.executor import run_task

    sys.exit(run_task(task_path))
