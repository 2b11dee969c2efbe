"""`manage.py bootstrap`: first-start set-up after migrate: admin, components, sample pipeline,
the sample datasets and a datastore for each data folder."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from designer.accounts.acting import SYSTEM
from designer.accounts.choices import Role
from designer.accounts.models import Membership, default_workspace_id
from designer.compute.models import ComputeTarget
from designer.compute.services import create_target
from designer.datasets.services.datastores import ensure_data_datastores
from designer.datasets.services.registering import ensure_sample_datasets
from designer.pipelines.samples import ensure_samples
from designer.registry.services import sync_builtin_components


class Command(BaseCommand):
    help = (
        "Create the admin user, load the built-in components, the sample pipeline and the "
        "sample datasets, and a datastore for each data folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--compute",
            action="append",
            default=[],
            metavar="NAME",
            help="also make sure a compute target of this name exists (repeatable)",
        )

    def handle(self, *args, **options):
        for name in options["compute"]:
            if not ComputeTarget.objects.filter(name=name).exists():
                create_target(SYSTEM, name=name, description="made by bootstrap --compute")
                self.stdout.write(f"compute target created: {name}")
        report = sync_builtin_components()
        self.stdout.write(
            f"components: {len(report.created) + len(report.updated) + len(report.unchanged)} "
            f"loaded, {len(report.failed)} failed"
        )
        for line in report.failed:
            self.stderr.write(f"  {line}")
        for name in ensure_samples():
            self.stdout.write(f"sample pipeline created: {name}")
        for name in ensure_sample_datasets():
            self.stdout.write(f"sample dataset registered: {name}")
        for name in ensure_data_datastores():
            self.stdout.write(f"data folder datastore: {name}")
        username, password = _ensure_admin()
        self.stdout.write(f"admin login: {username} / {password}")


def _ensure_admin() -> tuple[str, str]:
    """The admin's password comes from the environment or is made once and kept in var/."""
    User = get_user_model()
    username = os.environ.get("DESIGNER_ADMIN_USER", "admin")
    keep = Path(settings.VAR_DIR) / "admin-password"
    password = os.environ.get("DESIGNER_ADMIN_PASSWORD")
    if not password:
        password = keep.read_text().strip() if keep.exists() else secrets.token_urlsafe(12)
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_text(password)
        keep.chmod(0o600)
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_superuser(username=username, email="", password=password)
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    # The embedded default has one workspace with the admin as its owner: a single user
    # never needs to know workspaces exist.
    Membership.objects.get_or_create(
        workspace_id=default_workspace_id(), user=user, defaults={"role": Role.OWNER}
    )
    return username, password
