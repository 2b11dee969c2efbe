"""Schedules and data triggers of endpoints, and their firings.

A firing row is written in the same transaction as the run it starts, and is unique per
schedule and tick (per trigger and change set): that constraint, not any lock, is what makes a
second scheduler, or a scheduler restarted mid-pass, unable to fire the same thing twice.
"""

from django.conf import settings
from django.db import models

from designer.endpoints.models import Endpoint
from designer.runs.models import Run

from .choices import CatchUpPolicy


class Schedule(models.Model):
    name = models.CharField(max_length=64, unique=True)
    endpoint = models.ForeignKey(Endpoint, related_name="schedules", on_delete=models.CASCADE)
    # An endpoint version number; null runs whatever version is the default when it fires.
    version = models.PositiveIntegerField(null=True, blank=True)
    # Exactly one of cron (text) and recurrence (the kernel's Recurrence as a dict).
    cron = models.CharField(max_length=200, null=True, blank=True)
    recurrence = models.JSONField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")  # IANA, Windows names mapped
    start_at = models.DateTimeField(null=True, blank=True)
    end_at = models.DateTimeField(null=True, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    experiment = models.CharField(max_length=200, blank=True)
    catch_up = models.CharField(
        max_length=10, choices=CatchUpPolicy.choices, default=CatchUpPolicy.NONE
    )
    max_catch_up = models.PositiveIntegerField(null=True, blank=True)
    max_concurrent = models.PositiveIntegerField(null=True, blank=True)  # null: no limit
    paused = models.BooleanField(default=False)
    # Ticks at or before this instant are never owed: the last scheduler pass, or when the
    # schedule was created, resumed or retimed.
    evaluated_at = models.DateTimeField()
    next_fire_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_fire_at = models.DateTimeField(null=True, blank=True)
    last_fire_run = models.ForeignKey(
        Run, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    last_fire_skipped_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name


class Firing(models.Model):
    """One tick of a schedule, fired (run set) or refused (skipped_reason set)."""

    schedule = models.ForeignKey(Schedule, related_name="firings", on_delete=models.CASCADE)
    tick = models.DateTimeField()
    run = models.ForeignKey(Run, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    skipped_reason = models.TextField(blank=True)
    # A firing asked for by a person (run now) rather than owed by the timing.
    manual = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "tick"], name="firing_schedule_tick")
        ]
        ordering = ["-tick"]


class Trigger(models.Model):
    name = models.CharField(max_length=64, unique=True)
    endpoint = models.ForeignKey(Endpoint, related_name="triggers", on_delete=models.CASCADE)
    version = models.PositiveIntegerField(null=True, blank=True)
    # Datastores come later; until then a trigger watches a folder of DESIGNER_DATA_ROOTS.
    datastore = models.CharField(max_length=64, null=True, blank=True)
    path = models.CharField(max_length=1000)  # resolved, absolute
    glob = models.CharField(max_length=200, default="*")
    recursive = models.BooleanField(default=False)
    debounce_seconds = models.PositiveIntegerField(default=60)
    paths_parameter = models.CharField(max_length=200)
    parameters = models.JSONField(default=dict, blank=True)
    experiment = models.CharField(max_length=200, blank=True)
    paused = models.BooleanField(default=False)
    # {relative path: [size, mtime_ns]} as of the last firing (or creation, or resume).
    snapshot = models.JSONField(default=dict, blank=True)
    # The changes seen at the last pass, and since when they have stayed the same.
    pending = models.JSONField(default=dict, blank=True)
    pending_since = models.DateTimeField(null=True, blank=True)
    last_fire_at = models.DateTimeField(null=True, blank=True)
    last_fire_run = models.ForeignKey(
        Run, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    last_fire_skipped_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name


class TriggerFiring(models.Model):
    """One change set of a trigger, fired or refused; `digest` names the set and its stats."""

    trigger = models.ForeignKey(Trigger, related_name="firings", on_delete=models.CASCADE)
    digest = models.CharField(max_length=64)
    paths = models.JSONField(default=list)
    run = models.ForeignKey(Run, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    skipped_reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trigger", "digest"], name="trigger_firing_digest")
        ]
        ordering = ["-id"]
