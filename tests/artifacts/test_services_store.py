"""Artifact services read stored content through the store, local or S3: downloads of files
and folders, previews and profiles from the stored bytes, and a clear 404 once the content
is gone."""

import io
import zipfile

import pandas as pd
import pytest

from designer.artifacts import services
from designer.artifacts.stores import get_store
from designer.errors import NotFound
from designer.runtime.io import write_dataframe
from tests.artifacts.conftest import BOTH_STORES, use_store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=BOTH_STORES)
def store(request, settings, tmp_path):
    settings.DESIGNER_ARTIFACT_CACHE = str(tmp_path / "cache")
    use_store(request, settings, tmp_path, request.param)


def test_a_file_downloads_as_its_bytes_under_its_name(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    artifact = services.ingest(path, "file")
    content, name = services.download(artifact)
    with content:
        assert content.read() == b"hello"
    assert name == "notes.txt"


def test_a_folder_downloads_as_a_zip(tmp_path):
    folder = tmp_path / "report"
    (folder / "img").mkdir(parents=True)
    (folder / "index.html").write_text("<p>hi</p>")
    (folder / "img" / "a.png").write_bytes(b"png")
    artifact = services.ingest(folder, "folder")
    content, name = services.download(artifact)
    assert name == "report.zip"
    with zipfile.ZipFile(io.BytesIO(content.read())) as archive:
        assert sorted(archive.namelist()) == ["img/a.png", "index.html"]


def test_preview_reads_the_stored_copy_not_the_producers_file(tmp_path):
    path = write_dataframe(pd.DataFrame({"a": [1, 2, 3]}), tmp_path / "d.parquet")
    artifact = services.ingest(path, "dataframe")
    path.unlink()
    assert services.preview(artifact) == {"columns": ["a"], "rows": [[1], [2], [3]], "row_count": 3}
    assert [c["name"] for c in services.profile(artifact)["columns"]] == ["a"]


def test_content_gone_from_the_store_is_not_found(tmp_path):
    path = write_dataframe(pd.DataFrame({"a": [1]}), tmp_path / "d.parquet")
    artifact = services.ingest(path, "dataframe")
    get_store().delete(artifact.uri)
    for read in (services.preview, services.profile, services.download, services.materialize):
        with pytest.raises(NotFound):
            read(artifact)
    again = services.ingest(path, "dataframe")
    assert again.pk == artifact.pk and services.preview(again)["row_count"] == 1
