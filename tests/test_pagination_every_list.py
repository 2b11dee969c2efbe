"""Every GET list of the API pages with cursors: the lists are found in the schema generated
from the URL conf, so a list added without paging (or without a seed here) fails this file.

A list answers a bare array with the next cursor in `X-Next-Cursor` and `Link`, or the
contract's `{"results", "next"}`. Walking a list one item at a time must give exactly the items
of one big page, in the same order: no overlap, no gap.
"""

from datetime import UTC, datetime
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

from designer.datasets.models import Datastore
from designer.endpoints.models import Endpoint
from designer.inference.models import InferenceEndpoint, ScoringFailure
from designer.models.models import RegisteredModel
from designer.pipelines.services import freeze_version
from designer.runs.models import Metric, NodeRun
from tests.pipelines.factories import graph, node, pipeline
from tests.runs.factories import submitted

pytestmark = pytest.mark.django_db


def _list_paths() -> list[tuple[str, bool]]:
    """(path, answers a bare array) of every GET whose answer is a list."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        answer = operations.get("get", {}).get("responses", {}).get("200", {})
        body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        if body.get("type") == "array":
            found.append((path, True))
        elif "$ref" in body:
            shape = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
            if {"results", "next"} <= set(shape.get("properties", {})):
                found.append((path, False))
    return sorted(found)


LIST_PATHS = _list_paths()
ONE_NODE = graph([node("load", "sample_dataset@1.0.0")])


def _runs(api, user) -> dict:
    for experiment in ("first", "second", "third"):
        submitted(ONE_NODE, experiment=experiment)
    return {}


def _metrics(api, user) -> dict:
    run = submitted(ONE_NODE)
    node_run = NodeRun.objects.get(run=run, node_id="load")
    for step in range(3):
        Metric.objects.create(node_run=node_run, name="loss", value=1.0 / (step + 1), step=step)
    return {"id": run.pk, "node": "load"}


def _pipelines(api, user) -> dict:
    for name in ("alpha", "Beta", "alpha"):
        pipeline(ONE_NODE, name)
    return {}


def _versions(api, user) -> dict:
    held = pipeline(ONE_NODE, "versioned")
    for seed in range(3):
        held.parameters = {"seed": {"type": "integer", "default": seed}}
        held.save()
        freeze_version(held)
    return {"id": held.pk}


def _compute(api, user) -> dict:
    from designer.compute.models import ComputeTarget

    for name in ("gpu", "big"):
        ComputeTarget.objects.create(name=name)
    return {}


def _endpoints(api, user) -> dict:
    for name in ("nightly", "weekly", "hourly"):
        Endpoint.objects.create(name=name)
    return {}


def _schedules(api, user) -> dict:
    from tests.schedules.conftest import publish_sample

    endpoint = publish_sample(user)
    for name in ("a", "b", "c"):
        body = {"name": name, "endpoint": endpoint, "cron": "0 3 * * *"}
        assert api.post("/api/schedules/", body, format="json").status_code == 201
    return {}


def _triggers(api, user) -> dict:
    from designer.schedules.models import Trigger
    from tests.schedules.conftest import publish_sample

    endpoint = Endpoint.objects.get(name=publish_sample(user))
    for name in ("a", "b", "c"):
        Trigger.objects.create(name=name, endpoint=endpoint, path="/tmp", paths_parameter="paths")
    return {}


def _datastores(api, user) -> dict:
    for name in ("one", "two", "three"):
        Datastore.objects.create(name=name, kind="local", path=f"/tmp/{name}")
    return {}


def _datasets(api, user) -> dict:
    from tests.datasets.factories import HOUSES_V1, uploaded

    for name in ("houses", "flats", "barns"):
        uploaded(api, name, HOUSES_V1)
    return {}


def _models(api, user) -> dict:
    for name in ("price", "churn", "risk"):
        RegisteredModel.objects.create(name=name)
    return {}


def _inference(api, user) -> dict:
    for name in ("echo", "score", "rank"):
        InferenceEndpoint.objects.create(name=name)
    return {}


def _failures(api, user) -> dict:
    endpoint = InferenceEndpoint.objects.create(name="echo")
    for i in range(3):
        ScoringFailure.objects.create(
            endpoint=endpoint, at=datetime.now(UTC), status=400, code="bad", message=f"Row {i}"
        )
    return {"name": "echo"}


def _tokens(api, user) -> dict:
    from designer.accounts.tokens import create_token

    for name in ("ci", "laptop", "notebook"):
        create_token(user, name)
    return {}


def _workspaces(api, user) -> dict:
    from designer.accounts.workspaces import create_workspace

    for name in ("lab", "prod", "scratch"):
        create_workspace(user, name)
    return {}


def _members(api, user) -> dict:
    from django.contrib.auth import get_user_model

    from designer.accounts.workspaces import add_member

    for name, role in (("grace", "reader"), ("alan", "contributor"), ("edsger", "owner")):
        get_user_model().objects.create_user(username=name, password="x")
        add_member(user, "default", name, role)
    return {"name": "default"}


def _already_there(api, user) -> dict:
    """Built-in components (and so their categories) and the sample pipelines."""
    return {}


# What each list needs to hold two items or more; path parameters come back from the seed.
SEEDS = {
    "/api/components/": _already_there,
    "/api/components/categories/": _already_there,
    "/api/compute/": _compute,
    "/api/datasets/": _datasets,
    "/api/datastores/": _datastores,
    "/api/endpoints/": _endpoints,
    "/api/experiments/": _runs,
    "/api/inference/": _inference,
    "/api/inference/{name}/failures/": _failures,
    "/api/models/": _models,
    "/api/pipelines/": _pipelines,
    "/api/pipelines/samples/": _already_there,
    "/api/pipelines/{id}/versions/": _versions,
    "/api/runs/": _runs,
    "/api/runs/{id}/nodes/{node}/metrics/": _metrics,
    "/api/schedules/": _schedules,
    "/api/tokens/": _tokens,
    "/api/triggers/": _triggers,
    "/api/workspaces/": _workspaces,
    "/api/workspaces/{name}/members/": _members,
}


def _identity(item: Any) -> str:
    for key in ("id", "key", "name", "number"):
        if isinstance(item, dict) and key in item:
            return f"{key}={item[key]}"
    return repr(item)


def _page(api, url: str, array: bool, **query: Any) -> tuple[list, str | None]:
    answer = api.get(url, query)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    if not array:
        return body["results"], body["next"]
    assert isinstance(body, list)
    cursor = answer.headers.get("X-Next-Cursor")
    link = answer.headers.get("Link")
    assert (cursor is None) == (link is None), "X-Next-Cursor and Link come together"
    if cursor:
        assert link.endswith('>; rel="next"') and f"cursor={cursor}" in link, link
    return body, cursor


def test_the_schema_lists_the_lists_we_know():
    assert ("/api/runs/", True) in LIST_PATHS and ("/api/models/", False) in LIST_PATHS


@pytest.mark.parametrize(("path", "array"), LIST_PATHS, ids=[p for p, _ in LIST_PATHS])
def test_every_list_pages_without_overlap_or_gap(api, user, builtins, path, array):
    seed = SEEDS.get(path)
    assert seed is not None, f"{path} is a list: page it and give it a seed in this file"
    url = path.format(**seed(api, user))

    whole, rest = _page(api, url, array, limit=200)
    assert rest is None and len(whole) >= 2, f"{path}: seed at least two items"

    walked, cursor = _page(api, url, array, limit=1)
    assert len(walked) == 1 and cursor, f"{path}: a first page of one must say what follows"
    while cursor:
        items, cursor = _page(api, url, array, limit=1, cursor=cursor)
        assert len(items) <= 1
        walked += items
    assert [_identity(i) for i in walked] == [_identity(i) for i in whole]

    refused = api.get(url, {"cursor": "not-a-cursor"})
    assert refused.status_code == 400 and refused.json()["code"] == "bad_cursor", refused.content
    assert api.get(url, {"limit": 0}).status_code == 400
    assert api.get(url, {"limit": 201}).status_code == 400
