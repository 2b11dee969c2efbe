"""An S3 datastore against a real S3-compatible server (moto, in its own process): its keys are
stored encrypted and never shown, its files are browsed and previewed, and a file registered
twice after it changed gives two versions while the first keeps its bytes."""

import io

import pandas as pd
import pytest

from designer.datasets.models import Datastore
from tests.datasets.factories import HOUSES_V1, HOUSES_V2
from tests.support.s3 import CREDENTIALS

pytestmark = pytest.mark.django_db

SECRET = CREDENTIALS["AWS_SECRET_ACCESS_KEY"]


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


@pytest.fixture
def bucket(s3_server):
    name = s3_server.new_bucket()
    s3_server.client().put_object(Bucket=name, Key="raw/houses.csv", Body=HOUSES_V1)
    return name


@pytest.fixture
def lake(api, s3_server, bucket):
    body = {
        "name": "lake",
        "kind": "s3",
        "bucket": bucket,
        "prefix": "raw",
        "endpoint_url": s3_server.endpoint_url,
        "credentials": {"access_key": CREDENTIALS["AWS_ACCESS_KEY_ID"], "secret_key": SECRET},
    }
    response = api.post("/api/datastores/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_the_keys_are_encrypted_and_never_answered(api, lake):
    assert lake["has_credentials"] is True
    for answer in (api.get("/api/datastores/"), api.get("/api/datastores/lake/")):
        assert SECRET not in answer.content.decode()
    stored = Datastore.objects.get(name="lake").credentials_encrypted
    assert stored and SECRET not in stored


def test_browse_and_preview_read_the_bucket(api, lake):
    listing = api.get("/api/datastores/lake/browse/").json()
    entry = {e["name"]: e for e in listing["entries"]}["houses.csv"]
    assert entry["kind"] == "file" and entry["size"] == len(HOUSES_V1)
    preview = api.get("/api/datastores/lake/preview/", {"path": "houses.csv"}).json()
    assert [c["name"] for c in preview["columns"]] == ["rooms", "price"]
    assert api.get("/api/datastores/lake/browse/", {"path": "../other"}).status_code == 400


def test_a_changed_file_makes_a_new_version_and_the_old_one_stays(api, lake, s3_server, bucket):
    body = {"name": "houses", "datastore": "lake", "path": "houses.csv"}
    first = api.post("/api/datasets/", body, format="json")
    assert first.status_code == 201 and first.json()["version"] == 1
    same = api.post("/api/datasets/", body, format="json")
    assert same.status_code == 200 and same.json()["version"] == 1

    s3_server.client().put_object(Bucket=bucket, Key="raw/houses.csv", Body=HOUSES_V2)
    second = api.post("/api/datasets/", body, format="json")
    assert second.status_code == 201 and second.json()["version"] == 2

    old = api.get("/api/datasets/houses/versions/1/download/", {"format": "csv"})
    rows = pd.read_csv(io.BytesIO(b"".join(old.streaming_content)))
    assert len(rows) == 3 and len(pd.read_csv(io.BytesIO(HOUSES_V2))) == 4
