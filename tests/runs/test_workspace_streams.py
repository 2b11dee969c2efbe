"""The live streams keep to workspaces: a run's stream refuses a non-member as it refuses a
missing run (4404), and the runs list stream sends each run's changes to members of its
workspace only. The real consumers, routing and channel layer, and runs announced by the
orchestrator through the publisher, as the server does."""

import asyncio
import json

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.routing import URLRouter

from designer.accounts.acting import SYSTEM
from designer.accounts.models import Membership, Workspace, default_workspace_id
from designer.realtime.consumers import CLOSE_NOT_FOUND
from designer.realtime.publisher import publisher
from designer.realtime.routing import websocket_urlpatterns
from designer.runs import orchestrator
from tests.pipelines.factories import graph, node, pipeline

pytestmark = pytest.mark.django_db(transaction=True)

LOADER = graph([node("load", "sample_dataset@1.0.0", {"dataset": "iris"})])


@pytest.fixture
def registry(builtins) -> None:
    """The built-in components and the default compute target, made again should an earlier
    committing test of this module have flushed them (its teardown flushes every table)."""
    from designer.compute.models import ComputeTarget
    from designer.registry.models import Component
    from designer.registry.services import sync_builtin_components

    if not Component.objects.filter(name="sample_dataset").exists():
        sync_builtin_components()
    ComputeTarget.objects.get_or_create(name="default")


@pytest.fixture
def people(django_user_model, registry) -> dict:
    """Ada in `default`, Grace in `lab`, each a contributor of their own workspace only."""
    lab = Workspace.objects.create(name="lab")
    ada = django_user_model.objects.create_user(username="ada", password="x")
    grace = django_user_model.objects.create_user(username="grace", password="x")
    Membership.objects.create(workspace_id=default_workspace_id(), user=ada, role="contributor")
    Membership.objects.create(workspace=lab, user=grace, role="contributor")
    return {"ada": ada, "grace": grace, "lab": lab}


class Socket(ApplicationCommunicator):
    """A websocket client of the routed consumers, signed in as `user` (what the auth
    middleware puts in the scope). `channels.testing` would do, but importing it needs the
    daphne server, which the project does not ship."""

    def __init__(self, user, path: str, query: bytes = b"") -> None:
        scope = {
            "type": "websocket",
            "path": path,
            "query_string": query,
            "headers": [],
            "subprotocols": [],
        }
        super().__init__(URLRouter(websocket_urlpatterns), {**scope, "user": user})

    async def connect(self) -> tuple[bool, int | None]:
        await self.send_input({"type": "websocket.connect"})
        answer = await self.receive_output(timeout=5)
        return answer["type"] == "websocket.accept", answer.get("code")

    async def receive_json_from(self, timeout: float = 5) -> dict:
        answer = await self.receive_output(timeout)
        assert answer["type"] == "websocket.send", answer
        return json.loads(answer["text"])

    async def disconnect(self) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.wait(timeout=5)


def socket(user, path: str, query: bytes = b"") -> Socket:
    return Socket(user, path, query)


def test_a_runs_stream_is_refused_to_a_non_member_like_a_missing_run(people):
    run = orchestrator.submit_run(SYSTEM, pipeline(LOADER, "in default").pk)

    async def scenario():
        answers = {}
        for name, run_id in (("grace", run.pk), ("ada", run.pk), ("missing", run.pk + 99)):
            user = people["grace" if name == "grace" else "ada"]
            communicator = socket(user, f"/ws/runs/{run_id}/")
            connected, code = await communicator.connect()
            answers[name] = await communicator.receive_json_from() if connected else code
            await communicator.disconnect()
        return answers

    answers = asyncio.run(scenario())
    assert answers["grace"] == answers["missing"] == CLOSE_NOT_FOUND
    snapshot = answers["ada"]
    assert snapshot["type"] == "snapshot" and snapshot["run"]["workspace"] == "default"


def test_the_runs_list_stream_sends_members_their_workspaces_runs_only(people):
    here = pipeline(LOADER, "in default")
    there = pipeline(LOADER, "in lab", workspace=people["lab"])

    async def scenario():
        publisher.attach(asyncio.get_running_loop())
        ada = socket(people["ada"], "/ws/runs/")
        grace = socket(people["grace"], "/ws/runs/")
        assert (await ada.connect())[0] and (await grace.connect())[0]
        submit = database_sync_to_async(orchestrator.submit_run)
        mine, theirs = await submit(SYSTEM, here.pk), await submit(SYSTEM, there.pk)
        seen = {"ada": await everything(ada), "grace": await everything(grace)}
        await ada.disconnect()
        await grace.disconnect()
        return mine, theirs, seen

    mine, theirs, seen = asyncio.run(scenario())
    assert seen["ada"] and {(r["id"], r["workspace"]) for r in seen["ada"]} == {
        (mine.pk, "default")
    }
    assert seen["grace"] and {(r["id"], r["workspace"]) for r in seen["grace"]} == {
        (theirs.pk, "lab")
    }


async def everything(communicator: Socket) -> list[dict]:
    """The runs a list stream sent until it fell quiet for a second."""
    runs = []
    while not await communicator.receive_nothing(timeout=1):
        message = await communicator.receive_json_from()
        assert message["type"] == "run"
        runs.append(message["run"])
    return runs
