"""Reading and managing datasets: lists and search, one version, preview and profile,
description and tags, deletion, and who may see what."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.datasets.models import Dataset
from designer.datasets.services.registering import ensure_sample_datasets
from tests.datasets.factories import HOUSES_V1, HOUSES_V2, upload, uploaded

pytestmark = pytest.mark.django_db


def names(page: dict) -> list[str]:
    return [d["name"] for d in page["results"]]


def test_list_newest_first_with_search_over_name_description_and_tags(api):
    uploaded(api, "houses", HOUSES_V1, description="Sold houses")
    uploaded(api, "flats", HOUSES_V2, tags="urban")
    page = api.get("/api/datasets/").json()
    assert names(page) == ["flats", "houses"] and page["next"] is None
    assert page["results"][1]["latest"]["version"] == 1
    assert names(api.get("/api/datasets/?search=HOUS").json()) == ["houses"]
    assert names(api.get("/api/datasets/?search=sold").json()) == ["houses"]
    assert names(api.get("/api/datasets/?search=urban").json()) == ["flats"]


def test_one_version_and_its_preview_and_profile(api):
    uploaded(api, "houses", HOUSES_V1)
    uploaded(api, "houses", HOUSES_V2)
    one = api.get("/api/datasets/houses/versions/1/").json()
    assert one["version"] == 1 and one["row_count"] == 3
    preview = api.get("/api/datasets/houses/versions/2/preview/?limit=2").json()
    assert preview == {"columns": ["rooms", "price"], "rows": [[2, 100], [3, 150]], "row_count": 4}
    profile = api.get("/api/datasets/houses/versions/2/profile/").json()
    price = next(c for c in profile["columns"] if c["name"] == "price")
    assert price["min"] == 100 and price["max"] == 260 and price["histogram"] is not None
    missing = api.get("/api/datasets/houses/versions/3/")
    assert missing.status_code == 404 and "newest is 2" in missing.json()["message"]


def test_download_format_must_be_known(api):
    uploaded(api, "houses", HOUSES_V1)
    response = api.get("/api/datasets/houses/versions/1/download/?format=xlsx")
    assert response.status_code == 400 and response.json()["code"] == "bad_format"


def test_description_and_tags_change_and_versions_do_not(api):
    version = uploaded(api, "houses", HOUSES_V1)
    body = {"description": "Now described", "tags": ["b", "a", "b"]}
    changed = api.patch("/api/datasets/houses/", body, format="json")
    assert changed.status_code == 200
    assert changed.json()["description"] == "Now described" and changed.json()["tags"] == ["b", "a"]
    assert changed.json()["versions"][0]["digest"] == version["digest"]


def test_delete_removes_the_dataset(api):
    uploaded(api, "houses", HOUSES_V1)
    assert api.delete("/api/datasets/houses/").status_code == 204
    assert api.get("/api/datasets/houses/").status_code == 404


def test_another_persons_dataset_is_not_found(api, other_api):
    uploaded(api, "houses", HOUSES_V1)
    for path in [
        "/api/datasets/houses/",
        "/api/datasets/houses/versions/1/",
        "/api/datasets/houses/versions/1/preview/",
        "/api/datasets/houses/versions/1/download/",
    ]:
        response = other_api.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] in ("not_found", "no_such_version")
    assert other_api.patch("/api/datasets/houses/", {"description": "x"}).status_code == 404
    assert other_api.delete("/api/datasets/houses/").status_code == 404
    assert names(other_api.get("/api/datasets/").json()) == []


def test_a_taken_name_is_a_409_and_adds_nothing(api, other_api):
    uploaded(api, "houses", HOUSES_V1)
    response = upload(other_api, "houses", HOUSES_V2)
    assert response.status_code == 409 and response.json()["code"] == "name_taken"
    assert Dataset.objects.get(name="houses").versions.count() == 1


def test_samples_are_readable_by_everyone_and_changed_by_administrators_only(
    api, other_api, admin_client
):
    assert ensure_sample_datasets() == ["diabetes", "iris", "wine", "breast_cancer"]
    assert ensure_sample_datasets() == [], "a second start registers nothing again"
    listed = set(names(other_api.get("/api/datasets/?search=").json()))
    assert listed == {"diabetes", "iris", "wine", "breast_cancer"}
    iris = api.get("/api/datasets/iris/").json()
    assert iris["created_by"] is None and iris["latest"]["row_count"] == 150
    assert iris["latest"]["source"] == {"kind": "sample", "loader": "sklearn.datasets.load_iris"}
    target = next(c for c in iris["latest"]["schema"] if c["name"] == "target")
    assert target["dtype"] == "int64"
    refused = api.patch("/api/datasets/iris/", {"description": "mine"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "built_in"
    assert upload(api, "iris", HOUSES_V1).status_code == 403
    assert admin_client.patch(
        "/api/datasets/iris/", {"tags": ["flowers"]}, content_type="application/json"
    ).json()["tags"] == ["flowers"]


def test_a_sample_name_someone_took_is_left_to_them(api):
    uploaded(api, "iris", HOUSES_V1)
    assert "iris" not in ensure_sample_datasets()
    assert Dataset.objects.get(name="iris").created_by.username == "ada"


def test_the_system_sees_every_dataset(api):
    from designer.datasets.services import datasets

    uploaded(api, "houses", HOUSES_V1)
    assert [d.name for d in datasets.list_datasets(SYSTEM)] == ["houses"]
