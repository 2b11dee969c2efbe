"""`/api/tokens/`: create (shown once, stored hashed), list, use, revoke, refuse bad input."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from designer.accounts.models import ApiToken
from designer.accounts.tokens import digest_of

from .clients import create, signed_in, with_header, with_token

pytestmark = pytest.mark.django_db


def test_created_token_is_shown_once_and_stored_only_as_a_digest(api):
    created = create(api, name="nightly ci")
    raw = created["token"]
    assert raw.startswith("pw_") and len(raw) == 43
    assert created["prefix"] == raw[:11]
    assert created["scopes"] == ["*"] and created["kind"] == "personal"

    listed = api.get("/api/tokens/").json()
    assert listed["next"] is None
    [row] = listed["results"]
    assert row["prefix"] == raw[:11] and row["name"] == "nightly ci"
    assert "token" not in row and "secret_sha256" not in row
    assert raw[11:] not in str(listed)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert digest_of(raw) in rows[0]
    assert not any(raw[11:] in str(value) for value in rows[0])


def test_a_token_signs_in_and_records_its_use_once_a_minute(api, user):
    raw = create(api)["token"]
    assert ApiToken.objects.get().last_used_at is None

    for scheme in ("Token", "Bearer"):
        me = with_token(raw, scheme).get("/api/auth/me/")
        assert me.status_code == 200 and me.json()["username"] == user.username
    first_use = ApiToken.objects.get().last_used_at
    assert first_use is not None and timezone.now() - first_use < timedelta(seconds=10)

    with_token(raw).get("/api/auth/me/")
    assert ApiToken.objects.get().last_used_at == first_use, "written at most once a minute"

    long_ago = timezone.now() - timedelta(minutes=5)
    ApiToken.objects.update(last_used_at=long_ago)
    with_token(raw).get("/api/pipelines/")
    assert ApiToken.objects.get().last_used_at > first_use


def test_list_is_the_users_own_newest_first_and_cursor_paginated(api, other):
    for name in ("first", "second", "third"):
        create(api, name=name)
    create(signed_in(other), name="not yours")

    page = api.get("/api/tokens/", {"limit": 2}).json()
    assert [t["name"] for t in page["results"]] == ["third", "second"]
    assert page["next"] and "/" not in page["next"], "the cursor alone, not a URL"
    rest = api.get("/api/tokens/", {"limit": 2, "cursor": page["next"]}).json()
    assert [t["name"] for t in rest["results"]] == ["first"] and rest["next"] is None


def test_revoked_token_is_refused_and_leaves_the_list(api):
    created = create(api)
    assert api.delete(f"/api/tokens/{created['id']}/").status_code == 204
    assert api.get("/api/tokens/").json()["results"] == []

    refused = with_token(created["token"]).get("/api/pipelines/")
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_revoked"
    assert "revoked" in refused.json()["message"]
    assert refused.headers["WWW-Authenticate"] == "Token"
    assert ApiToken.objects.get().revoked_at is not None, "kept for the record"


def test_expired_token_is_refused(api):
    created = create(api, expires_at=(timezone.now() + timedelta(hours=1)).isoformat())
    assert with_token(created["token"]).get("/api/pipelines/").status_code == 200

    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = with_token(created["token"]).get("/api/pipelines/")
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_expired"
    assert "expired" in refused.json()["message"]


def test_a_matching_prefix_alone_reveals_nothing(api, other):
    created = create(api)
    api.delete(f"/api/tokens/{created['id']}/")
    same_prefix = created["token"][:11] + "x" * 32
    for raw in (same_prefix, "pw_" + "y" * 40, "0123456789abcdef0123456789abcdef01234567"):
        refused = with_token(raw).get("/api/pipelines/")
        assert refused.status_code == 401
        assert refused.json()["code"] == "unknown_token", raw

    malformed = with_header("Token two parts").get("/api/pipelines/")
    assert malformed.status_code == 401 and malformed.json()["code"] == "malformed_authorization"


def test_without_credentials_the_answer_stays_403(anon):
    assert anon.get("/api/pipelines/").status_code == 403


def test_deleting_another_users_token_is_not_found(api, other):
    created = create(signed_in(other))
    missing = api.delete(f"/api/tokens/{created['id']}/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert with_token(created["token"]).get("/api/auth/me/").json()["username"] == "grace"


@pytest.mark.parametrize(
    ("body", "code", "words"),
    [
        ({"scopes": ["admin"]}, "invalid_scope", "'admin'"),
        ({"scopes": ["*", "endpoint:run:"]}, "invalid_scope", "'endpoint:run:'"),
        ({"scopes": []}, "invalid_scope", "at least one scope"),
        ({"expires_at": "2020-01-01T00:00:00Z"}, "expired_date", "in the past"),
        ({"name": ""}, "invalid", "name"),
        ({"name": "   "}, "invalid", "name"),
        ({"name": "n" * 101}, "invalid", "100"),
        ({"kind": "robot"}, "invalid", "kind"),
    ],
)
def test_bad_input_is_refused_with_a_message(api, body, code, words):
    refused = api.post("/api/tokens/", {"name": "ci", **body}, format="json")
    assert refused.status_code == 400, refused.content
    assert refused.json()["code"] == code
    assert words in refused.json()["message"]
    assert not ApiToken.objects.exists()


def test_names_are_unique_among_live_tokens(api):
    first = create(api, name="deploy")
    duplicate = api.post("/api/tokens/", {"name": "deploy"}, format="json")
    assert duplicate.status_code == 400 and duplicate.json()["code"] == "duplicate_name"
    assert "'deploy'" in duplicate.json()["message"]

    ApiToken.objects.filter(pk=first["id"]).update(expires_at=timezone.now())
    create(api, name="deploy")
    api.delete(f"/api/tokens/{api.get('/api/tokens/').json()['results'][0]['id']}/")
    create(api, name="deploy", kind="service", scopes=["endpoint:run:nightly"])
    assert ApiToken.objects.filter(name="deploy").count() == 3
