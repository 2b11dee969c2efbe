"""Cursor pages hold to the order and filters they were cut under: every pipelines ordering
pages through ties without repeats, a cursor of one ordering is refused under another, and
runs added while a client pages never shift what it sees next."""

import pytest

from designer.pipelines.services import ORDERINGS
from tests.pipelines.factories import graph, node, pipeline
from tests.runs.factories import submitted

pytestmark = pytest.mark.django_db
ONE_NODE = graph([node("load", "sample_dataset@1.0.0")])


def walk(api, path: str, **query) -> list[dict]:
    items, cursor = [], None
    while True:
        answer = api.get(path, {**query, "limit": 2, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.content
        items += answer.json()
        cursor = answer.headers.get("X-Next-Cursor")
        if not cursor:
            return items


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_every_pipelines_ordering_pages_through_ties(api, ordering):
    for name in ("beta", "Alpha", "alpha", "beta", "gamma"):
        pipeline(ONE_NODE, name)
    whole = api.get("/api/pipelines/", {"ordering": ordering}).json()
    walked = walk(api, "/api/pipelines/", ordering=ordering)
    assert [p["id"] for p in walked] == [p["id"] for p in whole] and len(walked) == 5
    if ordering == "name":
        assert [p["name"].lower() for p in walked] == ["alpha", "alpha", "beta", "beta", "gamma"]


def test_a_cursor_is_refused_under_another_ordering_or_search(api):
    for name in ("a", "b", "c"):
        pipeline(ONE_NODE, name)
    cursor = api.get("/api/pipelines/", {"ordering": "name", "limit": 1})["X-Next-Cursor"]
    refused = api.get("/api/pipelines/", {"ordering": "-name", "cursor": cursor})
    assert refused.status_code == 400 and refused.json()["code"] == "bad_cursor"
    # The search narrows what the cursor walks through; the cursor itself still holds.
    found = api.get("/api/pipelines/", {"ordering": "name", "search": "c", "cursor": cursor})
    assert [p["name"] for p in found.json()] == ["c"]


def test_runs_page_newest_first_and_new_runs_shift_nothing(api):
    runs = [submitted(ONE_NODE, experiment=e) for e in ("x", "y", "x", "x")]
    first = api.get("/api/runs/", {"experiment": "x", "limit": 2})
    assert [r["id"] for r in first.json()] == [runs[3].pk, runs[2].pk]
    submitted(ONE_NODE, experiment="x")  # arrives while the client pages
    rest = api.get("/api/runs/", {"experiment": "x", "limit": 2, "cursor": first["X-Next-Cursor"]})
    assert [r["id"] for r in rest.json()] == [runs[0].pk]
    assert "X-Next-Cursor" not in rest and "Link" not in rest


def test_runs_rows_say_who_submitted_them_and_their_latest_metrics(api, user):
    from designer.runs import orchestrator
    from designer.runs.models import Metric, NodeRun

    run = orchestrator.submit_run(user, pipeline(ONE_NODE, "p").pk)
    node_run = NodeRun.objects.get(run=run, node_id="load")
    for value in (0.5, 0.75):
        Metric.objects.create(node_run=node_run, name="r2", value=value)
    row = api.get("/api/runs/").json()[0]
    assert row["submitted_by"] == "ada" and row["metrics"] == {"load.r2": 0.75}
