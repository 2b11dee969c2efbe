"""Every API route, every method it answers, held to the workspace rules.

The routes come from the URL conf. Each (route, method) pair must have an entry in ROUTES below
saying what it needs and how to call it, or be listed in PER_USER with the reason it belongs to
no workspace: a new endpoint without either fails `test_every_route_is_classified`.

The rules, for objects of workspace alpha (olive owner, carl contributor, rita reader; otto is
a member of beta only):
- otto hears 404 for every method of every route naming one of alpha's objects, never 403;
- rita reads (2xx) what she may VIEW and hears 403 for anything that writes or runs;
- carl hears 403 for what needs an owner (members, workspace settings);
- lists answer everyone, but show alpha's objects to alpha's members alone;
- objects of the whole instance (compute targets) are read by anyone signed in and changed by
  administrators only.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from designer.realtime.consumers import CLOSE_NOT_FOUND
from tests.accounts.clients import signed_in
from tests.accounts.sockets import Socket
from tests.accounts.world import CODE, COMPONENT, HEADER, HOUSES, World, build, settings_for
from tests.support.live import component_zip

pytestmark = pytest.mark.django_db


class Needs(StrEnum):
    VIEW = "view"  # an object of alpha, read: members 2xx, otto 404
    WRITE = "write"  # an object of alpha, changed or run: rita 403, otto 404
    ADMINISTER = "administer"  # alpha's members and settings: carl and rita 403, otto 404
    CREATE = "create"  # a new object in alpha (chosen with the header): rita 403, otto 404
    LIST = "list"  # everyone 2xx; alpha's object shown to its members only
    GLOBAL_READ = "global_read"  # of the instance, or per person: everyone signed in 2xx
    INSTANCE_ADMIN = "instance_admin"  # of the instance: 403 to all but administrators


Args = Callable[[World], dict[str, Any]]
Body = Callable[[World], Any]


@dataclass(frozen=True)
class Call:
    needs: Needs
    args: Args = lambda w: {}
    body: Body | None = None
    format: str = "json"
    query: Callable[[World], dict] | None = None
    # LIST: the (key, value) that marks alpha's object in the answer.
    shows: Callable[[World], tuple[str, Any]] | None = None


# Routes that are no workspace's: the instance's health and schema, and what a person holds of
# their own (sign-in, their tokens). Each says why.
PER_USER = {
    "health/": "the server's health, asked before anyone signs in",
    "schema/": "the API's description, the same for everyone",
    "auth/token/": "signing in: no one is known yet",
    "auth/login/": "signing in: no one is known yet",
    "auth/logout/": "ends the caller's own session",
    "auth/me/": "the caller's own account (its workspaces are tested in test_workspaces_api)",
    "tokens/": "the caller's own API tokens",
    "tokens/<int:pk>/": "the caller's own API tokens; another's is a 404 (test_tokens_api)",
    "(?s)^.*$": "the JSON 404 for paths that are no endpoint",
}

PK = {
    "pipeline": lambda w: {"pk": w.pipeline},
    "run": lambda w: {"pk": w.run},
    "artifact": lambda w: {"pk": w.artifact},
    "schedule": lambda w: {"pk": w.schedule},
    "trigger": lambda w: {"pk": w.trigger},
}


def _name(attribute: str) -> Args:
    return lambda w: {"name": getattr(w, attribute)}


def _dataset_version(w: World) -> dict:
    return {"name": w.dataset, "version": 1}


def _model_version(w: World) -> dict:
    return {"name": w.model, "version": 1}


def _node(w: World) -> dict:
    return {"pk": w.run, "node": w.node}


def _houses(name: str) -> Body:
    return lambda w: {"name": name, "file": SimpleUploadedFile("houses.csv", HOUSES)}


def _model_upload(w: World) -> dict:
    import pickle

    from tests.models.factories import fitted_model

    model = pickle.dumps(fitted_model(seed=1)[0])
    return {"name": "alpha-model-2", "file": SimpleUploadedFile("model.pkl", model)}


def _component_upload(w: World) -> dict:
    spec = COMPONENT.replace("alpha_doubler", "alpha_tripler")
    archive = component_zip({"component.yaml": spec, "main.py": CODE})
    return {"archive": SimpleUploadedFile("c.zip", archive, "application/zip")}


def _azure_files(w: World) -> dict:
    from tests.imports.test_imports_api import COMPONENT as SHOUT
    from tests.imports.test_imports_api import PIPELINE

    return {
        "file": [
            SimpleUploadedFile("p.yml", PIPELINE.encode()),
            SimpleUploadedFile("shout.yml", SHOUT.encode()),
        ]
    }


def _schedule(name: str) -> Body:
    return lambda w: {"name": name, "endpoint": w.endpoint, "cron": "0 4 * * *"}


def _trigger(name: str) -> Body:
    return lambda w: {
        "name": name,
        "endpoint": w.endpoint,
        "path": "incoming",
        "paths_parameter": "paths",
    }


def _echo(name: str) -> Body:
    return lambda w: {"name": name, "deployments": [{"name": "blue", "pipeline": w.echo}]}


DESCRIBED = lambda w: {"description": "changed"}  # noqa: E731
EMPTY = lambda w: {}  # noqa: E731
V, W, A = Needs.VIEW, Needs.WRITE, Needs.ADMINISTER

ROUTES: dict[tuple[str, str], Call] = {
    # Workspaces and their members.
    ("workspaces/", "get"): Call(Needs.LIST, shows=lambda w: ("name", "alpha")),
    # Anyone signed in may make a workspace (and becomes its owner).
    ("workspaces/", "post"): Call(Needs.GLOBAL_READ, body=lambda w: {"name": "ottos-own"}),
    ("workspaces/<slug:name>/", "get"): Call(V, lambda w: {"name": "alpha"}),
    ("workspaces/<slug:name>/", "patch"): Call(A, lambda w: {"name": "alpha"}, DESCRIBED),
    ("workspaces/<slug:name>/members/", "get"): Call(V, lambda w: {"name": "alpha"}),
    ("workspaces/<slug:name>/members/", "post"): Call(
        A, lambda w: {"name": "alpha"}, lambda w: {"user": "otto", "role": "reader"}
    ),
    ("workspaces/<slug:name>/members/<str:username>/", "patch"): Call(
        A, lambda w: {"name": "alpha", "username": "olive"}, lambda w: {"role": "contributor"}
    ),
    # Removing oneself is leaving, which any member may: the one removed here is the owner.
    ("workspaces/<slug:name>/members/<str:username>/", "delete"): Call(
        A, lambda w: {"name": "alpha", "username": "olive"}
    ),
    # Components: the built-ins are everyone's, a user component its workspace's.
    ("components/", "get"): Call(
        Needs.LIST, query=lambda w: {"search": "doubler"}, shows=lambda w: ("name", w.component)
    ),
    ("components/", "post"): Call(Needs.CREATE, body=_component_upload, format="multipart"),
    ("components/categories/", "get"): Call(Needs.GLOBAL_READ),
    ("components/<str:name>/", "get"): Call(V, _name("component")),
    ("components/<str:name>/versions/<str:version>/", "get"): Call(
        V, lambda w: {"name": w.component, "version": w.component_version}
    ),
    ("components/<str:name>/versions/<str:version>/", "patch"): Call(
        W,
        lambda w: {"name": w.component, "version": w.component_version},
        lambda w: {"yanked": True, "reason": "broken"},
    ),
    # Pipelines.
    ("pipelines/", "get"): Call(Needs.LIST, shows=lambda w: ("id", w.pipeline)),
    ("pipelines/", "post"): Call(
        Needs.CREATE, body=lambda w: {"name": "new", "graph": {"nodes": [], "edges": []}}
    ),
    ("pipelines/<int:pk>/", "get"): Call(V, PK["pipeline"]),
    ("pipelines/<int:pk>/", "put"): Call(
        W,
        PK["pipeline"],
        lambda w: {"name": "renamed", "graph": {"nodes": [], "edges": []}, "revision": w.revision},
    ),
    ("pipelines/<int:pk>/", "patch"): Call(
        W, PK["pipeline"], lambda w: {"description": "changed", "revision": w.revision}
    ),
    ("pipelines/<int:pk>/", "delete"): Call(W, PK["pipeline"]),
    # Checking a draft changes nothing: a reader may.
    ("pipelines/<int:pk>/validate/", "post"): Call(V, PK["pipeline"], EMPTY),
    ("pipelines/<int:pk>/schemas/", "post"): Call(V, PK["pipeline"], EMPTY),
    ("pipelines/<int:pk>/export/", "get"): Call(V, PK["pipeline"]),
    ("pipelines/<int:pk>/export/azureml/", "get"): Call(V, PK["pipeline"]),
    # The copy goes to the caller's workspace; rita's only one is alpha, where she may not.
    ("pipelines/<int:pk>/clone/", "post"): Call(W, PK["pipeline"], EMPTY),
    ("pipelines/import/", "post"): Call(Needs.CREATE, body=lambda w: {"yaml": w.pipeline_yaml}),
    ("pipelines/samples/", "get"): Call(Needs.GLOBAL_READ),
    ("pipelines/samples/<str:key>/clone/", "post"): Call(
        Needs.CREATE, lambda w: {"key": "diabetes_regression"}, EMPTY
    ),
    ("pipelines/<int:pk>/runs/", "post"): Call(W, PK["pipeline"], EMPTY),
    ("pipelines/<int:pk>/versions/", "get"): Call(V, PK["pipeline"]),
    ("pipelines/<int:pk>/versions/<int:number>/", "get"): Call(
        V, lambda w: {"pk": w.pipeline, "number": 1}
    ),
    ("pipelines/<int:pk>/publish/", "post"): Call(
        W, PK["pipeline"], lambda w: {"endpoint": "alpha-weekly"}
    ),
    ("imports/", "post"): Call(Needs.CREATE, body=_azure_files, format="multipart"),
    # Runs, their nodes and what they made.
    ("runs/", "get"): Call(Needs.LIST, shows=lambda w: ("id", w.run)),
    ("runs/<int:pk>/", "get"): Call(V, PK["run"]),
    ("runs/<int:pk>/", "delete"): Call(W, PK["run"]),
    ("runs/<int:pk>/cancel/", "post"): Call(W, PK["run"], EMPTY),
    ("runs/<int:pk>/rerun/", "post"): Call(W, PK["run"], EMPTY),
    ("runs/<int:pk>/open-as-pipeline/", "post"): Call(W, PK["run"], EMPTY),
    ("runs/<int:pk>/compare-draft/", "get"): Call(V, PK["run"]),
    ("runs/<int:pk>/nodes/<str:node>/logs/", "get"): Call(V, _node),
    ("runs/<int:pk>/nodes/<str:node>/metrics/", "get"): Call(V, _node),
    ("runs/<int:pk>/lineage/", "get"): Call(V, PK["run"]),
    ("runs/<int:pk>/inference-pipeline/", "post"): Call(W, PK["run"], EMPTY),
    ("experiments/", "get"): Call(Needs.LIST, shows=lambda w: ("name", w.experiment)),
    ("artifacts/<int:pk>/", "get"): Call(V, PK["artifact"]),
    ("artifacts/<int:pk>/preview/", "get"): Call(V, PK["artifact"]),
    ("artifacts/<int:pk>/profile/", "get"): Call(V, PK["artifact"]),
    ("artifacts/<int:pk>/download/", "get"): Call(V, PK["artifact"]),
    # Compute targets belong to the instance.
    ("compute/", "get"): Call(Needs.GLOBAL_READ),
    ("compute/", "post"): Call(
        Needs.INSTANCE_ADMIN, body=lambda w: {"name": "gpu", "resources": {"cpus": 2}}
    ),
    ("compute/<slug:name>/", "get"): Call(Needs.GLOBAL_READ, lambda w: {"name": "default"}),
    ("compute/<slug:name>/", "patch"): Call(
        Needs.INSTANCE_ADMIN, lambda w: {"name": "default"}, lambda w: {"concurrency": 3}
    ),
    ("compute/<slug:name>/", "delete"): Call(Needs.INSTANCE_ADMIN, lambda w: {"name": "default"}),
    # Published endpoints, their schedules and data triggers (the endpoint's workspace).
    ("endpoints/", "get"): Call(Needs.LIST, shows=lambda w: ("name", w.endpoint)),
    ("endpoints/<str:name>/", "get"): Call(V, _name("endpoint")),
    ("endpoints/<str:name>/", "patch"): Call(W, _name("endpoint"), DESCRIBED),
    ("endpoints/<str:name>/runs/", "post"): Call(W, _name("endpoint"), EMPTY),
    ("endpoints/<str:name>/versions/<int:version>/runs/", "post"): Call(
        W, lambda w: {"name": w.endpoint, "version": 1}, EMPTY
    ),
    ("schedules/", "get"): Call(Needs.LIST, shows=lambda w: ("id", w.schedule)),
    # A schedule of alpha's endpoint is alpha's: no header needed to land there.
    ("schedules/", "post"): Call(W, body=_schedule("alpha-hourly")),
    ("schedules/<int:pk>/", "get"): Call(V, PK["schedule"]),
    ("schedules/<int:pk>/", "patch"): Call(W, PK["schedule"], lambda w: {"paused": True}),
    ("schedules/<int:pk>/", "delete"): Call(W, PK["schedule"]),
    ("schedules/<int:pk>/run-now/", "post"): Call(W, PK["schedule"], EMPTY),
    ("triggers/", "get"): Call(Needs.LIST, shows=lambda w: ("id", w.trigger)),
    ("triggers/", "post"): Call(W, body=_trigger("alpha-on-drop")),
    ("triggers/<int:pk>/", "get"): Call(V, PK["trigger"]),
    ("triggers/<int:pk>/", "patch"): Call(W, PK["trigger"], lambda w: {"paused": True}),
    ("triggers/<int:pk>/", "delete"): Call(W, PK["trigger"]),
    # Datastores and datasets.
    ("datastores/", "get"): Call(Needs.LIST, shows=lambda w: ("name", w.datastore)),
    ("datastores/", "post"): Call(
        Needs.CREATE,
        body=lambda w: {"name": "alpha-store-2", "kind": "local", "path": str(w.root / "data")},
    ),
    ("datastores/<str:name>/", "get"): Call(V, _name("datastore")),
    ("datastores/<str:name>/", "patch"): Call(W, _name("datastore"), DESCRIBED),
    ("datastores/<str:name>/", "delete"): Call(W, _name("datastore")),
    ("datastores/<str:name>/browse/", "get"): Call(V, _name("datastore")),
    ("datastores/<str:name>/preview/", "get"): Call(
        V, _name("datastore"), query=lambda w: {"path": "incoming/houses.csv"}
    ),
    ("datasets/", "get"): Call(Needs.LIST, shows=lambda w: ("name", w.dataset)),
    ("datasets/", "post"): Call(Needs.CREATE, body=_houses("alpha-flats"), format="multipart"),
    ("datasets/<str:name>/", "get"): Call(V, _name("dataset")),
    ("datasets/<str:name>/", "patch"): Call(W, _name("dataset"), DESCRIBED),
    ("datasets/<str:name>/", "delete"): Call(W, _name("dataset")),
    ("datasets/<str:name>/versions/<int:version>/", "get"): Call(V, _dataset_version),
    ("datasets/<str:name>/versions/<int:version>/preview/", "get"): Call(V, _dataset_version),
    ("datasets/<str:name>/versions/<int:version>/profile/", "get"): Call(V, _dataset_version),
    ("datasets/<str:name>/versions/<int:version>/download/", "get"): Call(V, _dataset_version),
    ("datasets/<str:name>/versions/<int:version>/lineage/", "get"): Call(V, _dataset_version),
    # Registered models.
    ("models/", "get"): Call(Needs.LIST, shows=lambda w: ("name", w.model)),
    ("models/", "post"): Call(Needs.CREATE, body=_model_upload, format="multipart"),
    ("models/<str:name>/", "get"): Call(V, _name("model")),
    ("models/<str:name>/", "patch"): Call(W, _name("model"), DESCRIBED),
    ("models/<str:name>/", "delete"): Call(W, _name("model")),
    ("models/<str:name>/versions/<int:version>/", "get"): Call(V, _model_version),
    ("models/<str:name>/versions/<int:version>/", "patch"): Call(W, _model_version, DESCRIBED),
    ("models/<str:name>/versions/<int:version>/", "delete"): Call(W, _model_version),
    ("models/<str:name>/versions/<int:version>/download/", "get"): Call(V, _model_version),
    ("models/<str:name>/versions/<int:version>/lineage/", "get"): Call(V, _model_version),
    ("models/<str:name>/aliases/<str:alias>/", "put"): Call(
        W, lambda w: {"name": w.model, "alias": "staging"}, lambda w: {"version": 1}
    ),
    ("models/<str:name>/aliases/<str:alias>/", "delete"): Call(
        W, lambda w: {"name": w.model, "alias": w.alias}
    ),
    # Real-time inference endpoints.
    ("inference/", "get"): Call(Needs.LIST, shows=lambda w: ("name", w.inference)),
    ("inference/", "post"): Call(Needs.CREATE, body=_echo("alpha-echo-2")),
    ("inference/<str:name>/", "get"): Call(V, _name("inference")),
    ("inference/<str:name>/", "patch"): Call(W, _name("inference"), DESCRIBED),
    ("inference/<str:name>/", "delete"): Call(W, _name("inference")),
    # Calling an endpoint is running it: a contributor's right.
    ("inference/<str:name>/score", "post"): Call(
        W, _name("inference"), lambda w: {"rows": [{"sepal_length": 1.0}]}
    ),
    ("inference/<str:name>/sample-request/", "get"): Call(V, _name("inference")),
    ("inference/<str:name>/stats/", "get"): Call(V, _name("inference")),
    ("inference/<str:name>/failures/", "get"): Call(V, _name("inference")),
}

METHODS = ("get", "post", "put", "patch", "delete")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def api_routes() -> dict[str, URLPattern]:
    """Every route under api/, as written in the URL conf relative to it."""
    return {
        route.removeprefix("api/"): pattern
        for route, pattern in _walk(get_resolver().url_patterns)
        if route.startswith("api/")
    }


def methods_of(pattern: URLPattern) -> list[str]:
    view = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
    return [m for m in METHODS if view is not None and callable(getattr(view, m, None))]


def test_every_route_is_classified():
    """Each (route, method) of the URL conf has an entry, and no entry names a stale one."""
    served = {
        (route, method)
        for route, pattern in api_routes().items()
        if route not in PER_USER
        for method in methods_of(pattern)
    }
    assert sorted(served - set(ROUTES)) == [], "routes without an entry in ROUTES"
    assert sorted(set(ROUTES) - served) == [], "entries for routes the URL conf no longer has"
    assert sorted(set(PER_USER) - set(api_routes())) == [], "PER_USER names no route"
    assert all(reason.strip() for reason in PER_USER.values())


# The world is made once for this module and committed (scoring reads it from another
# thread); each test runs in a transaction of its own, rolled back, so nothing one test writes
# reaches the next. The last test leaves an empty database with the built-ins, as a test that
# commits does.
@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from designer.registry.services import sync_builtin_components

    root = tmp_path_factory.mktemp("workspaces")
    with override_settings(**settings_for(root)), django_db_blocker.unblock():
        try:
            yield build(root)
        finally:
            call_command("flush", interactive=False, verbosity=0)
            _as_migrated()
            assert not sync_builtin_components().failed


def _as_migrated() -> None:
    """Put back the rows the data migrations make, which the flush took: the tests after this
    module (pytest-django runs committing tests last, not this one) expect a migrated database."""
    from importlib import import_module

    from django.apps import apps

    from designer.accounts.models import default_workspace_id

    import_module("designer.compute.migrations.0002_default_target").create_default(apps, None)
    default_workspace_id()


def fresh(world: World, username: str, workspace: str | None = None):
    """A client for `username` as a new request sees them: nothing remembered from the last."""
    client = signed_in(get_user_model().objects.get(username=username))
    if workspace:
        client.credentials(**{HEADER: workspace})
    return client


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def url_of(route: str, args: dict[str, Any]) -> str:
    return "/api/" + _PARAM.sub(lambda m: str(args[m.group(1)]), route)


def call(world: World, username: str, route: str, method: str):
    entry = ROUTES[(route, method)]
    workspace = "alpha" if entry.needs == Needs.CREATE else None
    client = fresh(world, username, workspace)
    url = url_of(route, entry.args(world))
    query = entry.query(world) if entry.query else None
    if method == "get":
        return client.get(url, query)
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    body = entry.body(world) if entry.body else None
    return getattr(client, method)(url, body, format=entry.format)


def shows(data: Any, key: str, value: Any) -> bool:
    """Whether a listed item (of a page's `results`, or of a plain list) has `key` == `value`."""
    items = data.get("results", []) if isinstance(data, dict) else data
    return any(isinstance(item, dict) and item.get(key) == value for item in items)


def _explain(response) -> str:
    body = getattr(response, "content", b"")[:300]
    return f"{response.status_code}: {body!r}"


def refused(response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, _explain(response)
    if code is not None:
        assert response.json()["code"] == code, response.json()


def allowed(response) -> None:
    assert 200 <= response.status_code < 300, _explain(response)


@pytest.mark.parametrize(("route", "method"), sorted(ROUTES), ids=lambda v: v)
def test_route_keeps_the_workspace_rules(world, route, method):
    entry = ROUTES[(route, method)]
    needs = entry.needs
    if needs in (Needs.VIEW, Needs.WRITE, Needs.ADMINISTER, Needs.CREATE):
        refused(call(world, "otto", route, method), 404)
    if needs == Needs.VIEW:
        allowed(call(world, "rita", route, method))
    if needs in (Needs.WRITE, Needs.ADMINISTER, Needs.CREATE):
        refused(call(world, "rita", route, method), 403, "role_too_low")
    if needs == Needs.ADMINISTER:
        refused(call(world, "carl", route, method), 403, "role_too_low")
    if needs == Needs.LIST:
        assert entry.shows is not None
        key, value = entry.shows(world)
        theirs = call(world, "otto", route, method)
        allowed(theirs)
        assert not shows(theirs.json(), key, value), f"otto sees alpha's {key}={value}"
        for member in ("rita", "olive"):
            mine = call(world, member, route, method)
            allowed(mine)
            assert shows(mine.json(), key, value), f"{member} misses alpha's {key}={value}"
    if needs == Needs.GLOBAL_READ:
        allowed(call(world, "otto", route, method))
    if needs == Needs.INSTANCE_ADMIN:
        for username in ("otto", "rita", "carl", "olive"):
            refused(call(world, username, route, method), 403, "administrators_only")


# The websockets: a run's stream, and the stream of every run's state for the runs list.


def _token(username: str) -> list[tuple[bytes, bytes]]:
    from designer.accounts.tokens import create_token

    _, raw = create_token(get_user_model().objects.get(username=username), "stream")
    return [(b"authorization", f"Token {raw}".encode())]


def _announce_a_new_run(world: World) -> int:
    """Submit a run of alpha's pipeline and let the commit announce it, as a request would."""
    from designer.accounts.acting import SYSTEM
    from designer.runs import orchestrator

    with TestCase.captureOnCommitCallbacks(execute=True):
        return orchestrator.submit_run(SYSTEM, world.pipeline).pk


def test_a_run_stream_opens_to_alpha_members_only(world):
    from designer.asgi import application

    path = f"/ws/runs/{world.run}/"
    headers = {username: _token(username) for username in ("olive", "rita", "otto")}

    async def scenario():
        for member in ("olive", "rita"):
            stream = Socket(application, path, headers=headers[member])
            connected, _ = await stream.connect()
            assert connected, f"{member} may watch alpha's run"
            snapshot = await stream.receive_json(timeout=5)
            assert snapshot["type"] == "snapshot" and snapshot["run"]["id"] == world.run
            await stream.close()
        outsider = Socket(application, path, headers=headers["otto"])
        connected, code = await outsider.connect()
        assert not connected, "otto watches a run of a workspace he is not in"
        assert code == CLOSE_NOT_FOUND, "refused as a run that does not exist, not forbidden"

    async_to_sync(scenario)()


def _session_cookie(username: str) -> list[tuple[bytes, bytes]]:
    from django.conf import settings
    from django.test import Client

    browser = Client()
    browser.force_login(get_user_model().objects.get(username=username))
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return [(b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode())]


def test_a_run_stream_signs_in_by_the_session_cookie_and_leaves_sends_unwrapped(world):
    from designer.accounts.websocket import websocket_auth
    from designer.asgi import application

    path = f"/ws/runs/{world.run}/"
    cookies = {username: _session_cookie(username) for username in ("olive", "otto")}

    async def scenario():
        member = Socket(application, path, headers=cookies["olive"])
        assert (await member.connect())[0], "olive signed in with her session cookie"
        assert (await member.receive_json())["type"] == "snapshot"
        await member.close()
        for headers, code in ((cookies["otto"], CLOSE_NOT_FOUND), ([], 4401)):
            stranger = Socket(application, path, headers=headers)
            assert await stranger.connect() == (False, code)

        # What the consumer is handed to write with is the server's own `send`: nothing
        # looks at each message on its way out (a socket never saves a session).
        seen = {}

        async def inner(scope, receive, send):
            seen["user"], seen["send"] = scope["user"].username, send

        async def server_send(message):
            pass

        scope = {"type": "websocket", "path": path, "headers": cookies["olive"]}
        await websocket_auth(inner)(scope, None, server_send)
        assert seen == {"user": "olive", "send": server_send}

    async_to_sync(scenario)()


def test_the_runs_stream_tells_alpha_runs_to_alpha_members_only(world):
    from designer.asgi import application
    from designer.realtime.publisher import publisher

    headers = {username: _token(username) for username in ("olive", "otto")}

    async def scenario():
        before = publisher._loop
        # The in-memory channel layer delivers on the loop its consumers wait on.
        publisher.attach(asyncio.get_running_loop())
        streams = {}
        try:
            for username in ("olive", "otto"):
                stream = Socket(application, "/ws/runs/", headers=headers[username])
                connected, _ = await stream.connect()
                assert connected, f"{username} may watch the runs list"
                streams[username] = stream
            run = await database_sync_to_async(_announce_a_new_run)(world)
            told = await streams["olive"].receive_json(timeout=5)
            assert told["type"] == "run" and told["run"]["id"] == run
            assert await streams["otto"].receive_nothing(timeout=1), "otto hears of alpha's run"
        finally:
            for stream in streams.values():
                await stream.close()
            publisher.attach(before)

    async_to_sync(scenario)()
