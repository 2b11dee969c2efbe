"""Every dataset test stores artifacts in a folder of its own and reads data files from a
data root of its own."""

import pytest


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


@pytest.fixture
def data_root(settings, tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    settings.DESIGNER_DATA_ROOTS = [str(root)]
    return root


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user(username="grace", password="hopper")


@pytest.fixture
def other_api(other):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(other)
    return client
