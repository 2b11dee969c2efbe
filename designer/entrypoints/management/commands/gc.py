"""`manage.py gc`: remove deleted runs, their work folders and the artifacts nothing holds.

The scheduler does the same every DESIGNER_RETENTION_EVERY seconds. Artifacts of registered
datasets and models, and of node runs a live run reused, are never removed.
"""

from django.core.management.base import BaseCommand

from designer.runs.retention import sweep


class Command(BaseCommand):
    help = "Remove deleted runs and the stored artifacts nothing refers to any more."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
        parser.add_argument(
            "--grace",
            type=float,
            default=None,
            help="seconds an unreferenced artifact must have existed (DESIGNER_RETENTION_GRACE)",
        )

    def handle(self, *args, **options):
        swept = sweep(dry_run=options["dry_run"], grace=options["grace"])
        verb = "would remove" if options["dry_run"] else "removed"
        self.stdout.write(
            f"{verb} {swept.runs} deleted run(s) ({swept.runs_kept} kept: reused by live runs), "
            f"{swept.work_folders} work folder(s), {swept.artifacts} artifact(s) "
            f"({swept.bytes} bytes)"
        )
