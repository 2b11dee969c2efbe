"""API clients that present a token the way a script would, or sign in as a user."""

from rest_framework.test import APIClient


def with_header(authorization: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=authorization)
    return client


def with_token(raw: str, scheme: str = "Token") -> APIClient:
    return with_header(f"{scheme} {raw}")


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def create(api: APIClient, **body) -> dict:
    response = api.post("/api/tokens/", {"name": "ci", **body}, format="json")
    assert response.status_code == 201, response.content
    return response.json()
