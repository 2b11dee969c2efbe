"""Datastores: registering them, their paths kept inside the data roots, browsing and
previewing their files, registering a file as a dataset, and credentials that never come
back out."""

import os

import pandas as pd
import pytest

from designer.datasets.models import DatasetVersion, Datastore
from designer.datasets.services.datastores import ensure_data_datastores
from tests.datasets.factories import HOUSES_V1, HOUSES_V2, local_datastore

pytestmark = pytest.mark.django_db

SECRET = "wJalrXUtnFEMI-not-a-real-secret-K7MDENG"
S3 = {
    "name": "lake",
    "kind": "s3",
    "bucket": "sales-data",
    "prefix": "exports/",
    "endpoint_url": "http://127.0.0.1:9000",
    "credentials": {"access_key": "AKIAEXAMPLE", "secret_key": SECRET},
}
HTTP = {
    "name": "site",
    "kind": "http",
    "url": "https://data.example.org/files/",
    "credentials": {"headers": {"Authorization": f"Bearer {SECRET}"}},
}


@pytest.fixture
def files(data_root):
    (data_root / "sales" / "2024").mkdir(parents=True)
    (data_root / "sales" / "q1.csv").write_bytes(HOUSES_V1)
    (data_root / "sales" / "notes.txt").write_text("not data")
    pd.DataFrame({"a": range(5)}).to_parquet(data_root / "sales" / "a.parquet")
    return data_root


def test_a_local_datastore_lists_folders_first_with_sizes_and_times(api, files):
    local_datastore(api, "sales", files / "sales")
    listing = api.get("/api/datastores/sales/browse/").json()
    assert listing["path"] == "" and listing["next"] is None
    assert [(e["name"], e["kind"]) for e in listing["entries"]] == [
        ("2024", "folder"),
        ("a.parquet", "file"),
        ("notes.txt", "file"),
        ("q1.csv", "file"),
    ]
    q1 = listing["entries"][3]
    assert q1["path"] == "q1.csv" and q1["size"] == len(HOUSES_V1) and q1["modified"]
    assert listing["entries"][0]["size"] is None
    inner = api.get("/api/datastores/sales/browse/?path=2024").json()
    assert inner == {"path": "2024", "entries": [], "next": None}


def test_previews_of_csv_and_parquet(api, files):
    local_datastore(api, "sales", files / "sales")
    csv = api.get("/api/datastores/sales/preview/?path=q1.csv").json()
    assert csv["columns"] == [
        {"name": "rooms", "dtype": "int64"},
        {"name": "price", "dtype": "int64"},
    ]
    assert csv["rows"] == [[2, 100], [3, 150], [4, 210]] and csv["row_count"] == 3
    parquet = api.get("/api/datastores/sales/preview/?path=a.parquet").json()
    assert parquet["row_count"] == 5 and parquet["rows"][0] == [0]
    text = api.get("/api/datastores/sales/preview/?path=notes.txt")
    assert text.status_code == 400 and text.json()["code"] == "unsupported_format"


def test_a_long_csv_preview_reads_only_its_start(api, files):
    (files / "sales" / "long.csv").write_text("n\n" + "\n".join(str(i) for i in range(300_000)))
    local_datastore(api, "sales", files / "sales")
    preview = api.get("/api/datastores/sales/preview/?path=long.csv").json()
    assert preview["row_count"] is None, "the whole file was not read"
    assert len(preview["rows"]) == 50 and preview["rows"][0] == [0]


@pytest.mark.parametrize(
    "path", ["../secret.csv", "/etc/passwd", "2024/../../x.csv", "..", "~/x.csv", "a\\b.csv"]
)
def test_paths_out_of_the_datastore_are_refused(api, files, path):
    local_datastore(api, "sales", files / "sales")
    for url in [
        f"/api/datastores/sales/browse/?path={path}",
        f"/api/datastores/sales/preview/?path={path}",
    ]:
        response = api.get(url)
        assert response.status_code == 400, (url, response.content)
        assert response.json()["code"] == "bad_path"
    body = {"name": "stolen", "datastore": "sales", "path": path}
    response = api.post("/api/datasets/", body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "bad_path"


def test_a_symlink_out_of_the_datastore_is_neither_shown_nor_read(api, files, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_bytes(HOUSES_V1)
    os.symlink(outside / "secret.csv", files / "sales" / "link.csv")
    os.symlink(outside, files / "sales" / "linked")
    local_datastore(api, "sales", files / "sales")
    shown = [e["name"] for e in api.get("/api/datastores/sales/browse/").json()["entries"]]
    assert "link.csv" not in shown and "linked" not in shown
    for path in ["link.csv", "linked/secret.csv"]:
        response = api.get(f"/api/datastores/sales/preview/?path={path}")
        assert response.status_code == 400 and response.json()["code"] == "bad_path"


@pytest.mark.parametrize("where", ["outside", "relative", "link", "missing"])
def test_a_local_folder_outside_the_data_roots_is_refused(api, data_root, tmp_path, where):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, data_root / "escape")
    path = {
        "outside": str(outside),
        "relative": "sales",
        "link": str(data_root / "escape"),
        "missing": str(data_root / "nothing"),
    }[where]
    response = api.post("/api/datastores/", {"name": "x", "kind": "local", "path": path}, "json")
    assert response.status_code == 400 and response.json()["code"] == "bad_path"
    assert not Datastore.objects.exists()


def test_a_datastore_whose_folder_left_the_roots_refuses_to_read(api, files, settings, tmp_path):
    local_datastore(api, "sales", files / "sales")
    settings.DESIGNER_DATA_ROOTS = [str(tmp_path / "other")]
    response = api.get("/api/datastores/sales/browse/")
    assert response.status_code == 400 and response.json()["code"] == "bad_path"


def test_register_a_datastore_file_and_again_after_it_changed(api, files):
    local_datastore(api, "sales", files / "sales")
    body = {"name": "q1", "datastore": "sales", "path": "q1.csv", "tags": ["sales"]}
    first = api.post("/api/datasets/", body, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["source"] == {"kind": "datastore", "datastore": "sales", "path": "q1.csv"}
    assert api.post("/api/datasets/", body, format="json").status_code == 200, "unchanged"
    (files / "sales" / "q1.csv").write_bytes(HOUSES_V2)
    second = api.post("/api/datasets/", body, format="json")
    assert second.status_code == 201 and second.json()["version"] == 2
    assert api.get("/api/datasets/q1/versions/1/").json()["row_count"] == 3
    assert api.get("/api/datasets/q1/versions/2/").json()["row_count"] == 4


def test_registering_a_file_past_the_limit_is_refused(api, files, settings):
    settings.DESIGNER_DATASET_MAX_BYTES = 10
    local_datastore(api, "sales", files / "sales")
    body = {"name": "q1", "datastore": "sales", "path": "q1.csv"}
    response = api.post("/api/datasets/", body, format="json")
    assert response.status_code == 413 and response.json()["code"] == "too_large"
    assert not DatasetVersion.objects.exists()


def test_a_missing_file_is_a_404(api, files):
    local_datastore(api, "sales", files / "sales")
    body = {"name": "q9", "datastore": "sales", "path": "q9.csv"}
    assert api.post("/api/datasets/", body, format="json").status_code == 404
    assert api.get("/api/datastores/sales/preview/?path=q9.csv").status_code == 404


@pytest.mark.parametrize("body", [S3, HTTP])
def test_credentials_never_come_back_out(api, body):
    created = api.post("/api/datastores/", body, format="json")
    assert created.status_code == 201, created.content
    name = body["name"]
    answers = [
        created,
        api.get("/api/datastores/"),
        api.get(f"/api/datastores/{name}/"),
        api.patch(f"/api/datastores/{name}/", {"description": "changed"}, format="json"),
    ]
    for response in answers:
        text = response.content.decode()
        assert SECRET not in text and "AKIAEXAMPLE" not in text, text
        assert '"credentials"' not in text
    assert answers[2].json()["has_credentials"] is True
    stored = Datastore.objects.get(name=name).credentials_encrypted
    assert stored and SECRET not in stored
    removed = api.patch(f"/api/datastores/{name}/", {"credentials": None}, format="json")
    assert removed.json()["has_credentials"] is False


def test_bad_credentials_are_refused_without_echoing_them(api):
    body = {**S3, "credentials": {"access_key": "AKIAEXAMPLE", "secret_key": SECRET, "x": 1}}
    response = api.post("/api/datastores/", body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "bad_credentials"
    assert SECRET not in response.content.decode()
    header = {**HTTP, "credentials": {"headers": {"X-Key": f"{SECRET}\r\nInjected: 1"}}}
    response = api.post("/api/datastores/", header, format="json")
    assert response.status_code == 400 and SECRET not in response.content.decode()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "a", "kind": "s3", "bucket": "Not A Bucket"}, "bucket"),
        ({"name": "a", "kind": "http", "url": "ftp://example.org/"}, "url"),
        ({"name": "a", "kind": "http", "url": "https://u:p@example.org/"}, "url"),
        ({"name": "a", "kind": "http", "url": "https://example.org/", "bucket": "b"}, "bucket"),
    ],
)
def test_bad_places_are_refused(api, body, field):
    response = api.post("/api/datastores/", body, format="json")
    assert response.status_code == 400 and field in response.json()["message"]


def test_name_and_kind_do_not_change(api, data_root):
    local_datastore(api, "here", data_root)
    response = api.patch("/api/datastores/here/", {"kind": "s3"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "immutable"


def test_another_persons_datastore_is_not_found(api, other_api, data_root):
    local_datastore(api, "mine", data_root)
    assert other_api.get("/api/datastores/mine/").status_code == 404
    assert other_api.get("/api/datastores/mine/browse/").status_code == 404
    assert other_api.get("/api/datastores/").json()["results"] == []
    body = {"name": "copy", "datastore": "mine", "path": "x.csv"}
    assert other_api.post("/api/datasets/", body, format="json").status_code == 404


def test_each_data_root_is_a_built_in_datastore(api, other_api, settings, tmp_path):
    settings.DESIGNER_DATA_ROOTS = [str(tmp_path / "one"), str(tmp_path / "two")]
    assert ensure_data_datastores() == ["data", "data-2"]
    assert ensure_data_datastores() == [], "nothing changes on a second start"
    (tmp_path / "two" / "t.csv").write_bytes(HOUSES_V1)
    listing = other_api.get("/api/datastores/data-2/browse/").json()
    assert [e["name"] for e in listing["entries"]] == ["t.csv"]
    refused = other_api.delete("/api/datastores/data/")
    assert refused.status_code == 403 and refused.json()["code"] == "built_in"
    settings.DESIGNER_DATA_ROOTS = [str(tmp_path / "moved")]
    assert ensure_data_datastores() == ["data"]
    assert api.get("/api/datastores/data/").json()["path"] == str((tmp_path / "moved").resolve())


def test_an_http_datastore_cannot_be_browsed(api):
    api.post("/api/datastores/", {**HTTP, "credentials": None}, format="json")
    response = api.get("/api/datastores/site/browse/")
    assert response.status_code == 400 and response.json()["code"] == "not_browsable"
