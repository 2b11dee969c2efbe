"""Stores equal content from several threads at once, round after round, against the
database in DATABASE_URL, and prints what each thread got as JSON: run by a test in its own
process (the suite's own test database is SQLite). Each round's file has the same bytes in
every thread's folder, so every thread must be given the same artifact row."""

import json
import os
import sys
import tempfile
import threading
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from designer.artifacts.models import Artifact  # noqa: E402
from designer.artifacts.services import ingest  # noqa: E402


def main(threads: int, rounds: int, folder: str) -> None:
    call_command("migrate", verbosity=0)
    got: dict[int, list[int]] = {n: [] for n in range(rounds)}
    errors: list[str] = []
    start = threading.Barrier(threads)

    def store(worker: int) -> None:
        try:
            for n in range(rounds):
                path = Path(folder) / f"w{worker}" / "out.json"
                path.parent.mkdir(exist_ok=True)
                path.write_text(json.dumps({"round": n}))
                start.wait(60)
                got[n].append(ingest(path, "json").pk)
        except Exception as exc:  # what the test reports
            errors.append(f"{type(exc).__name__}: {exc}")
            start.abort()
        finally:
            connection.close()

    workers = [threading.Thread(target=store, args=(w,)) for w in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    rows = Artifact.objects.filter(kind="json").count()
    print(json.dumps({"got": got, "errors": errors, "rows": rows}))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        main(int(sys.argv[1]), int(sys.argv[2]), scratch)
