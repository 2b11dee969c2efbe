"""`manage.py scheduler`: fire schedules and data triggers, pass after pass, until stopped.

Runs the same pass as the web process's embedded scheduler; use it when the web process does not
(DESIGNER_EMBEDDED_SCHEDULER off, the distributed deployment). Running two is safe: no tick or
change set fires twice. `--once` makes a single pass and exits.
"""

import signal

from django.core.management.base import BaseCommand
from django.utils import timezone

from designer.schedules.scheduler import Loop, tick


class Command(BaseCommand):
    help = "Fire schedules and data triggers of endpoints when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="make one pass and exit")
        parser.add_argument("--every", type=float, default=None, help="seconds between passes")

    def handle(self, *args, **options):
        if options["once"]:
            fired = tick(timezone.now())
            self.stdout.write(f"{len(fired)} firing(s)")
            return
        loop = Loop(options["every"])
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: loop.stop())
        self.stdout.write(f"scheduler passing every {loop.every:g} s", ending="\n")
        self.stdout.flush()
        loop.run()
