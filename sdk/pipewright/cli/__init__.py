"""The `pipewright` command line (see `app.py`); `python -m pipewright` runs it too."""

import sys


def main() -> None:
    from pipewright.cli.app import main as run

    sys.exit(run())
