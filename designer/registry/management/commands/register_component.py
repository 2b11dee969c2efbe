"""`manage.py register_component PATH`: register a component folder or zip."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from designer.accounts.acting import SYSTEM
from designer.errors import DomainError
from designer.registry.services import register_archive, register_folder


class Command(BaseCommand):
    help = "Register a user component from a folder or a zip of its folder."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--workspace", help="workspace a new component name goes to (default: default)"
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        workspace = options.get("workspace")
        try:
            if path.is_dir():
                component, created = register_folder(SYSTEM, path, workspace)
            else:
                component, created = register_archive(SYSTEM, path.read_bytes(), workspace)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{component.ref} {'registered' if created else 'already registered'}")
