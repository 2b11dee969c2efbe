"""Commands for pipelines (list, validate, push, pull, run) and runs (list, show, watch, logs,
cancel). A pipeline FILE is Python (module-level `Pipeline` objects), or a `pipewright: 1` YAML
or JSON document as `pipelines pull --format yaml` writes it."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from pipewright.cli.output import plain
from pipewright.errors import PipewrightError

RUN_COLUMNS = ["id", "status", "pipeline_name", "experiment", "created_at", "finished_at"]


def register(commands, common) -> None:
    pipelines = commands.add_parser("pipelines", parents=[common], help="pipelines on the server")
    actions = pipelines.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="pipelines, latest changed first")
    listing.add_argument("--search", default="", help="part of the name")
    listing.set_defaults(handler=pipelines_list)
    for name, handler, text in (
        ("validate", pipelines_validate, "check a pipeline file against the server"),
        ("push", pipelines_push, "create or update the pipelines of a file"),
    ):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("file", metavar="FILE", help=".py, .yaml or .json")
        action.add_argument("--name", help="only the pipeline with this name")
        action.set_defaults(handler=handler)
    pull = actions.add_parser("pull", parents=[common], help="a stored pipeline as code or YAML")
    pull.add_argument("pipeline", metavar="NAME", help="name or id")
    pull.add_argument("--format", choices=["python", "yaml"], default="python")
    pull.add_argument("--output", "-o", help="write to this file instead of stdout")
    pull.set_defaults(handler=pipelines_pull)
    run = actions.add_parser("run", parents=[common], help="submit a run of a stored pipeline")
    run.add_argument("pipeline", metavar="NAME", help="name or id")
    add_run_options(run)
    run.set_defaults(handler=pipelines_run)

    runs = commands.add_parser("runs", parents=[common], help="runs and their nodes")
    actions = runs.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="runs, newest first")
    listing.add_argument("--pipeline", type=int, help="only runs of this pipeline id")
    listing.add_argument("--experiment", help="only runs of this experiment")
    listing.add_argument("--status", help="queued, running, completed, failed or canceled")
    listing.add_argument(
        "--limit", type=int, default=50, help="at most this many, newest first (default 50)"
    )
    listing.set_defaults(handler=runs_list)
    for name, handler, text in (
        ("show", runs_show, "a run and its nodes"),
        ("watch", runs_watch, "follow a run until it ends"),
        ("cancel", runs_cancel, "cancel a run"),
    ):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("run", type=int, metavar="ID")
        action.set_defaults(handler=handler)
    logs = actions.add_parser("logs", parents=[common], help="the log of one node")
    logs.add_argument("run", type=int, metavar="ID")
    logs.add_argument("node", metavar="NODE")
    logs.add_argument("--follow", "-f", action="store_true", help="keep printing until it ends")
    logs.set_defaults(handler=runs_logs)


def add_run_options(parser) -> None:
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="K=V",
        help="a pipeline parameter (repeatable); V is read as YAML: 3, 0.5, true, text",
    )
    parser.add_argument("--experiment", "-e", help="experiment name (default: the pipeline's)")
    parser.add_argument("--force-rerun", action="store_true", help="reuse no earlier step")
    parser.add_argument("--wait", "-w", action="store_true", help="wait, showing progress")


def parse_params(pairs: list[str]) -> dict:
    values = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key:
            raise PipewrightError(f"--param takes NAME=VALUE, not {pair!r}")
        try:
            values[key] = yaml.safe_load(text) if text else ""
        except yaml.YAMLError:
            values[key] = text
    return values


def pipelines_list(context) -> None:
    found = context.client().pipelines.list(search=context.args.search)
    context.out.table(found, ["id", "name", "node_count", "revision", "updated_at"], "no pipelines")


def _file_pipelines(context):
    from pipewright.documents import load_pipelines

    return load_pipelines(Path(context.args.file), context.args.name)


def pipelines_validate(context) -> int:
    client = context.client()
    results = [(p, client.pipelines.validate(p)) for p in _file_pipelines(context)]
    if context.out.as_json:
        context.out.json(
            [
                {"name": p.name, "valid": result.valid, "errors": plain(result.errors)}
                for p, result in results
            ]
        )
    else:
        for pipeline, result in results:
            verdict = "valid" if result.valid else f"{len(result.errors)} problem(s)"
            context.out.lines([f"{pipeline.name}: {verdict}"])
            context.out.lines(f"  {e.code}: {e.message}" for e in result.errors)
    return 0 if all(result.valid for _, result in results) else 1


def pipelines_push(context) -> None:
    client = context.client()
    records = [client.pipelines.push(p) for p in _file_pipelines(context)]
    context.out.table(records, ["id", "name", "revision"], "nothing pushed")


def pipelines_pull(context) -> None:
    client = context.client()
    if context.args.format == "yaml":
        text = client.pipelines.export_yaml(context.args.pipeline)
    else:
        text = client.pipelines.get(context.args.pipeline).to_python()
    if context.args.output:
        Path(context.args.output).write_text(text, encoding="utf-8")
        context.out.message(f"wrote {context.args.output}", {"file": context.args.output})
    else:
        context.out.text(text)


def pipelines_run(context) -> int:
    client = context.client()
    run = client.submit(
        context.args.pipeline,
        experiment=context.args.experiment,
        parameters=parse_params(context.args.param),
        force_rerun=context.args.force_rerun,
    )
    return finish_run(context, run)


def finish_run(context, run) -> int:
    """Report a started run; with --wait, follow it and exit 3 unless it completed."""
    if not context.args.wait:
        context.out.message(f"run {run.id} {run.status}: {run.url}", run.info)
        return 0
    context.out.note(f"run {run.id}: {run.url}")
    run.wait(stream=context.out.stderr)
    return report_final(context, run)


def report_final(context, run) -> int:
    from pipewright.cli.app import EXIT_RUN_FAILED

    if context.out.as_json:
        context.out.json(run.info.raw)
    else:
        context.out.lines([f"run {run.id} {run.status}"])
    if run.ok:
        return 0
    failed = [n for n in run.info.nodes if n.status == "failed"]
    reason = f"node {failed[0].node}: {failed[0].error}" if failed else run.status
    context.out.note(f"pipewright: run {run.id} {run.status}: {' '.join(str(reason).split())}")
    return EXIT_RUN_FAILED


def runs_list(context) -> None:
    args = context.args
    found = context.client().runs.list(args.pipeline, args.experiment, args.status, args.limit)
    context.out.table(found, RUN_COLUMNS, "no runs")


def runs_show(context) -> None:
    run = context.client().runs.get(context.args.run)
    if context.out.as_json:
        context.out.json(run.info.raw)
        return
    context.out.record(
        run.info,
        [
            "id",
            "status",
            "pipeline_name",
            "version",
            "experiment",
            "parameters",
            "started_at",
            "finished_at",
        ],
    )
    context.out.lines([""])
    context.out.table(run.info.nodes, ["node", "status", "component", "reused", "metrics", "error"])


def runs_watch(context) -> int:
    run = context.client().runs.get(context.args.run)
    run.wait(stream=context.out.stderr)
    return report_final(context, run)


def runs_cancel(context) -> None:
    run = context.client().runs.cancel(context.args.run)
    context.out.message(f"run {run.id} {run.status}", run.info)


def runs_logs(context) -> None:
    run = context.client().runs.get(context.args.run)
    after = 0
    while True:
        for line in run.log_lines(context.args.node, after=after):
            after = line.seq
            if context.out.as_json:
                context.out.json(line.raw)
            else:
                context.out.text(line.line)
        if not context.args.follow or run.done:
            return
        time.sleep(1)
        run.refresh()
