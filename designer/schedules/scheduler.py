"""The scheduler: one pass over every schedule and data trigger, and the loop that repeats it.

`tick(now)` is the whole pass, with the clock passed in: the loop calls it with the real time
every DESIGNER_SCHEDULER_EVERY seconds, tests with the instants they choose. Any number of
schedulers may run at once (the web process's embedded one, `manage.py scheduler` processes):
the firing rows make a second firing of a tick or change set impossible (see services.firing).
"""

import logging
import threading
from datetime import datetime

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from designer.runs import retention

from .models import Schedule, Trigger
from .services.firing import Fired, fire_due
from .services.trigger_firing import watch

log = logging.getLogger(__name__)


def tick(now: datetime) -> list[Fired]:
    """Fire every schedule due at `now` and every trigger whose changes have settled."""
    fired: list[Fired] = []
    due = Schedule.objects.filter(paused=False, next_fire_at__lte=now).order_by("next_fire_at")
    for schedule_id in list(due.values_list("pk", flat=True)):
        try:
            fired.extend(fire_due(schedule_id, now))
        except Exception:  # one broken schedule must not stop the others
            log.exception("schedule %s: pass failed; trying again next pass", schedule_id)
    for trigger_id in list(Trigger.objects.filter(paused=False).values_list("pk", flat=True)):
        try:
            result = watch(trigger_id, now)
        except Exception:
            log.exception("trigger %s: pass failed; trying again next pass", trigger_id)
            continue
        if result is not None:
            fired.append(result)
    for firing in fired:
        log.info(
            "%s %s fired at %s: %s",
            firing.source,
            firing.owner,
            firing.at.isoformat(),
            f"run {firing.run}" if firing.run else firing.skipped_reason,
        )
    return fired


class Loop:
    """Calls `tick` with the real clock every few seconds on a daemon thread until stopped."""

    def __init__(self, every: float | None = None) -> None:
        self.every = every or settings.DESIGNER_SCHEDULER_EVERY
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name="scheduler", daemon=True)
        self._swept_at: datetime | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        """Pass after pass until stopped; the first pass is immediate."""
        while True:
            try:
                tick(timezone.now())
                self._sweep_when_due(timezone.now())
            except Exception:
                log.exception("scheduler pass failed; trying again shortly")
            finally:
                close_old_connections()
            if self._stop.wait(self.every):
                return

    def _sweep_when_due(self, now: datetime) -> None:
        """The retention sweep (deleted runs, unreferenced artifacts) every
        DESIGNER_RETENTION_EVERY seconds; the first one an interval after start-up."""
        every = settings.DESIGNER_RETENTION_EVERY
        if every <= 0:
            return
        if self._swept_at is None:
            self._swept_at = now
        elif (now - self._swept_at).total_seconds() >= every:
            self._swept_at = now
            swept = retention.sweep(now)
            log.info("retention sweep: %s", swept)
