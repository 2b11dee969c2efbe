"""A worker's thread keeps its database connection from one message to the next (a fan-out of
small steps would otherwise open one a step), and a connection that died between messages
(a restarted database) is replaced before the next message's first query."""

import os

from tests.support.distributed import ROOT, run_module, run_on_postgres


def test_on_postgresql_a_kept_connection_that_died_is_replaced_before_the_next_message():
    seen = run_on_postgres("tests.support.kept_connections", "postgres")

    assert seen["first"] == seen["second"]
    assert seen["after_kill"] not in (None, seen["second"])


def test_on_the_embedded_sqlite_file_the_next_message_has_the_same_connection(tmp_path):
    env = {**os.environ, "DESIGNER_SQLITE": str(tmp_path / "db.sqlite3"), "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    seen = run_module("tests.support.kept_connections", "sqlite", env=env)

    assert seen == {"second_sees_the_first": True}
