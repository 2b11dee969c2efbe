"""Workspaces from the SDK and the command line: a client (or a command) in a workspace says so
on every request; workspaces are made and their members managed; the server's refusals come
back as errors, against the real API."""

import json

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_started
from django.core.wsgi import get_wsgi_application
from pipewright import ApiError, Client, Conflict
from pipewright.cli.app import main

from designer.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """The workspace each request the server received chose: (path, header value or None)."""
    seen: list[tuple[str, str | None]] = []

    def record(sender, environ=None, **kwargs):
        if environ is not None:
            seen.append((environ["PATH_INFO"], environ.get("HTTP_X_PIPEWRIGHT_WORKSPACE")))

    request_started.connect(record)
    yield seen
    request_started.disconnect(record)


@pytest.fixture
def token(user):
    return create_token(user, "sdk")[1]


@pytest.fixture
def connect(token, builtins):
    """A client as `Client(...)` makes it, speaking to the Django app in this process."""
    made = []

    def connect(**options) -> Client:
        client = Client("http://testserver", token, **options)
        headers = client.transport._http.headers  # what the SDK itself would send
        client.transport._http = httpx.Client(
            base_url="http://testserver",
            transport=httpx.WSGITransport(app=get_wsgi_application()),
            headers=headers,
        )
        made.append(client)
        return client

    yield connect
    for client in made:
        client.close()


def test_a_client_in_a_workspace_says_so_on_every_request(connect, received, tmp_path):
    anywhere = connect()
    lab = anywhere.workspaces.create("lab", "experiments")
    assert (lab.name, lab.role, lab.member_count) == ("lab", "owner", 1)
    anywhere.pipelines.list()
    assert {workspace for _, workspace in received} == {None}

    received.clear()
    in_lab = connect(workspace="lab")
    assert in_lab.workspace == in_lab.transport.workspace == "lab"
    in_lab.pipelines.list()
    table = tmp_path / "houses.csv"
    table.write_text("rooms,price\n2,100\n3,150\n")
    in_lab.datasets.upload(table, "houses")
    assert [path for path, _ in received] == ["/api/pipelines/", "/api/datasets/"]
    assert {workspace for _, workspace in received} == {"lab"}


def test_the_environment_names_the_workspace_and_an_argument_beats_it(
    connect, received, monkeypatch
):
    monkeypatch.setenv("PIPEWRIGHT_WORKSPACE", "lab")
    assert connect().workspace == "lab"
    assert connect(workspace="default").workspace == "default"
    connect().me()
    connect(workspace="default").me()
    assert [workspace for _, workspace in received] == ["lab", "default"]
    assert "workspace=lab" in repr(connect())


def test_members_are_added_changed_and_removed_and_a_workspace_keeps_an_owner(connect):
    get_user_model().objects.create_user(username="grace", password="hopper")
    client = connect()
    client.workspaces.create("lab")
    added = client.workspaces.add_member("lab", "grace", "reader")
    assert (added.user, added.role) == ("grace", "reader")
    assert client.workspaces.set_role("lab", "grace", "owner").role == "owner"
    members = client.workspaces.members("lab")
    assert sorted((m.user, m.role) for m in members) == [("ada", "owner"), ("grace", "owner")]
    assert sorted((w.name, w.role) for w in client.workspaces.list()) == [
        ("default", "owner"),
        ("lab", "owner"),
    ]

    with pytest.raises(ApiError) as unknown:
        client.workspaces.add_member("lab", "nobody")
    assert (unknown.value.status, unknown.value.code) == (400, "no_user")
    with pytest.raises(Conflict):
        client.workspaces.add_member("lab", "grace")

    client.workspaces.remove_member("lab", "grace")
    with pytest.raises(Conflict) as last:
        client.workspaces.set_role("lab", "ada", "reader")
    assert last.value.code == "last_owner"
    assert [m.user for m in client.workspaces.members("lab")] == ["ada"]


def test_the_workspace_commands_and_the_workspace_option(
    transactional_db, live_server, user, received, capsys, monkeypatch
):
    """The command itself, over HTTP to a server in this process."""
    get_user_model().objects.create_user(username="grace", password="hopper")
    raw = create_token(user, "cli")[1]
    monkeypatch.delenv("PIPEWRIGHT_WORKSPACE", raising=False)
    signed_in = ["--url", live_server.url, "--token", raw]

    def run(*args: str) -> str:
        assert main([*signed_in, *args]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    assert run("workspaces", "create", "lab") == "created workspace lab (you are its owner)\n"
    listed = run("workspaces", "list")
    assert listed.splitlines()[0].split() == ["NAME", "ROLE", "MEMBER_COUNT", "DESCRIPTION"]
    assert sorted(line.split()[:2] for line in listed.splitlines()[1:]) == [
        ["default", "owner"],
        ["lab", "owner"],
    ]
    assert run("workspaces", "add-member", "lab", "grace", "--role", "reader") == (
        "grace is reader of lab\n"
    )
    members = json.loads(run("workspaces", "members", "lab", "--json"))
    assert sorted((m["user"], m["role"]) for m in members) == [
        ("ada", "owner"),
        ("grace", "reader"),
    ]

    assert {workspace for _, workspace in received} == {None}
    received.clear()
    run("--workspace", "lab", "pipelines", "list")
    run("pipelines", "list", "--workspace", "default")
    monkeypatch.setenv("PIPEWRIGHT_WORKSPACE", "lab")
    run("pipelines", "list")
    assert received == [("/api/pipelines/", w) for w in ("lab", "default", "lab")]

    assert main([*signed_in, "workspaces", "add-member", "lab", "nobody"]) == 1
    assert capsys.readouterr().err == "pipewright: No user 'nobody'.\n"

    assert run("workspaces", "set-role", "lab", "grace", "contributor") == (
        "grace is contributor of lab\n"
    )
    assert main([*signed_in, "workspaces", "set-role", "lab", "ada", "reader"]) == 1
    assert "at least one owner" in capsys.readouterr().err
    assert run("workspaces", "remove-member", "lab", "grace") == (
        "grace is no longer a member of lab\n"
    )
    members = json.loads(run("workspaces", "members", "lab", "--json"))
    assert [(m["user"], m["role"]) for m in members] == [("ada", "owner")]
