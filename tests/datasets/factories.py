"""Builders for dataset tests: uploads and registrations over the REST API, and local
datastores."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

HOUSES_V1 = b"rooms,price\n2,100\n3,150\n4,210\n"
HOUSES_V2 = b"rooms,price\n2,100\n3,150\n4,210\n5,260\n"


def upload(api, name: str, content: bytes, filename: str = "houses.csv", **fields):
    """POST a file as a new version of dataset `name`; the response."""
    body = {"name": name, "file": SimpleUploadedFile(filename, content), **fields}
    return api.post("/api/datasets/", body, format="multipart")


def uploaded(api, name: str, content: bytes, filename: str = "houses.csv", **fields) -> dict:
    response = upload(api, name, content, filename, **fields)
    assert response.status_code in (200, 201), response.content
    return response.json()


def local_datastore(api, name: str, folder, **fields) -> dict:
    body = {"name": name, "kind": "local", "path": str(folder), **fields}
    response = api.post("/api/datastores/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def member(user, workspace: str, role: str = "contributor"):
    """Make `user` a member of workspace `workspace` (made if new) with `role`; the workspace."""
    from designer.accounts.acting import forget_roles
    from designer.accounts.models import Membership, Workspace

    where, _ = Workspace.objects.get_or_create(name=workspace)
    Membership.objects.update_or_create(workspace=where, user=user, defaults={"role": role})
    forget_roles(user)
    return where


def client_of(user):
    """A client signed in as a fresh copy of `user`: nothing a request chose or read before
    (a workspace, the roles) carries over."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(type(user).objects.get(pk=user.pk))
    return client
