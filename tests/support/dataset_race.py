"""Registers versions of one new dataset from several threads at once against the database in
DATABASE_URL and prints what happened as JSON: run by a test in its own process, since the
test database of the suite itself is SQLite. Each thread stores different rows, so each
registration must become a version of its own."""

import json
import os
import sys
import tempfile
import threading
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django.setup()

import pandas as pd  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from designer.accounts.acting import SYSTEM  # noqa: E402
from designer.artifacts.services import ingest  # noqa: E402
from designer.datasets.services.registering import add_version  # noqa: E402
from designer.runtime.io import write_dataframe  # noqa: E402


def main(threads: int, folder: str) -> None:
    call_command("migrate", verbosity=0)
    artifacts = []
    for i in range(threads):
        path = write_dataframe(pd.DataFrame({"n": [i]}), Path(folder) / f"{i}.parquet")
        artifacts.append(ingest(path, "dataframe"))
    versions, errors = [], []
    start = threading.Barrier(threads)

    def register(artifact) -> None:
        start.wait()
        try:
            version, created = add_version(SYSTEM, "raced", artifact, {"kind": "upload"})
            versions.append({"version": version.version, "created": created})
        except Exception as exc:  # what the test reports
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    workers = [threading.Thread(target=register, args=(a,)) for a in artifacts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps({"versions": versions, "errors": errors}))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        main(int(sys.argv[1]), scratch)
