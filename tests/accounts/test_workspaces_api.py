"""Workspaces and their members over the REST API: making one, naming rules, who sees which,
roles, the last owner, leaving, the chosen workspace of a request, and the personal workspace of
someone who had none."""

import pytest
from django.contrib.auth import get_user_model

from designer.accounts.models import Membership, Workspace
from designer.accounts.permissions import WORKSPACE_HEADER
from designer.pipelines.models import Pipeline
from tests.accounts.clients import signed_in

pytestmark = pytest.mark.django_db

HEADER = "HTTP_" + WORKSPACE_HEADER.upper().replace("-", "_")


@pytest.fixture
def grace(django_user_model):
    return django_user_model.objects.create_user(username="grace", password="hopper")


@pytest.fixture
def linus(django_user_model):
    return django_user_model.objects.create_user(username="linus", password="torvalds")


def person(username: str):
    """A client for `username` as a new request sees them (roles read afresh)."""
    return signed_in(get_user_model().objects.get(username=username))


def make(client, name: str, **fields) -> dict:
    response = client.post("/api/workspaces/", {"name": name, **fields}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def add(client, workspace: str, user: str, role: str, status: int = 201):
    response = client.post(
        f"/api/workspaces/{workspace}/members/", {"user": user, "role": role}, format="json"
    )
    assert response.status_code == status, response.content
    return response.json()


def refused(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["message"], body
    if code is not None:
        assert body["code"] == code, body
    return body


def rows(answer) -> list:
    """A list's rows, whether paged ({results, next}) or a plain array."""
    return answer["results"] if isinstance(answer, dict) else answer


def names(page: dict) -> list[str]:
    return [w["name"] for w in page["results"]]


def test_the_creator_of_a_workspace_is_its_owner(user):
    created = make(person("ada"), "lab", description="Experiments")
    assert created["name"] == "lab" and created["description"] == "Experiments"
    assert created["role"] == "owner" and created["member_count"] == 1
    assert person("ada").get("/api/workspaces/lab/").json() == created
    assert person("ada").get(f"/api/workspaces/{created['id']}/").json() == created, "by id too"
    members = person("ada").get("/api/workspaces/lab/members/").json()["results"]
    assert [(m["user"], m["role"]) for m in members] == [("ada", "owner")]


@pytest.mark.parametrize("name", ["Lab", "1lab", "-lab", "a b", "lab_1", "l" * 64, ""])
def test_a_bad_name_is_refused(user, name):
    response = person("ada").post("/api/workspaces/", {"name": name}, format="json")
    refused(response, 400)
    assert not Workspace.objects.filter(name=name).exists()


def test_a_bad_name_says_what_a_name_may_hold(user):
    body = refused(person("ada").post("/api/workspaces/", {"name": "My Lab"}, format="json"), 400)
    assert body["code"] == "invalid_name" and "lower-case" in body["message"]


def test_a_taken_name_is_a_conflict_even_when_not_yours(user, grace):
    make(person("ada"), "lab")
    refused(
        person("ada").post("/api/workspaces/", {"name": "lab"}, format="json"), 409, "name_taken"
    )
    theirs = person("grace").post("/api/workspaces/", {"name": "lab"}, format="json")
    refused(theirs, 409, "name_taken")


def test_the_list_shows_my_workspaces_with_my_role_and_their_size(user, grace, linus):
    make(person("ada"), "lab")
    make(person("grace"), "graces")
    make(person("linus"), "kernel")
    add(person("linus"), "kernel", "ada", "reader")
    add(person("ada"), "lab", "grace", "contributor")

    listed = {w["name"]: w for w in person("ada").get("/api/workspaces/").json()["results"]}
    assert sorted(listed) == ["default", "kernel", "lab"]
    assert (listed["lab"]["role"], listed["lab"]["member_count"]) == ("owner", 2)
    assert (listed["kernel"]["role"], listed["kernel"]["member_count"]) == ("reader", 2)
    assert names(person("grace").get("/api/workspaces/").json()) == ["graces", "lab"]


def test_an_owner_adds_a_member_with_a_role(user, grace):
    make(person("ada"), "lab")
    added = add(person("ada"), "lab", "grace", "reader")
    assert (added["user"], added["role"]) == ("grace", "reader") and added["added_at"]
    theirs = person("grace").get("/api/workspaces/lab/").json()
    assert theirs["role"] == "reader" and theirs["member_count"] == 2
    again = person("ada").post("/api/workspaces/lab/members/", {"user": "grace"}, format="json")
    refused(again, 409)


def test_adding_an_unknown_user_or_role_is_refused(user):
    make(person("ada"), "lab")
    unknown = person("ada").post("/api/workspaces/lab/members/", {"user": "nobody"}, format="json")
    assert refused(unknown, 400, "no_user")["message"] == "No user 'nobody'."
    bad_role = person("ada").post(
        "/api/workspaces/lab/members/", {"user": "ada", "role": "king"}, format="json"
    )
    refused(bad_role, 400)


def test_an_owner_changes_a_role(user, grace):
    make(person("ada"), "lab")
    add(person("ada"), "lab", "grace", "reader")
    changed = person("ada").patch(
        "/api/workspaces/lab/members/grace/", {"role": "owner"}, format="json"
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["user"], changed.json()["role"]) == ("grace", "owner")
    assert Membership.objects.get(user=grace, workspace__name="lab").role == "owner"
    # Now an owner, grace may change ada's role (and there is still an owner left).
    demoted = person("grace").patch(
        "/api/workspaces/lab/members/ada/", {"role": "contributor"}, format="json"
    )
    assert demoted.status_code == 200, demoted.content
    no_longer = person("ada").patch(
        "/api/workspaces/lab/members/grace/", {"role": "reader"}, format="json"
    )
    refused(no_longer, 403, "role_too_low")
    missing = person("grace").patch(
        "/api/workspaces/lab/members/nobody/", {"role": "reader"}, format="json"
    )
    refused(missing, 404)


def test_the_last_owner_can_be_neither_demoted_nor_removed(user, grace):
    make(person("ada"), "lab")
    add(person("ada"), "lab", "grace", "contributor")
    demote = person("ada").patch(
        "/api/workspaces/lab/members/ada/", {"role": "reader"}, format="json"
    )
    refused(demote, 409, "last_owner")
    refused(person("ada").delete("/api/workspaces/lab/members/ada/"), 409, "last_owner")
    assert Membership.objects.get(user__username="ada", workspace__name="lab").role == "owner"
    # With a second owner, the first may go.
    person("ada").patch("/api/workspaces/lab/members/grace/", {"role": "owner"}, format="json")
    assert person("ada").delete("/api/workspaces/lab/members/ada/").status_code == 204
    refused(person("ada").get("/api/workspaces/lab/"), 404)


def test_a_member_may_leave(user, grace):
    make(person("ada"), "lab")
    add(person("ada"), "lab", "grace", "reader")
    assert person("grace").delete("/api/workspaces/lab/members/grace/").status_code == 204
    refused(person("grace").get("/api/workspaces/lab/"), 404, "no_workspace")
    assert names(person("grace").get("/api/workspaces/").json()) == []


def test_only_an_owner_manages_members_and_settings(user, grace, linus):
    make(person("ada"), "lab")
    add(person("ada"), "lab", "grace", "contributor")
    refused(
        person("grace").post("/api/workspaces/lab/members/", {"user": "linus"}, format="json"),
        403,
        "role_too_low",
    )
    refused(
        person("grace").patch("/api/workspaces/lab/", {"description": "mine now"}, format="json"),
        403,
        "role_too_low",
    )
    refused(
        person("grace").patch(
            "/api/workspaces/lab/members/ada/", {"role": "reader"}, format="json"
        ),
        403,
        "role_too_low",
    )
    refused(person("grace").delete("/api/workspaces/lab/members/ada/"), 403, "role_too_low")
    assert person("grace").get("/api/workspaces/lab/members/").status_code == 200
    changed = person("ada").patch("/api/workspaces/lab/", {"description": "Ours"}, format="json")
    assert changed.status_code == 200 and changed.json()["description"] == "Ours"


def test_a_workspace_is_not_found_by_someone_outside_it(user, grace):
    lab = make(person("ada"), "lab")
    for name in ("lab", lab["id"]):
        refused(person("grace").get(f"/api/workspaces/{name}/"), 404, "no_workspace")
    refused(person("grace").patch("/api/workspaces/lab/", {"description": "x"}, format="json"), 404)
    refused(person("grace").get("/api/workspaces/lab/members/"), 404)
    refused(
        person("grace").post("/api/workspaces/lab/members/", {"user": "grace"}, format="json"), 404
    )
    refused(
        person("grace").patch(
            "/api/workspaces/lab/members/ada/", {"role": "reader"}, format="json"
        ),
        404,
    )
    refused(person("grace").delete("/api/workspaces/lab/members/ada/"), 404)
    # The same answer as for a workspace that does not exist at all.
    refused(person("grace").get("/api/workspaces/nowhere/"), 404, "no_workspace")
    assert not Membership.objects.filter(user=grace).exists()


def test_me_lists_my_workspaces_and_where_new_objects_go(user, grace):
    make(person("ada"), "lab")
    make(person("grace"), "graces")
    add(person("grace"), "graces", "ada", "reader")
    me = person("ada").get("/api/auth/me/").json()
    assert me["workspaces"] == [
        {"name": "default", "role": "owner"},
        {"name": "graces", "role": "reader"},
        {"name": "lab", "role": "owner"},
    ]
    assert me["default_workspace"] == "default"
    theirs = person("grace").get("/api/auth/me/").json()
    assert theirs["workspaces"] == [{"name": "graces", "role": "owner"}]
    assert theirs["default_workspace"] == "graces"


def test_the_chosen_workspace_narrows_lists_and_must_be_mine(user, grace):
    lab = Workspace.objects.get(pk=make(person("ada"), "lab")["id"])
    Pipeline.objects.create(name="in default", graph={"nodes": [], "edges": []})
    Pipeline.objects.create(name="in lab", graph={"nodes": [], "edges": []}, workspace=lab)

    def listed(**headers) -> list[str]:
        response = person("ada").get("/api/pipelines/", **headers)
        assert response.status_code == 200, response.content
        return sorted(p["name"] for p in rows(response.json()))

    assert listed() == ["in default", "in lab"]
    assert listed(**{HEADER: "lab"}) == ["in lab"]
    assert listed(**{HEADER: "default"}) == ["in default"]
    by_query = person("ada").get("/api/pipelines/", {"workspace": "lab"}).json()
    assert [p["name"] for p in rows(by_query)] == ["in lab"]

    make(person("grace"), "graces")
    for header in ("graces", "nowhere"):
        refused(person("ada").get("/api/pipelines/", **{HEADER: header}), 404, "no_workspace")


def test_someone_without_a_workspace_gets_a_personal_one_on_first_create(grace):
    assert person("grace").get("/api/auth/me/").json()["workspaces"] == []
    body = {"name": "first", "graph": {"nodes": [], "edges": []}}
    created = person("grace").post("/api/pipelines/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["workspace"] == "grace-personal"
    me = person("grace").get("/api/auth/me/").json()
    assert me["workspaces"] == [{"name": "grace-personal", "role": "owner"}]
    assert me["default_workspace"] == "grace-personal"
    assert Pipeline.objects.get(pk=created.json()["id"]).workspace.name == "grace-personal"
