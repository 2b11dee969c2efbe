"""The store interface, against every store: round trips of files and folders, refusal of
paths outside the store, concurrent writers. Then what only the local folder does, and the
one store per process from settings."""

import hashlib
import sys
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from designer.artifacts.local_store import LocalStore
from designer.artifacts.store import ArtifactStore, folder_digest
from designer.artifacts.stores import get_store, open_store, reset_store
from designer.errors import InvalidInput
from tests.artifacts.conftest import BOTH_STORES, use_store
from tests.artifacts.stores import held_beside


@pytest.fixture(params=BOTH_STORES)
def store(request, settings, tmp_path) -> ArtifactStore:
    return open_store(use_store(request, settings, tmp_path, request.param))


@pytest.fixture
def local(tmp_path) -> LocalStore:
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
    store.delete(uri)  # deleting what is gone is not an error


def test_equal_content_is_stored_once(store, produced, tmp_path):
    first = store.put(produced)
    copy = tmp_path / "model.pkl"
    copy.write_bytes(produced.read_bytes())
    assert store.put(copy) == first
    assert held_beside(store, first.uri) == ["model.pkl"]


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


def test_an_empty_folder_goes_in_and_comes_back(store, tmp_path):
    empty = tmp_path / "out" / "nothing"
    empty.mkdir(parents=True)
    digest, uri, size = store.put(empty)
    assert size == 0 and store.exists(uri) and store.is_folder(uri)
    copy = tmp_path / "fetched"
    store.fetch(uri, copy)
    assert copy.is_dir() and not any(copy.iterdir())
    assert folder_digest(copy) == digest


def test_fetch_copies_a_file(store, produced, tmp_path):
    _, uri, _ = store.put(produced)
    store.fetch(uri, tmp_path / "copy.pkl")
    assert (tmp_path / "copy.pkl").read_bytes() == produced.read_bytes()
    assert store.local_path(uri) != tmp_path / "copy.pkl"


def test_reading_what_is_not_there_is_file_not_found(store, tmp_path):
    uri = "ab/" + "ab" * 32 + "/gone.parquet"
    assert not store.exists(uri) and not store.is_folder(uri)
    with pytest.raises(FileNotFoundError):
        store.open(uri)
    with pytest.raises(FileNotFoundError):
        store.fetch(uri, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


OUTSIDE = ["../outside.txt", "ab/../../outside.txt", "/etc/passwd", "", "."]


@pytest.mark.parametrize("uri", OUTSIDE)
def test_paths_outside_the_store_are_refused(store, produced, tmp_path, uri):
    store.put(produced)
    for call in (store.exists, store.is_folder, store.open, store.delete, store.local_path):
        with pytest.raises(InvalidInput) as refused:
            call(uri)
        assert refused.value.code == "bad_path"
    with pytest.raises(InvalidInput):
        store.fetch(uri, tmp_path / "dest")


def test_writers_of_the_same_folder_at_once_leave_one_copy(store, folder, tmp_path):
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
    assert held_beside(store, results[0].uri) == ["report"], "no staging left behind"
    store.fetch(results[0].uri, tmp_path / "fetched")
    assert folder_digest(tmp_path / "fetched") == results[0].digest


def test_the_local_store_removes_an_emptied_digest_folder(local, produced):
    digest, uri, _ = local.put(produced)
    local.delete(uri)
    assert not (local.root / digest[:2] / digest).exists()


@pytest.mark.parametrize("uri", OUTSIDE)
def test_the_local_store_leaves_what_is_outside_it_alone(local, produced, uri):
    local.put(produced)
    (local.root.parent / "outside.txt").write_text("secret")
    with pytest.raises(InvalidInput):
        local.delete(uri)
    assert (local.root.parent / "outside.txt").read_text() == "secret"
    assert local.root.is_dir(), "the store itself is never deleted"


def test_a_symlink_out_of_the_store_is_refused(local, produced, tmp_path):
    local.put(produced)
    (tmp_path / "secret.txt").write_text("secret")
    (local.root / "ab").mkdir(exist_ok=True)
    (local.root / "ab" / "link").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(InvalidInput):
        local.open("ab/link")


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


@pytest.mark.parametrize("url", ["gs://bucket/artifacts", "s3:///no-bucket", "ftp://host/x"])
def test_an_unknown_store_url_is_refused_clearly(url):
    with pytest.raises(ImproperlyConfigured, match="DESIGNER_ARTIFACTS"):
        open_store(url)


_opened: list[str] | None = None


def _note_opens(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and args and isinstance(args[0], str | Path):
        _opened.append(str(args[0]))


sys.addaudithook(_note_opens)  # audit hooks stay for the process: it only notes while asked


def test_a_stored_file_is_read_once_hashed_while_copied(local, produced):
    global _opened
    _opened = []
    try:
        stored = local.put(produced)
    finally:
        reads, _opened = _opened.count(str(produced)), None
    assert reads == 1, f"the produced file was opened {reads} times"
    assert stored.digest == hashlib.sha256(produced.read_bytes()).hexdigest()
    assert (local.root / stored.uri).read_bytes() == produced.read_bytes()
    assert stored.size == produced.stat().st_size
    # Made the way any file is (its staging file too): steps read it as another user.
    assert (local.root / stored.uri).stat().st_mode & 0o777 == produced.stat().st_mode & 0o777
    # Storing it again finds it by its digest and leaves no staging file behind.
    assert local.put(produced) == stored
    assert not list(local.root.glob(".put-*"))
