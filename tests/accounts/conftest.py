"""Fixtures for token tests: a second user."""

import pytest


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user(username="grace", password="hopper")
