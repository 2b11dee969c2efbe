"""Django set up in this process on a fresh SQLite database of its own, for the benchmarks
that drive the engine directly (no web process, no embedded workers)."""

import os
import tempfile
from pathlib import Path


def fresh_django(prefix: str) -> Path:
    """Set Django up on a new database in a temporary folder (or DESIGNER_VAR / DATABASE_URL
    when set), migrated and bootstrapped as `make run` leaves it; returns the folder."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DESIGNER_VAR", str(folder))
    os.environ["DESIGNER_EMBEDDED_WORKERS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    os.environ.setdefault("DESIGNER_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("bootstrap", verbosity=0)
    return folder
