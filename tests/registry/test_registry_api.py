"""The registry over the REST API: listing, lookup, registering, immutability."""

import pytest

from tests.pipelines.factories import graph, node, pipeline
from tests.support.live import component_zip

pytestmark = pytest.mark.django_db

SPEC = """name: doubler
version: 1.0.0
category: Custom
description: Doubles a number column.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  column: {type: column, input: data}
python: main.py:run
"""
CODE = "def run(data, column):\n    data[column] = data[column] * 2\n    return data\n"


def upload(api, files):
    archive = component_zip(files)
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api.post(
        "/api/components/",
        {"archive": SimpleUploadedFile("c.zip", archive, "application/zip")},
        format="multipart",
    )


def test_builtins_are_listed_with_ports_and_parameters(api, builtins):
    listed = api.get("/api/components/", {"limit": 200}).json()
    names = {c["name"] for c in listed}
    assert {"sample_dataset", "split_data", "train_model", "evaluate_model"} <= names
    split = next(c for c in listed if c["name"] == "split_data")
    assert split["inputs"]["data"]["type"] == "dataframe"
    assert split["parameters"]["fraction"]["default"] == 0.7
    assert split["versions"][0] == split["version"] and "1.0.0" in split["versions"]


def test_search_and_category_filter(api, builtins):
    found = api.get("/api/components/", {"search": "split"}).json()
    assert [c["name"] for c in found] == ["split_data"]
    learners = api.get("/api/components/", {"category": "Machine Learning"}).json()
    assert {c["name"] for c in learners} >= {"linear_regression", "logistic_regression"}
    assert all(c["category"] == "Machine Learning" for c in learners)


def test_detail_and_exact_version(api, builtins):
    detail = api.get("/api/components/split_data/").json()
    assert detail["version"] == detail["versions"][0] != "1.0.0" and detail["python"]
    assert api.get("/api/components/split_data/versions/1.0.0/").json()["version"] == "1.0.0"
    exact = api.get("/api/components/split_data/versions/1.0.0/")
    assert exact.status_code == 200
    assert api.get("/api/components/split_data/versions/9.0.0/").status_code == 404
    assert api.get("/api/components/nope/").status_code == 404


def test_components_say_what_they_become_at_inference(api, builtins):
    def inference(name: str):
        return api.get(f"/api/components/{name}/").json()["inference"]

    assert inference("train_model") == {"replace_with_output": "model"}
    assert inference("split_data") == "drop"
    assert inference("score_model") == "keep"
    assert inference("normalize_data")["apply_with"]["component"] == "apply_transformation@1.0.0"


def test_register_a_component(api, db, settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    response = upload(api, {"component.yaml": SPEC, "main.py": CODE})
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "doubler"
    assert (tmp_path / "doubler" / "1.0.0" / "main.py").read_text() == CODE
    again = upload(api, {"component.yaml": SPEC, "main.py": CODE})
    assert again.status_code == 200


def test_same_version_with_other_content_is_a_409(api, settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    assert upload(api, {"component.yaml": SPEC, "main.py": CODE}).status_code == 201
    changed = upload(api, {"component.yaml": SPEC, "main.py": CODE + "# changed\n"})
    assert changed.status_code == 409
    assert changed.json()["code"] == "version_exists"


@pytest.mark.parametrize("name", ["dataset", "register_dataset", "split_data"])
def test_a_built_in_name_is_refused_for_a_user_component(api, user, settings, tmp_path, name):
    """Built-ins belong to the instance: a user may not add a version (403); an administrator
    hears that built-ins are versioned with the code (409)."""
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    spec = SPEC.replace("name: doubler", f"name: {name}").replace(
        "version: 1.0.0", "version: 9.0.0"
    )
    assert f"name: {name}" in spec and "version: 9.0.0" in spec
    refused = upload(api, {"component.yaml": spec, "main.py": CODE})
    assert refused.status_code == 403 and refused.json()["code"] == "administrators_only"
    user.is_staff = True
    user.save()
    refused = upload(api, {"component.yaml": spec, "main.py": CODE})
    assert refused.status_code == 409 and refused.json()["code"] == "builtin_name"
    assert not list(tmp_path.iterdir()), "nothing of it is stored"


def test_broken_spec_is_a_400_naming_the_field(api, settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    broken = SPEC.replace("data: {type: dataframe}\noutputs", "data: {type: table}\noutputs")
    response = upload(api, {"component.yaml": broken, "main.py": CODE})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_spec"
    assert any(e["field"] == "inputs.data.type" for e in body["errors"])
    assert "table" in body["message"]


def test_archive_escaping_its_folder_is_refused(api, settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    response = upload(api, {"component.yaml": SPEC, "../evil.py": CODE})
    assert response.status_code == 400 and response.json()["code"] == "bad_archive"


def test_not_a_zip_is_a_400(api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api.post(
        "/api/components/", {"archive": SimpleUploadedFile("c.zip", b"nope")}, format="multipart"
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_archive"


def test_sync_is_idempotent(db):
    from designer.registry.models import Component
    from designer.registry.services import sync_builtin_components

    Component.objects.filter(builtin=True).delete()  # the session loaded them already
    first = sync_builtin_components()
    second = sync_builtin_components()
    assert first.created and not second.created and not second.updated
    assert sorted(second.unchanged) == sorted(first.created)


def test_filter_by_port_type_and_direction(api, builtins):
    takes_model = api.get("/api/components/", {"port_type": "model", "direction": "in"}).json()
    names = {c["name"] for c in takes_model}
    assert {"train_model", "score_model"} <= names
    assert "linear_regression" not in names, "it gives a model, it does not take one"
    assert all(any(p["type"] == "model" for p in c["inputs"].values()) for c in takes_model)
    gives_model = {
        c["name"]
        for c in api.get("/api/components/", {"port_type": "model", "direction": "out"}).json()
    }
    assert "linear_regression" in gives_model
    assert api.get("/api/components/", {"port_type": "table"}).status_code == 400


def test_search_matches_port_names(api, builtins):
    found = {c["name"] for c in api.get("/api/components/", {"search": "learner"}).json()}
    assert "train_model" in found  # its input port is called learner


def test_categories_with_counts(api, builtins):
    categories = {c["name"]: c["count"] for c in api.get("/api/components/categories/").json()}
    listed = api.get("/api/components/", {"limit": 200}).json()
    assert sum(categories.values()) == len(listed)
    assert categories["Machine Learning"] >= 2


def test_detail_has_readme_source_and_users(api, builtins):
    uses = pipeline(graph([node("s", "split_data@1.0.0")]), name="uses split")
    detail = api.get("/api/components/split_data/versions/1.0.0/").json()
    assert "Split" in detail["readme"]
    paths = [f["path"] for f in detail["source"]]
    assert paths[0] == "component.yaml" and any(p.endswith(".py") for p in paths)
    assert not any(p.startswith("test_") for p in paths)
    code = next(f["text"] for f in detail["source"] if f["path"].endswith(".py"))
    assert "def run" in code
    assert detail["used_by"] == [{"id": uses.pk, "name": "uses split", "nodes": ["s"]}]
    latest = api.get("/api/components/split_data/").json()
    assert latest["used_by"] == [], "the pipeline pins 1.0.0, not the latest"


def test_register_component_command(db, settings, tmp_path):
    from django.core.management import call_command

    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path / "store")
    folder = tmp_path / "doubler"
    folder.mkdir()
    (folder / "component.yaml").write_text(SPEC)
    (folder / "main.py").write_text(CODE)
    from io import StringIO

    out = StringIO()
    call_command("register_component", str(folder), stdout=out)
    assert "doubler@1.0.0 registered" in out.getvalue()
    (folder / "main.py").write_text(CODE + "# changed\n")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already registered with other content"):
        call_command("register_component", str(folder))
