"""Commands for signing in, the component registry, imports and shell completion."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from pipewright import config
from pipewright.errors import PipewrightError


def register(commands, common) -> None:
    login = commands.add_parser("login", parents=[common], help="sign in and remember the server")
    login.add_argument("server", nargs="?", help="server URL (else --url or PIPEWRIGHT_URL)")
    login.add_argument("--username", "-u", help="user name (asked when missing)")
    login.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    login.set_defaults(handler=login_command)

    logout = commands.add_parser("logout", parents=[common], help="forget the saved login")
    logout.set_defaults(handler=logout_command)

    components = commands.add_parser("components", parents=[common], help="the component registry")
    actions = components.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="latest version of each component")
    listing.add_argument("--search", default="", help="words to look for")
    listing.add_argument("--category", default="", help="only this category")
    listing.set_defaults(handler=components_list)
    show = actions.add_parser("show", parents=[common], help="one component: ports, parameters")
    show.add_argument("ref", help="name (latest version) or name@version")
    show.set_defaults(handler=components_show)
    add = actions.add_parser(
        "register", parents=[common], help="register component folders, zips or @component files"
    )
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.set_defaults(handler=components_register)

    imports = commands.add_parser(
        "import", parents=[common], help="import Azure ML v2 or Kubeflow component/pipeline YAML"
    )
    imports.add_argument("files", nargs="+", metavar="FILE")
    imports.set_defaults(handler=import_command)

    completion = commands.add_parser(
        "completion", parents=[common], help="print a shell completion script"
    )
    completion.add_argument("shell", choices=["bash", "zsh", "fish"])
    completion.set_defaults(handler=completion_command)


def login_command(context) -> None:
    from pipewright.client import Client

    args = context.args
    url = args.server or args.url or os.environ.get(config.URL_VARIABLE)
    if not url:
        raise PipewrightError("give the server URL: pipewright login http://HOST:PORT")
    url = url.rstrip("/")
    token = args.token or (None if args.username else os.environ.get(config.TOKEN_VARIABLE))
    if not token:
        username = args.username or input("Username: ")
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass()
        token = Client.sign_in(url, username, password)
    with Client(url, token) as client:
        user = client.me()
    path = config.save(url, token)
    context.out.message(
        f"Signed in to {url} as {user['username']} (saved in {path})",
        {"url": url, "username": user["username"], "config": str(path)},
    )


def logout_command(context) -> None:
    removed = config.forget()
    text = "Signed out." if removed else "Not signed in."
    context.out.message(text, {"signed_out": removed})


def components_list(context) -> None:
    found = context.client().components.list(
        search=context.args.search, category=context.args.category
    )
    context.out.table(found, ["name", "version", "category", "display_name"], "no components")


def components_show(context) -> None:
    detail = context.client().components.info(context.args.ref)
    if context.out.as_json:
        context.out.json(detail.raw)
        return
    context.out.record(detail, ["name", "version", "display_name", "category", "description"])
    for section in ("inputs", "outputs", "parameters"):
        described = [_describe(name, body) for name, body in getattr(detail, section).items()]
        context.out.lines([f"{section}:", *(described or ["  -"])])


def _describe(name: str, body: dict) -> str:
    extras = [body.get("type", "")]
    if body.get("optional"):
        extras.append("optional")
    if body.get("default") is not None:
        extras.append(f"default {body['default']!r}")
    text = f"  {name} ({', '.join(e for e in extras if e)})"
    return f"{text}: {body['description']}" if body.get("description") else text


def components_register(context) -> None:
    from pipewright.documents import load_components

    client = context.client()
    registered = []
    for raw in context.args.paths:
        path = Path(raw)
        if path.suffix == ".zip":
            registered.append(client.components.register(path))
            continue
        registered += [client.components.register(c) for c in load_components(path)]
    context.out.table(registered, ["name", "version", "category"], "nothing registered")


def import_command(context) -> None:
    result = context.client().import_files(context.args.files)
    if context.out.as_json:
        context.out.json(result.raw)
        return
    lines = [f"component: {c.get('name')}@{c.get('version')}" for c in result.components]
    lines += [f"pipeline: {p.get('name')} (id {p.get('id')})" for p in result.pipelines]
    # What the server approximated or left out, when it says (not part of the contract).
    notes = result.raw.get("notes") or []
    lines += [f"note: {n.get('file')} {n.get('field')}: {n.get('message')}" for n in notes]
    context.out.lines(lines or ["nothing imported"])


def completion_command(context) -> None:
    from pipewright.cli.app import build_parser
    from pipewright.cli.completion import script

    context.out.text(script(build_parser(), context.args.shell))
