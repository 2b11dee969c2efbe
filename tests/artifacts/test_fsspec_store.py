"""The store on a real S3-compatible server (moto's, in its own process): where objects land
in the bucket, what stays outside the store's prefix, folders completed after a writer died,
and the executor's cache fetching from S3 once and checking what it got."""

import os
from pathlib import Path

import pytest

from designer.artifacts.cache import DigestMismatch, fetch_count, materialize
from designer.artifacts.fsspec_store import FsspecStore
from designer.artifacts.models import Artifact
from designer.artifacts.store import folder_digest
from designer.artifacts.stores import get_store
from designer.errors import InvalidInput
from tests.artifacts.test_store import OUTSIDE

PREFIX = "artifacts"


@pytest.fixture(autouse=True)
def bucket(s3_store_url, settings, tmp_path) -> str:
    """Every test here stores into a bucket of its own; the cache is the test's too."""
    settings.DESIGNER_ARTIFACT_CACHE = str(tmp_path / "cache")
    return s3_store_url.removeprefix("s3://").split("/")[0]


@pytest.fixture
def produced(tmp_path) -> Path:
    path = tmp_path / "out" / "data.bin"
    path.parent.mkdir()
    path.write_bytes(os.urandom(64 * 1024))
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "out" / "model"
    (path / "data").mkdir(parents=True)
    (path / "MLmodel").write_text("flavors: {}")
    (path / "data" / "model.pkl").write_bytes(b"pickle" * 100)
    return path


def test_the_configured_store_puts_objects_under_its_prefix(s3_server, bucket, produced):
    store = get_store()
    assert isinstance(store, FsspecStore)
    _, uri, _ = store.put(produced)
    assert s3_server.keys(bucket) == [f"{PREFIX}/{uri}"]
    assert store.local_path(uri) is None, "nothing in S3 has a path on this machine"


def test_a_folder_is_one_object_per_file(s3_server, bucket, folder):
    _, uri, _ = get_store().put(folder)
    assert s3_server.keys(bucket) == [
        f"{PREFIX}/{uri}/MLmodel",
        f"{PREFIX}/{uri}/data/model.pkl",
    ]


@pytest.mark.parametrize("uri", OUTSIDE)
def test_objects_outside_the_prefix_are_left_alone(s3_server, bucket, uri):
    s3_server.client().put_object(Bucket=bucket, Key="outside.txt", Body=b"secret")
    store = get_store()
    for call in (store.exists, store.delete):
        with pytest.raises(InvalidInput):
            call(uri)
    body = s3_server.client().get_object(Bucket=bucket, Key="outside.txt")["Body"].read()
    assert body == b"secret"


def test_a_half_written_folder_is_completed_by_the_next_put(s3_server, bucket, folder, tmp_path):
    store = get_store()
    digest, uri, _ = store.put(folder)
    # A writer that died after its first file leaves the folder without the others.
    s3_server.client().delete_object(Bucket=bucket, Key=f"{PREFIX}/{uri}/data/model.pkl")
    assert store.put(folder).uri == uri
    store.fetch(uri, tmp_path / "fetched")
    assert folder_digest(tmp_path / "fetched") == digest


@pytest.mark.django_db
def test_the_cache_fetches_from_s3_once(tmp_path, produced):
    digest, uri, size = get_store().put(produced)
    artifact = Artifact.objects.create(digest=digest, uri=uri, size=size, kind="file")
    path = materialize(artifact)
    assert path == tmp_path / "cache" / digest[:2] / digest / "data.bin"
    assert path.read_bytes() == produced.read_bytes()
    assert materialize(artifact) == path
    assert fetch_count(digest) == 1


@pytest.mark.django_db
def test_bytes_changed_in_s3_are_refused_by_the_cache(s3_server, bucket, tmp_path, produced):
    digest, uri, size = get_store().put(produced)
    artifact = Artifact.objects.create(digest=digest, uri=uri, size=size, kind="file")
    s3 = s3_server.client()
    s3.put_object(Bucket=bucket, Key=f"{PREFIX}/{uri}", Body=b"not what was stored")
    with pytest.raises(DigestMismatch):
        materialize(artifact)
    assert fetch_count(digest) == 0
    assert not (tmp_path / "cache" / digest[:2] / digest).exists()

    s3.put_object(Bucket=bucket, Key=f"{PREFIX}/{uri}", Body=produced.read_bytes())
    assert materialize(artifact).read_bytes() == produced.read_bytes()
    assert fetch_count(digest) == 1
