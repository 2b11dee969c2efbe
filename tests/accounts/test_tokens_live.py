"""The websocket holds tokens to the REST API's rules, against a real server process."""

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect


def open_stream(live, raw: str, scheme: str = "Token") -> None:
    headers = {"Authorization": f"{scheme} {raw}"}
    with connect(f"{live.ws_url}/ws/runs/", additional_headers=headers, open_timeout=30):
        pass


def new_token(client: httpx.Client, name: str, **body) -> dict:
    response = client.post("/api/tokens/", json={"name": name, **body})
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(scope="module")
def client(live):
    with live.client() as c:
        yield c


def test_a_fresh_token_opens_the_stream(live, client):
    raw = new_token(client, "ws fresh")["token"]
    open_stream(live, raw)
    open_stream(live, raw, scheme="Bearer")


def test_the_stream_refuses_expired_revoked_and_scoped_tokens(live, client):
    soon = datetime.now(UTC) + timedelta(seconds=2)
    expiring = new_token(client, "ws expiring", expires_at=soon.isoformat())
    revoked = new_token(client, "ws revoked")
    scoped = new_token(client, "ws scoped", scopes=["endpoint:run:nightly"])
    open_stream(live, expiring["token"])
    assert client.delete(f"/api/tokens/{revoked['id']}/").status_code == 204

    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.5)
    for raw in (expiring["token"], revoked["token"], scoped["token"]):
        with pytest.raises(InvalidStatus) as refused:
            open_stream(live, raw)
        assert refused.value.response.status_code == 403
    expired = httpx.get(
        f"{live.url}/api/auth/me/", headers={"Authorization": f"Token {expiring['token']}"}
    )
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
