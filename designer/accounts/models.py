"""Workspaces and who belongs to them; API tokens: who may call the API without a browser
session, and for what.

Only a SHA-256 digest of the secret is stored; the raw token exists once, in the answer
to its creation. Rows are never deleted on revoke, so `last_used_at` stays auditable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import Role, TokenKind


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=TokenKind.choices, default=TokenKind.PERSONAL)
    # The start of the raw token ("pw_" and 8 characters): shown in lists so a person can
    # tell which token is which, and the index a presented token is looked up by.
    prefix = models.CharField(max_length=16, unique=True)
    secret_sha256 = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="accounts_apitoken_live_name_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Workspace(models.Model):
    """The unit of sharing: every pipeline, run, dataset, model, endpoint and schedule lives in one.

    A person sees the objects of the workspaces they are a member of, and nothing else; to a
    non-member a workspace's objects do not exist (404, never 403).
    """

    DEFAULT = "default"

    name = models.SlugField(max_length=64, unique=True)
    description = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CONTRIBUTOR)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="accounts_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} ({self.role})"


def default_workspace_id() -> int:
    """The embedded default's workspace, made on first need: where objects go when no
    workspace is named (the field default of every workspace-owned model)."""
    workspace, _ = Workspace.objects.get_or_create(name=Workspace.DEFAULT)
    return workspace.pk
