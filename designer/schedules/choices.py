"""Catch-up policies and recurrence frequencies as database and API choices, derived from the
kernel's timing rules so the two never disagree."""

from django.db import models

from designer.kernel.timing import FREQUENCIES, WEEK_DAYS, CatchUp

CATCH_UP_CHOICES = [(policy.value, policy.value) for policy in CatchUp]
FREQUENCY_CHOICES = [(name, name) for name in FREQUENCIES]
WEEK_DAY_CHOICES = [(name, name) for name in WEEK_DAYS]


class CatchUpPolicy(models.TextChoices):
    NONE = CatchUp.NONE.value
    LATEST = CatchUp.LATEST.value
    ALL = CatchUp.ALL.value
