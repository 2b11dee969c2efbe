"""Components are owned: a name lives in one workspace (built-ins in the whole instance), other
workspaces neither see nor resolve it, and its versions can be yanked or deprecated."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from designer.accounts.models import Membership, Workspace, default_workspace_id
from designer.registry.models import Component
from designer.registry.services import resolver
from tests.pipelines.factories import graph, node, pipeline
from tests.support.live import component_zip

from .test_registry_api import CODE, SPEC

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path / "store")
    return tmp_path / "store"


@pytest.fixture
def grace(django_user_model):
    return django_user_model.objects.create_user(username="grace", password="hopper")


def signed_in(user, workspace: str | None = None) -> APIClient:
    """A client for `user` as stored now (roles are read once per user object)."""
    client = APIClient()
    client.force_authenticate(type(user).objects.get(pk=user.pk))
    if workspace:
        client.credentials(HTTP_X_PIPEWRIGHT_WORKSPACE=workspace)
    return client


def join(user, workspace: str, role: str) -> Workspace:
    place, _ = Workspace.objects.get_or_create(name=workspace)
    Membership.objects.update_or_create(workspace=place, user=user, defaults={"role": role})
    return place


def upload(client, version: str = "1.0.0", code: str = CODE, name: str = "doubler", **body):
    spec = SPEC.replace("version: 1.0.0", f"version: {version}").replace(
        "name: doubler", f"name: {name}"
    )
    archive = component_zip({"component.yaml": spec, "main.py": code})
    return client.post(
        "/api/components/",
        {"archive": SimpleUploadedFile("c.zip", archive, "application/zip"), **body},
        format="multipart",
    )


def listed(client, **query) -> dict[str, str]:
    rows = client.get("/api/components/", {"limit": 200, **query}).json()
    return {row["name"]: row["version"] for row in rows}


def status(client, ref: str, **body):
    name, _, version = ref.partition("@")
    return client.patch(f"/api/components/{name}/versions/{version}/", body, format="json")


# --- who owns a name --------------------------------------------------------------------------


def test_a_new_name_goes_to_the_workspace_named_or_the_default(user):
    join(user, "lab", "contributor")
    ada = signed_in(user)
    first = upload(ada)
    assert first.status_code == 201, first.content
    assert first.json()["workspace"] == "default"
    elsewhere = upload(ada, name="tripler", workspace="lab")
    assert elsewhere.status_code == 201, elsewhere.content
    assert elsewhere.json()["workspace"] == "lab"
    assert Component.objects.get(name="tripler").workspace.name == "lab"
    assert upload(ada, name="halver", workspace="nowhere").status_code == 404


def test_a_new_version_joins_the_workspace_that_owns_the_name(user, grace):
    join(user, "lab", "contributor")
    assert upload(signed_in(user), workspace="lab").status_code == 201
    join(grace, "lab", "contributor")
    join(grace, "graces", "owner")
    # Grace works in her own workspace, but doubler is the lab's: its versions stay there.
    second = upload(signed_in(grace, "graces"), "1.1.0", CODE + "# 1.1\n")
    assert second.status_code == 201, second.content
    assert second.json()["workspace"] == "lab"


def test_a_non_member_cannot_add_a_version_and_learns_only_that_the_name_is_taken(
    user, grace, store
):
    assert upload(signed_in(user)).status_code == 201
    join(grace, "graces", "owner")
    outsider = signed_in(grace)
    refused = upload(outsider, "1.1.0")
    assert refused.status_code == 409 and refused.json()["code"] == "name_taken"
    assert "doubler" in refused.json()["message"]
    same = upload(outsider)  # the identical archive does not hand her the component either
    assert same.status_code == 409 and same.json()["code"] == "name_taken"
    assert list(Component.objects.filter(name="doubler").values_list("version", flat=True)) == [
        "1.0.0"
    ]
    assert not (store / "doubler" / "1.1.0").exists()


def test_a_reader_of_the_owning_workspace_cannot_add_a_version(user, grace):
    assert upload(signed_in(user)).status_code == 201
    join(grace, Workspace.DEFAULT, "reader")
    refused = upload(signed_in(grace), "1.1.0")
    assert refused.status_code == 403 and refused.json()["code"] == "role_too_low"


def test_only_administrators_touch_built_in_names(user, builtins):
    refused = upload(signed_in(user), "9.9.9", name="split_data")
    assert refused.status_code == 403 and refused.json()["code"] == "administrators_only"
    assert not Component.objects.filter(name="split_data", version="9.9.9").exists()


def test_the_command_registers_into_a_named_workspace(user, tmp_path):
    from django.core.management import call_command

    join(user, "lab", "owner")
    folder = tmp_path / "doubler"
    folder.mkdir()
    (folder / "component.yaml").write_text(SPEC)
    (folder / "main.py").write_text(CODE)
    call_command("register_component", str(folder), "--workspace", "lab")
    assert Component.objects.get(name="doubler").workspace.name == "lab"


# --- who sees it ------------------------------------------------------------------------------


def test_other_workspaces_components_do_not_exist_for_a_non_member(user, grace, builtins):
    assert upload(signed_in(user)).status_code == 201
    join(grace, "graces", "owner")
    outsider = signed_in(grace)
    names = listed(outsider)
    assert "split_data" in names and "doubler" not in names
    assert "doubler" not in listed(outsider, search="doubler")
    categories = {c["name"] for c in outsider.get("/api/components/categories/").json()}
    assert "Custom" not in categories
    assert outsider.get("/api/components/doubler/").status_code == 404
    assert outsider.get("/api/components/doubler/versions/1.0.0/").status_code == 404
    assert outsider.get("/api/components/split_data/").status_code == 200

    join(grace, Workspace.DEFAULT, "reader")
    reader = signed_in(grace)
    assert listed(reader)["doubler"] == "1.0.0"
    assert reader.get("/api/components/doubler/").json()["workspace"] == "default"


def test_a_chosen_workspace_shows_its_components_and_the_built_ins(user, builtins):
    join(user, "lab", "contributor")
    assert upload(signed_in(user)).status_code == 201
    in_lab = listed(signed_in(user, "lab"))
    assert "doubler" not in in_lab and "split_data" in in_lab
    assert "doubler" in listed(signed_in(user, Workspace.DEFAULT))


# --- yank and deprecate -----------------------------------------------------------------------


def test_a_yanked_version_is_hidden_and_never_the_latest_but_stays_readable(user):
    ada = signed_in(user)
    assert upload(ada).status_code == 201
    assert upload(ada, "1.1.0", CODE + "# 1.1\n").status_code == 201
    assert listed(ada)["doubler"] == "1.1.0"

    yanked = status(ada, "doubler@1.1.0", yanked=True, reason="doubles twice")
    assert yanked.status_code == 200, yanked.content
    assert yanked.json()["yanked"] is True and yanked.json()["reason"] == "doubles twice"
    assert listed(ada)["doubler"] == "1.0.0"
    assert listed(ada, include_yanked=1)["doubler"] == "1.1.0"
    assert ada.get("/api/components/doubler/").json()["version"] == "1.0.0"
    exact = ada.get("/api/components/doubler/versions/1.1.0/").json()
    assert exact["yanked"] is True and exact["reason"] == "doubles twice"

    assert status(ada, "doubler@1.1.0", yanked=False).json()["yanked"] is False
    assert listed(ada)["doubler"] == "1.1.0"
    assert ada.get("/api/components/doubler/versions/1.1.0/").json()["reason"] == ""


def test_when_every_version_is_yanked_latest_is_a_clear_400(user):
    ada = signed_in(user)
    assert upload(ada).status_code == 201
    assert status(ada, "doubler@1.0.0", yanked=True).status_code == 200
    assert "doubler" not in listed(ada)
    assert "doubler" in listed(ada, include_yanked="1")
    latest = ada.get("/api/components/doubler/")
    assert latest.status_code == 400
    body = latest.json()
    assert body["code"] == "all_versions_yanked" and "'doubler'" in body["message"]
    assert ada.get("/api/components/doubler/versions/1.0.0/").status_code == 200


def test_a_deprecated_version_stays_the_latest_with_its_reason(user):
    ada = signed_in(user)
    assert upload(ada).status_code == 201
    changed = status(ada, "doubler@1.0.0", deprecated=True, reason="use tripler")
    assert changed.json()["deprecated"] is True and changed.json()["yanked"] is False
    row = ada.get("/api/components/", {"search": "doubler"}).json()[0]
    assert row["name"] == "doubler" and row["deprecated"] and row["reason"] == "use tripler"
    assert status(ada, "doubler@1.0.0").status_code == 400, "an empty change is refused"


def test_who_may_yank(user, grace, builtins):
    assert upload(signed_in(user)).status_code == 201
    join(grace, "graces", "owner")
    assert status(signed_in(grace), "doubler@1.0.0", yanked=True).status_code == 404
    join(grace, Workspace.DEFAULT, "reader")
    refused = status(signed_in(grace), "doubler@1.0.0", yanked=True)
    assert refused.status_code == 403 and refused.json()["code"] == "role_too_low"
    join(grace, Workspace.DEFAULT, "contributor")
    assert status(signed_in(grace), "doubler@1.0.0", yanked=True).status_code == 200

    builtin = status(signed_in(user), "split_data@1.1.0", yanked=True)
    assert builtin.status_code == 403 and builtin.json()["code"] == "administrators_only"
    user.is_staff = True
    user.save()
    assert status(signed_in(user), "split_data@1.1.0", yanked=True).status_code == 200
    assert listed(signed_in(grace))["split_data"] == "1.0.0"


# --- what pipelines resolve -------------------------------------------------------------------


def test_a_pinned_yanked_version_still_resolves(user, builtins):
    user.is_staff = True
    user.save()
    ada = signed_in(user)
    assert status(ada, "split_data@1.1.0", yanked=True).status_code == 200
    pinned = pipeline(graph([node("s", "split_data@1.1.0")]), name="pins a yanked one")
    assert resolver(workspace=pinned.workspace_id)("split_data@1.1.0") is not None
    checked = ada.post(f"/api/pipelines/{pinned.pk}/validate/", {}, format="json").json()
    assert not [e for e in checked["errors"] if e["code"] == "unknown_component"], checked


def test_another_workspaces_component_does_not_resolve_for_a_pipeline(user, builtins):
    lab = join(user, "lab", "contributor")
    ada = signed_in(user)
    assert upload(ada, workspace="lab").status_code == 201
    here = default_workspace_id()
    assert resolver(workspace=lab.pk)("doubler@1.0.0") is not None
    assert resolver(workspace=here)("doubler@1.0.0") is None
    assert resolver(workspace=here)("split_data@1.0.0") is not None

    nodes = [node("d", "sample_dataset@1.0.0"), node("x", "doubler@1.0.0", {"column": "a"})]
    edges = [{"source": "d", "source_port": "data", "target": "x", "target_port": "data"}]
    elsewhere = pipeline(graph(nodes, edges), name="uses the lab's doubler")
    checked = ada.post(f"/api/pipelines/{elsewhere.pk}/validate/", {}, format="json").json()
    assert [e["node"] for e in checked["errors"] if e["code"] == "unknown_component"] == ["x"]
    submitted = ada.post(f"/api/pipelines/{elsewhere.pk}/runs/", {}, format="json")
    assert submitted.status_code == 400, submitted.content
    assert "doubler@1.0.0" in str(submitted.json())

    in_lab = pipeline(graph(nodes, edges), name="in the lab", workspace=lab)
    checked = ada.post(f"/api/pipelines/{in_lab.pk}/validate/", {}, format="json").json()
    assert not [e for e in checked["errors"] if e["code"] == "unknown_component"], checked
