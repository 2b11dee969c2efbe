"""The store interface over a local folder: round trips of files and folders, refusal of
paths outside the store, concurrent writers, and the one store per process from settings."""

import hashlib
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from designer.artifacts.local_store import LocalStore
from designer.artifacts.store import folder_digest
from designer.artifacts.stores import get_store, open_store, reset_store
from designer.errors import InvalidInput


@pytest.fixture
def store(tmp_path) -> LocalStore:
    return LocalStore(tmp_path / "store")


@pytest.fixture
def produced(tmp_path) -> Path:
    path = tmp_path / "out" / "model.pkl"
    path.parent.mkdir()
    path.write_bytes(b"weights" * 1000)
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "out" / "report"
    (path / "images").mkdir(parents=True)
    (path / "index.html").write_text("<h1>report</h1>")
    (path / "images" / "plot.png").write_bytes(b"\x89PNG fake")
    return path


def test_a_file_goes_in_and_comes_back(store, produced):
    digest, uri, size = store.put(produced)
    assert digest == hashlib.sha256(produced.read_bytes()).hexdigest()
    assert uri == f"{digest[:2]}/{digest}/model.pkl"
    assert size == produced.stat().st_size
    assert store.exists(uri) and not store.is_folder(uri)
    with store.open(uri) as stream:
        assert stream.read() == produced.read_bytes()
    assert produced.exists(), "put copies; the producer's file is left alone"

    store.delete(uri)
    assert not store.exists(uri)
    assert not (store.root / digest[:2] / digest).exists(), "the empty digest folder goes too"
    store.delete(uri)  # deleting what is gone is not an error


def test_equal_content_is_stored_once(store, produced, tmp_path):
    first = store.put(produced)
    copy = tmp_path / "model.pkl"
    copy.write_bytes(produced.read_bytes())
    assert store.put(copy) == first
    assert [p.name for p in (store.root / first.uri).parent.iterdir()] == ["model.pkl"]


def test_a_folder_goes_in_and_comes_back(store, folder, tmp_path):
    digest, uri, size = store.put(folder)
    assert digest == folder_digest(folder)
    assert size == len("<h1>report</h1>") + len(b"\x89PNG fake")
    assert store.exists(uri) and store.is_folder(uri)
    with pytest.raises(IsADirectoryError):
        store.open(uri)

    copy = tmp_path / "fetched"
    store.fetch(uri, copy)
    assert (copy / "images" / "plot.png").read_bytes() == b"\x89PNG fake"
    assert folder_digest(copy) == digest

    store.delete(uri)
    assert not store.exists(uri) and not store.is_folder(uri)


def test_fetch_copies_a_file(store, produced, tmp_path):
    _, uri, _ = store.put(produced)
    store.fetch(uri, tmp_path / "copy.pkl")
    assert (tmp_path / "copy.pkl").read_bytes() == produced.read_bytes()
    assert store.local_path(uri) != tmp_path / "copy.pkl"


def test_reading_what_is_not_there_is_file_not_found(store):
    uri = "ab/" + "ab" * 32 + "/gone.parquet"
    assert not store.exists(uri)
    with pytest.raises(FileNotFoundError):
        store.open(uri)
    with pytest.raises(FileNotFoundError):
        store.fetch(uri, store.root.parent / "dest")


@pytest.mark.parametrize("uri", ["../outside.txt", "ab/../../outside.txt", "/etc/passwd", "", "."])
def test_paths_outside_the_store_are_refused(store, produced, uri):
    store.put(produced)
    (store.root.parent / "outside.txt").write_text("secret")
    for call in (store.exists, store.is_folder, store.open, store.delete, store.local_path):
        with pytest.raises(InvalidInput) as refused:
            call(uri)
        assert refused.value.code == "bad_path"
    with pytest.raises(InvalidInput):
        store.fetch(uri, store.root.parent / "dest")
    assert (store.root.parent / "outside.txt").read_text() == "secret"
    assert store.root.is_dir(), "the store itself is never deleted"


def test_a_symlink_out_of_the_store_is_refused(store, produced, tmp_path):
    _, uri, _ = store.put(produced)
    (tmp_path / "secret.txt").write_text("secret")
    (store.root / "ab").mkdir(exist_ok=True)
    (store.root / "ab" / "link").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(InvalidInput):
        store.open("ab/link")


def test_writers_of_the_same_folder_at_once_leave_one_copy(store, folder):
    results, errors = [], []
    barrier = threading.Barrier(6)

    def write():
        barrier.wait()
        try:
            results.append(store.put(folder))
        except Exception as exc:  # pragma: no cover - the failure this test exists to catch
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(results)) == 1
    digest_dir = (store.root / results[0].uri).parent
    assert [p.name for p in digest_dir.iterdir()] == ["report"], "no staging left behind"


def test_get_store_is_built_once_from_settings(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "one")
    first = get_store()
    assert isinstance(first, LocalStore) and first.root == tmp_path / "one"
    assert get_store() is first
    reset_store()
    assert get_store() is not first

    settings.DESIGNER_ARTIFACTS = str(tmp_path / "two")
    assert get_store().root == tmp_path / "two", "a changed setting gives a new store"


def test_a_file_url_is_a_local_store(tmp_path):
    built = open_store((tmp_path / "store").as_uri())
    assert isinstance(built, LocalStore) and built.root == tmp_path / "store"


def test_an_unknown_store_url_is_refused_clearly():
    with pytest.raises(ImproperlyConfigured, match="DESIGNER_ARTIFACTS"):
        open_store("s3://bucket/artifacts")
