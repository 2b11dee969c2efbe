"""Submits one pipeline from several threads at once against the database in DATABASE_URL
and prints what happened as JSON: run by a test in its own process, since the test
database of the suite itself is SQLite."""

import json
import os
import sys
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from designer.accounts.acting import SYSTEM  # noqa: E402
from designer.pipelines.models import Pipeline  # noqa: E402
from designer.registry.services import sync_builtin_components  # noqa: E402
from designer.runs import orchestrator  # noqa: E402
from tests.support.live import sample_graph  # noqa: E402


def main(threads: int, rounds: int) -> None:
    call_command("migrate", verbosity=0)
    sync_builtin_components()
    sample = sample_graph()
    pipeline = Pipeline.objects.create(
        name="race", graph=sample["graph"], parameters=sample["parameters"]
    )
    runs, errors = [], []
    for _ in range(rounds):
        start = threading.Barrier(threads)

        def submit(start: threading.Barrier = start) -> None:
            start.wait()
            try:
                run = orchestrator.submit_run(SYSTEM, pipeline.pk)
                runs.append({"run": run.pk, "version": run.version.number})
            except Exception as exc:  # what the test reports
                errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                connection.close()

        workers = [threading.Thread(target=submit) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    print(json.dumps({"runs": runs, "errors": errors}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
