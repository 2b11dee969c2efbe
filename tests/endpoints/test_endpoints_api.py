"""Publishing pipelines as endpoints and calling them, over the real API (in-process; the
runs it starts are checked in the database, no worker needed)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from designer.accounts.models import ApiToken
from designer.pipelines.models import Pipeline
from designer.runs.models import Run
from tests.accounts.clients import create, with_token
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline(builtins):
    sample = sample_graph()
    return Pipeline.objects.create(
        name="diabetes", graph=sample["graph"], parameters=sample["parameters"]
    )


def publish(api, pipeline, endpoint="nightly", **extra):
    return api.post(f"/api/pipelines/{pipeline.pk}/publish/", {"endpoint": endpoint, **extra})


def change_seed_default(pipeline, value):
    pipeline.parameters = {**pipeline.parameters, "seed": {"type": "integer", "default": value}}
    pipeline.save()


def test_publish_twice_makes_versions_one_and_two(api, pipeline):
    first = publish(api, pipeline, description="first cut")
    assert first.status_code == 201, first.json()
    assert first.json() == {
        "endpoint": "nightly",
        "workspace": "default",
        "version": 1,
        "default_version": 1,
        "pipeline_version": 1,
    }
    change_seed_default(pipeline, 5)
    second = publish(api, pipeline)
    assert second.status_code == 201
    assert second.json()["version"] == 2
    assert second.json()["default_version"] == 1, "a new version does not become the default"
    assert second.json()["pipeline_version"] == 2

    endpoint = api.get("/api/endpoints/nightly/").json()
    assert [v["version"] for v in endpoint["versions"]] == [2, 1]
    assert endpoint["versions"][0]["parameters"] == [
        {"name": "seed", "type": "integer", "default": 5, "description": ""}
    ]
    listed = api.get("/api/endpoints/").json()
    assert [e["name"] for e in listed["results"]] == ["nightly"] and listed["next"] is None


def test_switch_default_and_call_runs_that_version_with_overrides(api, pipeline):
    publish(api, pipeline)
    change_seed_default(pipeline, 5)
    publish(api, pipeline)
    switched = api.patch("/api/endpoints/nightly/", {"default_version": 2}, format="json")
    assert switched.status_code == 200 and switched.json()["default_version"] == 2

    called = api.post(
        "/api/endpoints/nightly/runs/",
        {"experiment": "from-cron", "parameters": {"seed": 11}},
        format="json",
    )
    assert called.status_code == 201, called.json()
    body = called.json()
    run = Run.objects.select_related("version", "experiment").get(pk=body["run_id"])
    assert body["version"] == 2 and body["status_url"].endswith(f"/api/runs/{run.pk}/")
    assert run.version.number == 2
    assert run.parameters == {"seed": 11}
    assert run.experiment.name == "from-cron"
    assert run.trigger == {"kind": "endpoint", "endpoint": "nightly", "version": 2}

    pinned = api.post("/api/endpoints/nightly/versions/1/runs/", {}, format="json")
    assert pinned.status_code == 201
    old = Run.objects.get(pk=pinned.json()["run_id"])
    assert old.version.number == 1 and old.parameters == {"seed": 0}
    assert old.experiment.name == "nightly", "the endpoint's name is the default experiment"


def test_a_published_version_does_not_follow_later_edits(api, pipeline):
    publish(api, pipeline)
    pipeline.graph = {**pipeline.graph, "nodes": pipeline.graph["nodes"][:1], "edges": []}
    pipeline.save()
    run = Run.objects.get(pk=api.post("/api/endpoints/nightly/runs/", {}).json()["run_id"])
    assert len(run.version.graph["nodes"]) == len(sample_graph()["graph"]["nodes"])


@pytest.mark.parametrize(
    ("payload", "status", "words"),
    [
        ({"parameters": {"sede": 1}}, 400, ["sede", "seed"]),
        ({"parameters": {"seed": "seven"}}, 400, ["seed", "integer"]),
        ({"parameters": ["seed"]}, 400, ["parameters"]),
    ],
)
def test_bad_calls_say_what_to_fix(api, pipeline, payload, status, words):
    publish(api, pipeline)
    answer = api.post("/api/endpoints/nightly/runs/", payload, format="json")
    assert answer.status_code == status
    text = str(answer.json())
    assert all(word in text for word in words), text
    assert Run.objects.count() == 0


def test_disabled_endpoint_refuses_calls(api, pipeline):
    publish(api, pipeline)
    api.patch("/api/endpoints/nightly/", {"enabled": False}, format="json")
    answer = api.post("/api/endpoints/nightly/runs/", {}, format="json")
    assert answer.status_code == 409
    assert answer.json()["code"] == "endpoint_disabled"
    assert Run.objects.count() == 0


def test_unknown_endpoint_version_and_bad_names(api, pipeline):
    publish(api, pipeline)
    assert api.post("/api/endpoints/nope/runs/", {}).status_code == 404
    missing = api.post("/api/endpoints/nightly/versions/7/runs/", {})
    assert missing.status_code == 404 and "has 1" in missing.json()["message"]
    bad = api.patch("/api/endpoints/nightly/", {"default_version": 9}, format="json")
    assert bad.status_code == 404
    for name in ["../etc", "Upper", "", "a b", "x" * 65]:
        answer = publish(api, pipeline, endpoint=name)
        assert answer.status_code == 400, name


def test_publishing_an_invalid_pipeline_is_refused(api, builtins):
    broken = Pipeline.objects.create(name="empty")
    answer = publish(api, broken)
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid_pipeline"


def test_anonymous_callers_are_refused(anon, api, pipeline):
    publish(api, pipeline)
    assert anon.post("/api/endpoints/nightly/runs/", {}).status_code in (401, 403)
    assert anon.get("/api/endpoints/").status_code in (401, 403)


def test_pipeline_versions_are_listed_and_reused(api, pipeline):
    for _ in range(2):
        assert api.post(f"/api/pipelines/{pipeline.pk}/runs/", {}, format="json").status_code == 201
    change_seed_default(pipeline, 3)
    api.post(f"/api/pipelines/{pipeline.pk}/runs/", {}, format="json")
    listed = api.get(f"/api/pipelines/{pipeline.pk}/versions/").json()
    assert [v["number"] for v in listed["results"]] == [2, 1]
    assert listed["results"][0]["created_by"] == "ada"
    one = api.get(f"/api/pipelines/{pipeline.pk}/versions/1/").json()
    assert one["parameters"]["seed"]["default"] == 0 and len(one["digest"]) == 64
    assert api.get(f"/api/pipelines/{pipeline.pk}/versions/9/").status_code == 404

    first_page = api.get(f"/api/pipelines/{pipeline.pk}/versions/?limit=1").json()
    assert [v["number"] for v in first_page["results"]] == [2] and first_page["next"]
    rest = api.get(f"/api/pipelines/{pipeline.pk}/versions/?limit=1&cursor={first_page['next']}")
    assert [v["number"] for v in rest.json()["results"]] == [1]
    assert rest.json()["next"] is None
    assert api.get(f"/api/pipelines/{pipeline.pk}/versions/?cursor=zzz").status_code == 400
    assert api.get(f"/api/pipelines/{pipeline.pk}/versions/?limit=0").status_code == 400


def test_calls_with_tokens_revoked_expired_and_scoped(api, pipeline):
    publish(api, pipeline)
    publish(api, pipeline, endpoint="weekly")
    own = create(api, name="nightly only", scopes=["endpoint:run:nightly"])["token"]
    other = create(api, name="weekly only", scopes=["endpoint:run:weekly"])["token"]

    assert with_token(own).post("/api/endpoints/nightly/runs/", {}).status_code == 201
    refused = with_token(other).post("/api/endpoints/nightly/runs/", {})
    assert refused.status_code == 403 and "endpoint:run:nightly" in refused.json()["message"]
    assert with_token(own).get("/api/endpoints/nightly/").status_code == 403

    revoked = create(api, name="revoked")
    api.delete(f"/api/tokens/{revoked['id']}/")
    assert with_token(revoked["token"]).post("/api/endpoints/nightly/runs/", {}).status_code == 401

    expired = create(api, name="expired")
    ApiToken.objects.filter(pk=expired["id"]).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    answer = with_token(expired["token"]).post("/api/endpoints/nightly/runs/", {})
    assert answer.status_code == 401 and answer.json()["code"] == "token_expired"
    assert Run.objects.count() == 1


def test_runs_list_filters_by_what_started_them(api, pipeline):
    publish(api, pipeline)
    by_hand = api.post(f"/api/pipelines/{pipeline.pk}/runs/", {}, format="json").json()
    called = api.post("/api/endpoints/nightly/runs/", {}, format="json").json()
    ids = lambda kind: [r["id"] for r in api.get(f"/api/runs/?trigger={kind}").json()]  # noqa: E731
    assert ids("endpoint") == [called["run_id"]]
    assert ids("manual") == [by_hand["id"]]
    assert ids("schedule") == []
    assert api.get("/api/runs/?trigger=cron").status_code == 400
