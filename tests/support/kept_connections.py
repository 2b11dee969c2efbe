"""Runs a worker's message middleware around a few "messages", on PostgreSQL (DATABASE_URL) or
on the embedded SQLite file, and prints as JSON what each message saw of its connection: run
by a test in its own process (the suite's own test database is in-memory SQLite, whose
connections are never closed)."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django.setup()

from django.db import connection, connections  # noqa: E402

from designer.compute import broker  # noqa: E402


def message(query: str) -> object:
    """One message's worth: the middleware before, `query`, the middleware after."""
    middleware = broker.DatabaseConnections()
    middleware.before_process_message(None, None)
    try:
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchone()
    finally:
        middleware.after_process_message(None, None)


def postgres() -> dict:
    """Which server process serves each message; one is killed between two (as a restarted
    database would) and the next message must still run."""
    pid = "SELECT pg_backend_pid()"
    seen = {"first": message(pid)[0], "second": message(pid)[0]}
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [seen["second"]])
    other.close()
    seen["after_kill"] = message(pid)[0]
    return seen


def sqlite() -> dict:
    """Whether a temporary table (one connection's own) made in one message is there in the
    next."""
    message("CREATE TEMP TABLE marker (n integer)")
    count = "SELECT count(*) FROM sqlite_temp_master WHERE name = 'marker'"
    return {"second_sees_the_first": message(count)[0] == 1}


if __name__ == "__main__":
    print(json.dumps(postgres() if sys.argv[1] == "postgres" else sqlite()))
