"""Commands for endpoints (list, publish, call), datasets (list, upload, download) and models
(list, register, download)."""

from __future__ import annotations

from pathlib import Path

from pipewright.cli.pipeline_commands import add_run_options, finish_run, parse_params


def register(commands, common) -> None:
    endpoints = commands.add_parser("endpoints", parents=[common], help="published pipelines")
    actions = endpoints.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help="endpoints").set_defaults(
        handler=endpoints_list
    )
    publish = actions.add_parser("publish", parents=[common], help="publish a pipeline version")
    publish.add_argument("pipeline", metavar="PIPELINE", help="pipeline name or id")
    publish.add_argument("--endpoint", required=True, help="endpoint name (created if new)")
    publish.add_argument("--description", default="", help="what this version changes")
    publish.set_defaults(handler=endpoints_publish)
    call = actions.add_parser("call", parents=[common], help="start a run of an endpoint")
    call.add_argument("endpoint", metavar="NAME")
    call.add_argument("--version", type=int, help="this version instead of the default one")
    add_run_options(call)
    call.set_defaults(handler=endpoints_call)

    datasets = commands.add_parser("datasets", parents=[common], help="registered datasets")
    actions = datasets.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="datasets")
    listing.add_argument("--search", default="")
    listing.set_defaults(handler=datasets_list)
    upload = actions.add_parser("upload", parents=[common], help="upload a file as a new version")
    upload.add_argument("file", metavar="FILE", help=".csv, .tsv, .parquet, .json or .jsonl")
    upload.add_argument("--name", required=True, help="dataset name")
    upload.add_argument("--description", default="")
    upload.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    upload.set_defaults(handler=datasets_upload)
    download = actions.add_parser("download", parents=[common], help="save a version to a file")
    download.add_argument("dataset", metavar="NAME")
    download.add_argument("--version", type=int, help="default: the latest")
    download.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    download.add_argument("--output", "-o", required=True, help="file to write")
    download.set_defaults(handler=datasets_download)

    models = commands.add_parser("models", parents=[common], help="the model registry")
    actions = models.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="registered models")
    listing.add_argument("--search", default="")
    listing.set_defaults(handler=models_list)
    add = actions.add_parser("register", parents=[common], help="register a new model version")
    add.add_argument("model", metavar="NAME")
    add.add_argument("--run", type=int, help="the run that trained it")
    add.add_argument("--node", help="the node whose output it is")
    add.add_argument("--port", default="model", help="that node's output port (default: model)")
    add.add_argument("--file", help="a pickled model file instead of a run's output")
    add.add_argument("--description", default="")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.set_defaults(handler=models_register)
    fetch = actions.add_parser("download", parents=[common], help="a version as an MLflow zip")
    fetch.add_argument("model", metavar="NAME")
    fetch.add_argument("--version", type=int, help="default: the latest")
    fetch.add_argument("--output", "-o", required=True, help="zip file to write")
    fetch.set_defaults(handler=models_download)


def endpoints_list(context) -> None:
    found = context.client().endpoints.list()
    context.out.table(found, ["name", "default_version", "enabled", "description"], "no endpoints")


def endpoints_publish(context) -> None:
    args = context.args
    published = context.client().endpoints.publish(args.pipeline, args.endpoint, args.description)
    context.out.message(
        f"published {published.endpoint} version {published.version} "
        f"(default: {published.default_version})",
        published,
    )


def endpoints_call(context) -> int:
    args = context.args
    run = context.client().endpoints.call(
        args.endpoint,
        parse_params(args.param),
        version=args.version,
        experiment=args.experiment,
        force_rerun=args.force_rerun,
    )
    return finish_run(context, run)


def datasets_list(context) -> None:
    found = context.client().datasets.list(search=context.args.search)
    context.out.table(
        found, ["name", "latest_version", "version_count", "description"], "no datasets"
    )


def datasets_upload(context) -> None:
    args = context.args
    version = context.client().datasets.upload(args.file, args.name, args.description, args.tag)
    context.out.message(f"{args.name} version {version.version} ({version.digest[:12]})", version)


def datasets_download(context) -> None:
    args = context.args
    fmt = None if args.format == "parquet" else args.format
    path = context.client().datasets.download(args.dataset, args.output, args.version, fmt)
    context.out.message(f"wrote {path}", {"file": str(path)})


def models_list(context) -> None:
    found = context.client().models.list(search=context.args.search)
    context.out.table(found, ["name", "latest_version", "version_count", "aliases"], "no models")


def models_register(context) -> None:
    args = context.args
    version = context.client().models.register(
        args.model,
        run=args.run,
        node=args.node,
        port=args.port,
        file=Path(args.file) if args.file else None,
        description=args.description,
        tags=args.tag,
    )
    context.out.message(f"{args.model} version {version.version}", version)


def models_download(context) -> None:
    args = context.args
    path = context.client().models.download(args.model, args.output, args.version)
    context.out.message(f"wrote {path}", {"file": str(path)})
