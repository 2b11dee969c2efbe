"""The executor's cache: the local store's own file without a copy; any other store's
object fetched once per machine, digest-checked, whatever the number of threads or
processes asking at once."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from designer.artifacts.cache import (
    DigestMismatch,
    fetch_count,
    fetch_into_cache,
    materialize,
)
from designer.artifacts.local_store import LocalStore
from designer.artifacts.models import Artifact
from designer.errors import InvalidInput, NotFound
from tests.artifacts.stores import CopyOnlyStore, SlowCopyStore
from tests.support.live import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def places(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_ARTIFACT_CACHE = str(tmp_path / "cache")


@pytest.fixture
def cache_root(tmp_path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def produced(tmp_path) -> Path:
    path = tmp_path / "out" / "data.bin"
    path.parent.mkdir()
    path.write_bytes(os.urandom(64 * 1024))
    return path


def record(store, source: Path, kind: str = "file") -> Artifact:
    digest, uri, size = store.put(source)
    return Artifact.objects.create(digest=digest, uri=uri, size=size, kind=kind)


def leftovers(cache_root: Path, digest: str) -> list[str]:
    """What the cache holds for a digest besides its lock file and fetch log."""
    shard = cache_root / digest[:2]
    if not shard.exists():
        return []
    return sorted(p.name for p in shard.iterdir() if p.suffix not in (".lock", ".fetches"))


def test_the_local_store_hands_out_its_own_file(settings, produced, cache_root):
    store = LocalStore(Path(settings.DESIGNER_ARTIFACTS))
    artifact = record(store, produced)
    path = materialize(artifact)
    assert path == store.local_path(artifact.uri)
    assert path.is_relative_to(store.root.resolve())
    assert os.stat(path).st_ino == os.stat(store.local_path(artifact.uri)).st_ino
    assert not cache_root.exists(), "nothing was copied"
    assert fetch_count(artifact.digest) == 0


def test_a_missing_local_object_is_not_found(settings, produced):
    store = LocalStore(Path(settings.DESIGNER_ARTIFACTS))
    artifact = record(store, produced)
    store.delete(artifact.uri)
    with pytest.raises(NotFound):
        materialize(artifact)


def test_another_store_is_fetched_once_into_the_cache(tmp_path, produced, cache_root):
    remote = CopyOnlyStore(tmp_path / "remote")
    artifact = record(remote, produced)
    path = materialize(artifact, remote)
    assert path == cache_root / artifact.digest[:2] / artifact.digest / "data.bin"
    assert path.read_bytes() == produced.read_bytes()
    assert materialize(artifact, remote) == path
    assert fetch_count(artifact.digest) == 1
    assert leftovers(cache_root, artifact.digest) == [artifact.digest]


def test_a_folder_is_fetched_whole(tmp_path, cache_root):
    folder = tmp_path / "out" / "model"
    (folder / "data").mkdir(parents=True)
    (folder / "MLmodel").write_text("flavors: {}")
    (folder / "data" / "model.pkl").write_bytes(b"pickle")
    remote = CopyOnlyStore(tmp_path / "remote")
    artifact = record(remote, folder, kind="folder")
    path = materialize(artifact, remote)
    assert (path / "data" / "model.pkl").read_bytes() == b"pickle"
    assert path.name == "model" and fetch_count(artifact.digest) == 1


def test_wrong_bytes_from_the_store_are_refused_and_not_cached(tmp_path, produced, cache_root):
    remote = CopyOnlyStore(tmp_path / "remote")
    artifact = record(remote, produced)
    # The remote copy goes bad after it was recorded (bit rot, a half-finished upload).
    (remote.root / artifact.uri).write_bytes(b"not what was stored")
    with pytest.raises(DigestMismatch) as refused:
        materialize(artifact, remote)
    assert refused.value.code == "digest_mismatch"
    assert leftovers(cache_root, artifact.digest) == []
    assert fetch_count(artifact.digest) == 0

    # Once the store serves the right bytes again, the cache takes them.
    (remote.root / artifact.uri).write_bytes(produced.read_bytes())
    assert materialize(artifact, remote).read_bytes() == produced.read_bytes()


def test_an_object_gone_from_another_store_is_not_found(tmp_path, produced, cache_root):
    remote = CopyOnlyStore(tmp_path / "remote")
    artifact = record(remote, produced)
    remote.delete(artifact.uri)
    with pytest.raises(NotFound):
        materialize(artifact, remote)
    assert leftovers(cache_root, artifact.digest) == []


def test_threads_asking_at_once_fetch_once(tmp_path, produced, cache_root):
    remote = SlowCopyStore(tmp_path / "remote", delay=0.2)
    artifact = record(remote, produced)
    barrier = threading.Barrier(8)
    paths: list[Path] = []

    def ask():
        barrier.wait()
        paths.append(materialize(artifact, remote))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(paths) == 8 and len(set(paths)) == 1
    assert paths[0].read_bytes() == produced.read_bytes()
    assert fetch_count(artifact.digest) == 1
    assert leftovers(cache_root, artifact.digest) == [artifact.digest]


FETCHER = """
import sys, time
from pathlib import Path
import django
django.setup()
from designer.artifacts.cache import fetch_into_cache
from tests.artifacts.stores import SlowCopyStore
remote, uri, digest, cache, go = sys.argv[1:]
while not Path(go).exists():
    time.sleep(0.01)
print(fetch_into_cache(SlowCopyStore(Path(remote), delay=0.3), uri, digest, Path(cache)))
"""


def test_processes_asking_at_once_fetch_once(tmp_path, produced, cache_root):
    remote = CopyOnlyStore(tmp_path / "remote")
    digest, uri, _ = remote.put(produced)
    go = tmp_path / "go"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "designer.settings",
        "DESIGNER_VAR": str(tmp_path / "var"),
        "PYTHONPATH": str(ROOT),
    }
    args = [str(remote.root), uri, digest, str(cache_root), str(go)]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", FETCHER, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE
        )
        for _ in range(3)
    ]
    time.sleep(0.5)  # let them start; they all wait for the same go
    go.touch()
    outputs = [child.communicate(timeout=120)[0].decode().strip() for child in children]
    assert [child.returncode for child in children] == [0, 0, 0]
    assert len(set(outputs)) == 1 and Path(outputs[0]).read_bytes() == produced.read_bytes()
    assert fetch_count(digest, cache_root) == 1
    assert leftovers(cache_root, digest) == [digest]


@pytest.mark.parametrize(
    "uri, digest",
    [("ab/x/..", "ab" * 32), ("ab/x/data.bin", "../../etc"), ("ab/x/data.bin", "AB" * 32)],
)
def test_names_that_could_leave_the_cache_are_refused(tmp_path, uri, digest, cache_root):
    with pytest.raises(InvalidInput):
        fetch_into_cache(CopyOnlyStore(tmp_path / "remote"), uri, digest, cache_root)
    assert not cache_root.exists()
