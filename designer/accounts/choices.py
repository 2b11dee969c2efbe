"""Enumerations of the accounts app."""

from django.db import models


class TokenKind(models.TextChoices):
    # A person's own token (sign-in, a laptop script) versus one an automation owns
    # (CI, a scheduler); both act as their user, the kind only tells them apart in lists.
    PERSONAL = "personal"
    SERVICE = "service"


class Role(models.TextChoices):
    # Ordered by what they allow; each role may do everything the ones before it may.
    READER = "reader"  # view objects, runs, logs and outputs
    CONTRIBUTOR = "contributor"  # create, edit, run
    OWNER = "owner"  # members and the workspace's settings
