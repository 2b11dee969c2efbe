"""`manage.py sync_components`: (re)load the built-in components into the registry."""

from django.core.management.base import BaseCommand, CommandError

from designer.registry.services import sync_builtin_components


class Command(BaseCommand):
    help = "Load every component.yaml under the built-in components folder. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--path", help="folder to load instead of the configured one")

    def handle(self, *args, **options):
        report = sync_builtin_components(options.get("path"))
        self.stdout.write(
            f"components: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.failed)} failed"
        )
        for line in report.failed:
            self.stderr.write(f"  failed: {line}")
        if report.failed:
            raise CommandError("some components could not be loaded")
