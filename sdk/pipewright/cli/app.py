"""The `pipewright` command: its argument tree, and the one place failures become exit codes.

Exit codes: 0 done; 1 refused or failed (one line on stderr says why); 2 bad usage; 3 a run
that was waited for ended failed or canceled; 130 interrupted. `--url`, `--token`,
`--workspace` and `--json` are accepted before or after the command words.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from pipewright.cli import (
    data_commands,
    pipeline_commands,
    registry_commands,
    workspace_commands,
)
from pipewright.cli.output import Output
from pipewright.errors import PipewrightError

EXIT_FAILED = 1
EXIT_RUN_FAILED = 3
EXIT_INTERRUPTED = 130


class Context:
    """What a command needs: its arguments, where to answer, and a client made on first use."""

    def __init__(self, args: argparse.Namespace, out: Output) -> None:
        self.args = args
        self.out = out
        self._client: Any = None

    def client(self) -> Any:
        if self._client is None:
            from pipewright.client import Client

            self._client = Client(self.args.url, self.args.token, workspace=self.args.workspace)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def common_options(suppress: bool) -> argparse.ArgumentParser:
    """--url, --token, --workspace, --json; on subcommands they default to 'not given' so that
    a value put before the command words is kept."""
    parser = argparse.ArgumentParser(add_help=False)
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--url", help="server URL (else PIPEWRIGHT_URL, else login)", **default)
    parser.add_argument("--token", help="API token (else PIPEWRIGHT_TOKEN, else login)", **default)
    parser.add_argument(
        "--workspace",
        help="the workspace to work in (else PIPEWRIGHT_WORKSPACE, else all of yours; "
        "new objects go to your default one)",
        **default,
    )
    parser.add_argument(
        "--json", action="store_true", help="answer in JSON, for scripts", **default
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipewright",
        description="Pipewright from the command line: components, pipelines, runs, endpoints, "
        "datasets, models and workspaces on a Pipewright server.",
        parents=[common_options(suppress=False)],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = common_options(suppress=True)
    registry_commands.register(commands, common)
    pipeline_commands.register(commands, common)
    data_commands.register(commands, common)
    workspace_commands.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(bool(args.json))
    context = Context(args, out)
    try:
        return int(args.handler(context) or 0)
    except PipewrightError as exc:
        print(f"pipewright: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("pipewright: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        context.close()


def one_line(text: str) -> str:
    return " ".join(text.split()) or "failed"
