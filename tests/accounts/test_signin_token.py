"""`POST /api/auth/token/` keeps its contract and now hands out an expiring ApiToken."""

from datetime import timedelta

import pytest
from django.utils import timezone

from designer.accounts.models import ApiToken

from .clients import with_token

pytestmark = pytest.mark.django_db


def sign_in(anon, password="lovelace"):
    return anon.post("/api/auth/token/", {"username": "ada", "password": password}, format="json")


def test_sign_in_returns_a_working_token_with_every_scope(anon, user, settings):
    settings.DESIGNER_SIGNIN_TOKEN_DAYS = 2
    response = sign_in(anon)
    assert response.status_code == 200 and set(response.json()) == {"token"}
    raw = response.json()["token"]
    assert with_token(raw).get("/api/pipelines/").status_code == 200

    token = ApiToken.objects.get()
    assert token.user == user and token.scopes == ["*"]
    assert token.name.startswith("sign-in ") and token.prefix in token.name
    lifetime = token.expires_at - token.created_at
    assert lifetime == timedelta(days=2)
    assert token.expires_at > timezone.now()


def test_every_sign_in_gets_its_own_token(anon, user):
    first, second = sign_in(anon).json()["token"], sign_in(anon).json()["token"]
    assert first != second
    assert ApiToken.objects.filter(user=user).count() == 2
    listed = with_token(first).get("/api/tokens/").json()["results"]
    assert {t["prefix"] for t in listed} == {first[:11], second[:11]}


def test_wrong_password_gets_no_token(anon, user):
    refused = sign_in(anon, password="babbage")
    assert refused.status_code == 400 and refused.json()["code"] == "bad_credentials"
    assert not ApiToken.objects.exists()
