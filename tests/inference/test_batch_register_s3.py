"""Register Dataset writing to an S3 datastore on a real S3-compatible server (moto, in its own
process): the server uploads the rows as Parquet or CSV with the datastore's keys, which the
step never sees."""

import io
from pathlib import Path

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from designer.runs.models import NodeRun
from tests.inference.factories import run_pipeline
from tests.pipelines.factories import edge, graph, node, post_pipeline
from tests.support.s3 import CREDENTIALS

pytestmark = pytest.mark.django_db

SECRET = CREDENTIALS["AWS_SECRET_ACCESS_KEY"]
HOUSES = b"rooms,price\n2,100.0\n3,150.0\n4,210.5\n"


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


@pytest.fixture
def bucket(api, builtins, s3_server) -> str:
    """A bucket behind datastore `lake` (prefix `exports`), and dataset `houses` uploaded."""
    name = s3_server.new_bucket()
    body = {
        "name": "lake",
        "kind": "s3",
        "bucket": name,
        "prefix": "exports",
        "endpoint_url": s3_server.endpoint_url,
        "credentials": {"access_key": CREDENTIALS["AWS_ACCESS_KEY_ID"], "secret_key": SECRET},
    }
    assert api.post("/api/datastores/", body, format="json").status_code == 201
    upload = {"name": "houses", "file": SimpleUploadedFile("houses.csv", HOUSES)}
    assert api.post("/api/datasets/", upload, format="multipart").status_code == 201
    return name


@pytest.mark.parametrize(
    ("path", "read"), [("scores/houses.parquet", pd.read_parquet), ("houses.csv", pd.read_csv)]
)
def test_the_rows_are_uploaded_with_keys_the_step_never_holds(
    api, bucket, s3_server, settings, path, read
):
    params = {"name": "priced", "datastore": "lake", "path": path}
    registering = graph(
        [
            node("load", "dataset@1.0.0", {"name": "houses"}),
            node("register", "register_dataset@1.0.0", params),
        ],
        [edge("load", "data", "register", "data")],
    )
    run = run_pipeline(api, post_pipeline(api, registering, "to s3")["id"])

    stored = s3_server.client().get_object(Bucket=bucket, Key=f"exports/{path}")["Body"].read()
    expected = pd.read_csv(io.BytesIO(HOUSES))
    pd.testing.assert_frame_equal(read(io.BytesIO(stored)), expected)
    assert s3_server.keys(bucket) == [f"exports/{path}"]
    node_run = NodeRun.objects.get(run=run, node_id="register")
    assert node_run.params == {**params, "description": None}
    step_files = [p for p in Path(settings.DESIGNER_WORK_DIR).rglob("*") if p.is_file()]
    assert any(p.name == "task.json" for p in step_files)
    assert not [p for p in step_files if SECRET.encode() in p.read_bytes()]
