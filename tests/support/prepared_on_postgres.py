"""Prepared querysets on PostgreSQL, against the database in DATABASE_URL: what a row lock
does there (another transaction waits for it), and that a lock is refused outside a
transaction, as the ORM refuses it. Run by tests/test_prepared.py in its own process; prints
its result as JSON."""

import json
import os
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.transaction import TransactionManagementError  # noqa: E402

from designer.accounts.models import Workspace  # noqa: E402
from designer.prepared import Prepared  # noqa: E402
from designer.runs.models import Experiment  # noqa: E402

LOCK = Prepared(
    lambda pk: (
        Experiment.objects.select_for_update(of=("self",)).select_related("workspace").filter(pk=pk)
    )
)


def main() -> None:
    call_command("migrate", verbosity=0)
    workspace = Workspace.objects.create(name="prepared")
    first = Experiment.objects.create(workspace=workspace, name="first")
    second = Experiment.objects.create(workspace=workspace, name="second")
    result: dict = {"found": []}
    with transaction.atomic():
        for pk in (first.pk, second.pk):
            result["found"] += [e.name for e in LOCK(pk)]
    try:
        LOCK(first.pk)
    except TransactionManagementError as exc:
        result["outside"] = type(exc).__name__
    # While this transaction holds the lock, another one asking for it waits.
    locked, released = threading.Event(), threading.Event()
    waited: list[bool] = []

    def other() -> None:
        locked.wait()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            try:
                LOCK(first.pk)
                waited.append(False)
            except django.db.OperationalError:
                waited.append(True)
        connection.close()
        released.set()

    thread = threading.Thread(target=other)
    thread.start()
    with transaction.atomic():
        LOCK(first.pk)
        locked.set()
        released.wait(30)
    thread.join()
    result["blocked"] = waited == [True]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
