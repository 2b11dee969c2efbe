"""Scopes: the grammar, `token_allows`, and the default permission that enforces them."""

import pytest

from designer.accounts.models import ApiToken
from designer.accounts.scopes import ScopeError, check_scopes, token_allows

from .clients import create, with_token


def test_token_allows_by_star_or_by_the_exact_scope():
    star = ApiToken(scopes=["*"])
    nightly = ApiToken(scopes=["endpoint:run:nightly"])
    assert token_allows(star, "endpoint:run:nightly") and token_allows(star, "*")
    assert token_allows(nightly, "endpoint:run:nightly")
    assert not token_allows(nightly, "endpoint:run:weekly")
    assert not token_allows(nightly, "*")
    assert not token_allows(ApiToken(scopes=[]), "*")
    assert token_allows(None, "*"), "a session is not limited by scopes"


def test_scope_grammar():
    assert check_scopes(["endpoint:run:a.b-c_1", "*", "*"]) == ["endpoint:run:a.b-c_1", "*"]
    for bad in ["", "endpoint:run:", "endpoint:run:-x", "endpoint:*", "runs:read", 7, None]:
        with pytest.raises(ScopeError, match="Unknown scope"):
            check_scopes([bad])
    with pytest.raises(ScopeError, match="at least one"):
        check_scopes("*")


def test_a_scoring_scope_names_one_real_time_endpoint():
    assert check_scopes(["inference:score:diabetes-v2"]) == ["inference:score:diabetes-v2"]
    scorer = ApiToken(scopes=["inference:score:diabetes"])
    assert token_allows(scorer, "inference:score:diabetes")
    assert not token_allows(scorer, "inference:score:iris")
    assert not token_allows(scorer, "endpoint:run:diabetes")
    # Real-time endpoint names are lower-case names: anything else cannot be one.
    for bad in [
        "inference:score:",
        "inference:score:Diabetes",
        "inference:score:a.b",
        "inference:*",
    ]:
        with pytest.raises(ScopeError, match="inference:score:<name>"):
            check_scopes([bad])


@pytest.mark.django_db
def test_a_scoped_token_reaches_nothing_else(api):
    raw = create(api, scopes=["endpoint:run:nightly"])["token"]
    for method, path in [
        ("get", "/api/pipelines/"),
        ("get", "/api/auth/me/"),
        ("get", "/api/tokens/"),
        ("post", "/api/tokens/"),
    ]:
        refused = getattr(with_token(raw), method)(path, {"name": "escalate"}, format="json")
        assert refused.status_code == 403, path
        assert refused.json()["code"] == "insufficient_scope"
        assert "endpoint:run:nightly" in refused.json()["message"]
        assert "needs the scope '*'" in refused.json()["message"]
    assert ApiToken.objects.count() == 1, "a scoped token cannot mint a wider one"


@pytest.mark.django_db
@pytest.mark.urls("tests.accounts.urls_scoped")
def test_a_view_that_names_a_scope_admits_tokens_with_it(api):
    nightly = with_token(create(api, name="n", scopes=["endpoint:run:nightly"])["token"])
    star = with_token(create(api, name="s")["token"])

    ran = nightly.post("/test/endpoints/nightly/runs/")
    assert ran.status_code == 200 and ran.json() == {"endpoint": "nightly", "user": "ada"}
    refused = nightly.post("/test/endpoints/weekly/runs/")
    assert refused.status_code == 403
    assert "needs the scope 'endpoint:run:weekly'" in refused.json()["message"]
    assert star.post("/test/endpoints/weekly/runs/").status_code == 200
    assert api.post("/test/endpoints/weekly/runs/").status_code == 200
