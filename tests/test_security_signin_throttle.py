"""Sign-in is throttled: the 11th failed attempt within 5 minutes, for one username or from one
client address, is a 429 that says when to try again, even with the right password."""

import time

import pytest
from rest_framework.test import APIClient

from designer.accounts import throttle

pytestmark = pytest.mark.django_db

PATHS = ["/api/auth/login/", "/api/auth/token/"]


def attempt(path: str, username: str, password: str, address: str = "10.0.0.1"):
    client = APIClient(REMOTE_ADDR=address)
    return client.post(path, {"username": username, "password": password}, format="json")


@pytest.mark.parametrize("path", PATHS)
def test_the_eleventh_failure_for_a_username_is_a_429(user, path):
    for number in range(10):
        assert attempt(path, "ada", "wrong", f"10.0.1.{number}").status_code == 400
    refused = attempt(path, "ada", "lovelace", "10.0.2.1")
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "throttled"
    assert "try again in" in body["message"] and "seconds" in body["message"]
    assert 0 < int(refused["Retry-After"]) <= 300


@pytest.mark.parametrize("path", PATHS)
def test_the_eleventh_failure_from_an_address_is_a_429(user, path):
    for number in range(10):
        assert attempt(path, f"guess{number}", "wrong").status_code == 400
    assert attempt(path, "ada", "lovelace").status_code == 429
    assert attempt(path, "ada", "lovelace", "10.0.0.2").status_code == 200


def test_fewer_failures_still_let_the_right_password_in(user):
    for _ in range(9):
        attempt("/api/auth/login/", "ada", "wrong")
    assert attempt("/api/auth/login/", "ada", "lovelace").status_code == 200


def test_failures_older_than_the_window_no_longer_count(user, monkeypatch):
    monkeypatch.setattr(throttle, "WINDOW_SECONDS", 1)
    for _ in range(10):
        attempt("/api/auth/token/", "ada", "wrong")
    assert attempt("/api/auth/token/", "ada", "lovelace").status_code == 429
    time.sleep(1.1)
    assert attempt("/api/auth/token/", "ada", "lovelace").status_code == 200
