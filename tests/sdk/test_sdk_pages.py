"""The SDK's list methods follow cursors to the end, whichever way a list gives them (a bare
array with `X-Next-Cursor`, or `{"results", "next"}`), against the real API served in-process."""

import httpx
import pytest
from django.core.wsgi import get_wsgi_application
from pipewright import Client

from designer.accounts.tokens import create_token
from tests.pipelines.factories import graph, node, pipeline
from tests.runs.factories import submitted

pytestmark = pytest.mark.django_db
ONE_NODE = graph([node("load", "sample_dataset@1.0.0")])


@pytest.fixture
def client(user, builtins):
    _, raw = create_token(user, "sdk")
    client = Client("http://testserver", raw)
    # The same client, speaking to the Django app in this process instead of over a socket.
    client.transport._http = httpx.Client(
        base_url="http://testserver",
        transport=httpx.WSGITransport(app=get_wsgi_application()),
        headers={"Authorization": f"Token {raw}", "Accept": "application/json"},
    )
    yield client
    client.close()


def test_components_come_whole_though_the_server_pages_them_by_50(client, builtins):
    names = [c.name for c in client.components.list()]
    assert len(names) == len(set(names)) > 50
    assert {"split_data", "train_model"} <= set(names)


def test_array_and_object_lists_are_walked_page_by_page(client, tmp_path):
    table = tmp_path / "houses.csv"
    table.write_text("rooms,price\n2,100\n3,150\n")
    for name in ("a", "b", "c", "d", "e"):
        pipeline(ONE_NODE, name)
        client.datasets.upload(table, name)  # the datasets list answers {"results", "next"}
    walked = client.transport.many("pipelines.list", params={"limit": 2})
    assert sorted(p.name for p in walked) == ["a", "b", "c", "d", "e"]
    datasets = client.transport.many("datasets.list", params={"limit": 2})
    assert sorted(d.name for d in datasets) == ["a", "b", "c", "d", "e"]


def test_runs_list_gives_all_runs_or_the_newest_few(client):
    runs = [submitted(ONE_NODE) for _ in range(4)]
    newest_first = [run.pk for run in reversed(runs)]
    assert [r.id for r in client.runs.list()] == newest_first
    assert [r.id for r in client.runs.list(limit=3)] == newest_first[:3]
