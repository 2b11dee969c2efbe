"""Shared fixtures: an API client, the built-in registry, and a live server."""

import pytest
from rest_framework.test import APIClient

from tests.support.live import LiveServer, free_port


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="ada", password="lovelace")


@pytest.fixture
def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def builtins(db):
    from designer.registry.services import sync_builtin_components

    report = sync_builtin_components()
    assert not report.failed, report.failed
    return report


@pytest.fixture(scope="session")
def live(tmp_path_factory) -> LiveServer:
    """The embedded default, served for real by `manage.py serve` in its own process."""
    server = LiveServer(tmp_path_factory.mktemp("live"), port=free_port())
    server.start()
    yield server
    server.stop()
