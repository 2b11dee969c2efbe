"""Shared fixtures (an API client, the built-in registry, a live server) and the markers.

The built-in registry is loaded once per session into the test database (`django_db_setup`),
so every `db` test starts with it and rolls back to it; `builtins` only hands back that report.
Tests that commit (`transactional_db`) end with a flush that empties every table, so the
registry is loaded again after each of those.
"""

import os
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from tests.support.live import LiveServer, free_port
from tests.support.s3 import S3Server

HERE = Path(__file__).resolve().parent
# Events of an unknown shape fail the test that records them, here and in the servers and
# workers the tests start (they inherit this environment).
os.environ["DESIGNER_STRICT_EVENTS"] = "1"
# Servers the tests start with DATABASE_URL (distributed mode) refuse to start without a key.
os.environ.setdefault("DESIGNER_SECRET_KEY", "tests-only-not-a-secret")

# Files whose tests start servers, workers, databases or kill processes: `live`. So is any
# test that uses a live server or the S3 server (the `live` and `s3_server` fixtures).
LIVE_FILES = {
    "artifacts/test_fsspec_store.py",
    "runs/test_concurrent_submit.py",
    "schedules/test_two_schedulers.py",
    "runs/test_distributed.py",
    "runs/test_distributed_s3.py",
    "runs/test_engine_live.py",
    "runs/test_runs_live.py",
    "datasets/test_datastores_http.py",
    "datasets/test_concurrent_register.py",
    # A separate interpreter loads the MLflow export; a child process unpickles uploads.
    "models/test_models_mlflow.py",
    "models/test_models_upload.py",
    "imports/test_imports_run_live.py",
    "sdk/test_sdk_live.py",
    "sdk/test_cli_live.py",
    "sdk/test_fresh_virtualenv.py",
    # Scoring processes, started by the tests or by a live server.
    "inference/test_scoring_process.py",
    "inference/test_serving_live.py",
    "inference/test_serve_inference_live.py",
    "entrypoints/test_distributed_launch.py",
    "runs/test_scale.py",
}
LIVE_FOLDERS = {"faults"}
LIVE_FIXTURES = {"live", "s3_server"}
# Each of these starts several servers, databases or browsers: tens of seconds a test.
SLOW_FILES = {
    # Builds environments with packages from PyPI (downloads kept in var/uv-cache).
    "execution/test_environments.py",
    "runs/test_distributed.py",
    "runs/test_distributed_s3.py",
    "sdk/test_fresh_virtualenv.py",
    # Every API operation fed generated examples (schemathesis): minutes.
    "test_api_fuzz.py",
    "entrypoints/test_distributed_launch.py",
    "runs/test_scale.py",
}
SLOW_FOLDERS = {"faults", "e2e"}


def pytest_collection_modifyitems(config, items):
    """Mark browser tests `e2e`, tests that run real servers or processes `live`, and the
    slowest of those `slow` (pyproject.toml registers the markers)."""
    for item in items:
        try:
            rel = Path(item.path).resolve().relative_to(HERE)
        except ValueError:
            continue  # the components' own tests: in-process, none of these
        folder, path = rel.parts[0], rel.as_posix()
        if folder == "e2e":
            item.add_marker(pytest.mark.e2e)
        if (
            folder == "e2e"  # each module starts a server of its own
            or folder in LIVE_FOLDERS
            or path in LIVE_FILES
            or LIVE_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.live)
        if folder in SLOW_FOLDERS or path in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def _strict_events():
    from django.conf import settings

    settings.DESIGNER_STRICT_EVENTS = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the built-in components already registered."""
    with django_db_blocker.unblock():
        report = _sync_builtins()
    yield report


def _sync_builtins():
    from designer.registry.services import sync_builtin_components

    report = sync_builtin_components()
    assert not report.failed, report.failed
    return report


@pytest.fixture(autouse=True)
def _registry_survives_flush(request, django_db_blocker):
    """A committing test starts from what migrations and start-up make: an earlier committing
    test's teardown flushed every table (after this fixture's own teardown could act, since
    pytest-django's database fixture is set up first and torn down last)."""
    if _is_transactional(request):
        with django_db_blocker.unblock():
            _as_started()
    yield


def _as_started() -> None:
    from designer.accounts.models import default_workspace_id
    from designer.compute.models import ComputeTarget
    from designer.registry.models import Component

    if not Component.objects.filter(workspace__isnull=True).exists():
        _sync_builtins()
    ComputeTarget.objects.get_or_create(
        name="default", defaults={"description": "The default pool of workers.", "concurrency": 2}
    )
    default_workspace_id()


def _is_transactional(request) -> bool:
    names = getattr(request, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Counters kept in the cache (failed sign-ins) start at zero in every test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Hashing a test user's password at full strength costs about a second on a slow core."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture
def user(django_user_model):
    """Ada, owner of the `default` workspace (where objects made without one go), as the
    admin of the embedded default is."""
    from designer.accounts.models import Membership, default_workspace_id

    ada = django_user_model.objects.create_user(username="ada", password="lovelace")
    Membership.objects.create(workspace_id=default_workspace_id(), user=ada, role="owner")
    return ada


@pytest.fixture
def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def builtins(db, django_db_setup):
    """The session's registry report; the components are already in the database."""
    return django_db_setup


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> S3Server:
    """An S3-compatible server in its own process; each test makes a bucket of its own."""
    server = S3Server(tmp_path_factory.mktemp("s3") / "s3.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live(tmp_path_factory) -> LiveServer:
    """The embedded default, served for real by `manage.py serve` in its own process."""
    server = LiveServer(tmp_path_factory.mktemp("live"), port=free_port())
    server.start()
    yield server
    server.stop()
