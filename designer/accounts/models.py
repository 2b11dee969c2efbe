"""API tokens: who may call the API without a browser session, and for what.

Only a SHA-256 digest of the secret is stored; the raw token exists once, in the answer
to its creation. Rows are never deleted on revoke, so `last_used_at` stays auditable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import TokenKind


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
