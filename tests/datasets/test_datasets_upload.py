"""Uploading files as dataset versions: versions are content snapshots that never change,
the size limit is a clear 413, and files that cannot be read are a 400 naming them."""

import io
import json

import pandas as pd
import pytest

from designer.datasets.models import Dataset, DatasetVersion
from tests.datasets.factories import HOUSES_V1, HOUSES_V2, upload, uploaded

pytestmark = pytest.mark.django_db


def download(api, name: str, version: int, fmt: str = "") -> bytes:
    query = f"?format={fmt}" if fmt else ""
    response = api.get(f"/api/datasets/{name}/versions/{version}/download/{query}")
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def test_upload_makes_version_1_with_its_schema_and_source(api):
    response = upload(api, "houses", HOUSES_V1, description="Sold houses", tags="prices, town")
    assert response.status_code == 201, response.content
    version = response.json()
    assert version["name"] == "houses" and version["version"] == 1
    assert version["row_count"] == 3 and version["size"] > 0 and len(version["digest"]) == 64
    assert version["schema"] == [
        {"name": "rooms", "dtype": "int64"},
        {"name": "price", "dtype": "int64"},
    ]
    assert version["source"] == {"kind": "upload", "file": "houses.csv"}
    assert version["created_by"] == "ada"
    shown = api.get("/api/datasets/houses/").json()
    assert shown["description"] == "Sold houses" and shown["tags"] == ["prices", "town"]
    assert shown["latest_version"] == 1 and shown["version_count"] == 1
    assert [v["version"] for v in shown["versions"]] == [1]


def test_a_changed_file_is_version_2_and_version_1_keeps_its_bytes(api):
    first = uploaded(api, "houses", HOUSES_V1)
    v1_parquet = download(api, "houses", 1)
    v1_csv = download(api, "houses", 1, "csv")
    assert v1_csv == HOUSES_V1

    second = upload(api, "houses", HOUSES_V2)
    assert second.status_code == 201
    assert second.json()["version"] == 2 and second.json()["digest"] != first["digest"]

    assert download(api, "houses", 1) == v1_parquet, "version 1 must never change"
    assert download(api, "houses", 1, "csv") == HOUSES_V1
    assert download(api, "houses", 2, "csv") == HOUSES_V2
    frame = pd.read_parquet(io.BytesIO(v1_parquet))
    pd.testing.assert_frame_equal(frame, pd.read_csv(io.BytesIO(HOUSES_V1)))
    shown = api.get("/api/datasets/houses/").json()
    assert [v["version"] for v in shown["versions"]] == [2, 1]
    assert shown["latest"]["version"] == 2


def test_the_same_content_again_is_the_same_version(api):
    uploaded(api, "houses", HOUSES_V1)
    again = upload(api, "houses", HOUSES_V1, filename="copy.csv")
    assert again.status_code == 200
    assert again.json()["version"] == 1
    assert DatasetVersion.objects.filter(dataset__name="houses").count() == 1


def test_an_older_content_again_is_a_new_version(api):
    """Only the newest version is compared: going back is a change too."""
    uploaded(api, "houses", HOUSES_V1)
    uploaded(api, "houses", HOUSES_V2)
    back = upload(api, "houses", HOUSES_V1)
    assert back.status_code == 201 and back.json()["version"] == 3


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("t.tsv", b"a\tb\n1\tx\n"),
        ("t.json", b'[{"a": 1, "b": "x"}]'),
        ("t.jsonl", b'{"a": 1, "b": "x"}\n'),
        ("t.parquet", None),
    ],
)
def test_the_formats_read(api, filename, content):
    if content is None:
        buffer = io.BytesIO()
        pd.DataFrame({"a": [1], "b": ["x"]}).to_parquet(buffer)
        content = buffer.getvalue()
    version = uploaded(api, "t", content, filename=filename)
    assert [c["name"] for c in version["schema"]] == ["a", "b"]
    preview = api.get("/api/datasets/t/versions/1/preview/").json()
    assert preview == {"columns": ["a", "b"], "rows": [[1, "x"]], "row_count": 1}


def test_excel_without_openpyxl_is_a_clear_400(api):
    response = upload(api, "sheet", b"PK\x03\x04", filename="sheet.xlsx")
    assert response.status_code == 400
    assert response.json()["code"] == "unsupported_format"
    assert "Excel" in response.json()["message"] and "CSV" in response.json()["message"]


def test_an_unknown_ending_lists_the_known_ones(api):
    response = upload(api, "notes", b"hello", filename="notes.txt")
    assert response.status_code == 400
    assert ".csv" in response.json()["message"] and ".txt" in response.json()["message"]


def test_a_file_that_does_not_parse_is_a_400_naming_it(api):
    response = upload(api, "broken", b'[{"a": 1}, {"a": ', filename="broken.json")
    assert response.status_code == 400
    assert response.json()["code"] == "unreadable"
    assert "broken.json" in response.json()["message"]
    assert not Dataset.objects.filter(name="broken").exists()


def test_an_oversized_upload_is_refused_before_it_is_read(api, settings):
    settings.DESIGNER_DATASET_MAX_BYTES = 1000
    big = b"a,b\n" + b"1,2\n" * 50_000  # 200 kB: the request alone is past the limit
    response = upload(api, "big", big)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert "1000 bytes" in response.json()["message"]
    assert not Dataset.objects.exists() and not DatasetVersion.objects.exists()


def test_a_file_just_past_the_limit_is_refused_too(api, settings):
    settings.DESIGNER_DATASET_MAX_BYTES = 1000
    response = upload(api, "big", b"a,b\n" + b"1,2\n" * 400)  # 1.6 kB
    assert response.status_code == 413
    assert "'houses.csv'" in response.json()["message"]
    assert "DESIGNER_DATASET_MAX_BYTES" in response.json()["message"]
    assert not Dataset.objects.exists() and not DatasetVersion.objects.exists()


def test_django_body_limits_do_not_refuse_an_upload_first(api, settings):
    """Files are not held to the request-body limit; only the dataset limit applies."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    content = b"a,b\n" + b"1,2\n" * 5000  # 20 kB
    response = upload(api, "roomy", content)
    assert response.status_code == 201, response.content
    assert response.json()["row_count"] == 5000


@pytest.mark.parametrize("tags", [json.dumps(["a", "b"]), "a, b", " a ,b,a"])
def test_tags_as_a_json_list_or_comma_separated_text(api, tags):
    uploaded(api, "tagged", HOUSES_V1, tags=tags)
    assert api.get("/api/datasets/tagged/").json()["tags"] == ["a", "b"]


@pytest.mark.parametrize("name", ["Has Spaces", "../up", "x" * 65, ""])
def test_a_bad_name_is_refused(api, name):
    response = upload(api, name, HOUSES_V1)
    assert response.status_code == 400, response.content
    assert not Dataset.objects.exists()
