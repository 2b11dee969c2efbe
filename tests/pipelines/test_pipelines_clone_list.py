"""Cloning pipelines, and the pipelines list's search and ordering."""

import pytest

from designer.pipelines.models import Pipeline
from tests.pipelines.factories import post_pipeline
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db


def test_clone_copies_everything_but_identity(api):
    sample = sample_graph()
    original = post_pipeline(
        api,
        name="Diabetes",
        description="d",
        graph=sample["graph"],
        parameters=sample["parameters"],
        default_compute="gpu",
    )
    url = f"/api/pipelines/{original['id']}/"
    edited = api.patch(url, {"description": "e", "revision": 1}, format="json").json()
    assert edited["revision"] == 2
    response = api.post(f"{url}clone/", {}, format="json")
    assert response.status_code == 201
    copy = response.json()
    assert copy["id"] != original["id"]
    assert (copy["name"], copy["revision"]) == ("Copy of Diabetes", 1)
    for key in ("description", "graph", "parameters", "default_compute"):
        assert copy[key] == edited[key], key
    # The two are independent from now on.
    empty = {"graph": {"nodes": [], "edges": []}, "revision": 1}
    assert api.patch(f"/api/pipelines/{copy['id']}/", empty, format="json").status_code == 200
    assert api.get(url).json()["graph"] == sample["graph"]


def test_clone_takes_a_name(api):
    original = post_pipeline(api, name="A")
    response = api.post(f"/api/pipelines/{original['id']}/clone/", {"name": "B"}, format="json")
    assert response.status_code == 201 and response.json()["name"] == "B"


def test_clone_refuses_a_blank_name_and_a_missing_pipeline(api):
    original = post_pipeline(api, name="A")
    blank = api.post(f"/api/pipelines/{original['id']}/clone/", {"name": ""}, format="json")
    assert blank.status_code == 400
    assert api.post("/api/pipelines/999999/clone/", {}, format="json").status_code == 404


def test_clone_of_a_long_name_still_fits(api):
    original = post_pipeline(api, name="x" * 200)
    copy = api.post(f"/api/pipelines/{original['id']}/clone/", {}, format="json").json()
    assert len(copy["name"]) == 200 and copy["name"].startswith("Copy of x")


def names(api, query=""):
    response = api.get(f"/api/pipelines/{query}")
    assert response.status_code == 200, response.content
    return [p["name"] for p in response.json()]


def touch_in_order(*names_in_order):
    # auto_now stamps the save time; set explicit, distinct times instead of sleeping.
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() - timedelta(days=1)
    for minutes, name in enumerate(names_in_order):
        Pipeline.objects.filter(name=name).update(updated_at=start + timedelta(minutes=minutes))


def test_ordering(api):
    for name in ("beta", "Alpha", "gamma", "Zeta"):
        post_pipeline(api, name=name)
    touch_in_order("Zeta", "gamma", "Alpha", "beta")
    assert names(api) == ["beta", "Alpha", "gamma", "Zeta"], "last changed first by default"
    assert names(api, "?ordering=-updated_at") == ["beta", "Alpha", "gamma", "Zeta"]
    assert names(api, "?ordering=updated_at") == ["Zeta", "gamma", "Alpha", "beta"]
    assert names(api, "?ordering=name") == ["Alpha", "beta", "gamma", "Zeta"], "any case"
    assert names(api, "?ordering=-name") == ["Zeta", "gamma", "beta", "Alpha"]
    assert names(api, "?search=ET&ordering=name") == ["beta", "Zeta"]


def test_search_filters_by_name_in_any_case(api):
    for name in ("Diabetes run", "iris", "More DIABETES"):
        post_pipeline(api, name=name)
    assert sorted(names(api, "?search=diabetes")) == ["Diabetes run", "More DIABETES"]


def test_unknown_ordering_is_a_400(api):
    response = api.get("/api/pipelines/?ordering=created_at")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_ordering" and "-updated_at" in body["message"]
