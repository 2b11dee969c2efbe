"""Apply SQL Transformation: a SQLite query over the input dataframes as tables t1, t2 and t3.

The tables live in a private in-memory database that is thrown away after the query. Must not
reach any file: ATTACH (which would open or create a database file) is refused by an authorizer,
and extension loading stays disabled as it is by default.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pandas as pd

DENIED = {sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH}


def run(
    t1: pd.DataFrame,
    t2: pd.DataFrame | None = None,
    t3: pd.DataFrame | None = None,
    query: str = "SELECT * FROM t1",
) -> pd.DataFrame:
    if not query or not query.strip():
        raise ValueError("the query is empty; write a SELECT statement such as SELECT * FROM t1")
    tables = {
        name: frame for name, frame in (("t1", t1), ("t2", t2), ("t3", t3)) if frame is not None
    }
    with closing(sqlite3.connect(":memory:")) as connection:
        for name, frame in tables.items():
            frame.to_sql(name, connection, index=False)
        # Only after loading: to_sql needs no ATTACH, but the user's query must not get one.
        connection.set_authorizer(_authorize)
        return _select(connection, query, tables)


def _authorize(action: int, *_: object) -> int:
    return sqlite3.SQLITE_DENY if action in DENIED else sqlite3.SQLITE_OK


def _select(
    connection: sqlite3.Connection, query: str, tables: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    try:
        cursor = connection.execute(query)
        rows = cursor.fetchall()
    except (sqlite3.Error, sqlite3.Warning) as exc:
        available = "; ".join(
            f"{name} ({', '.join(str(column) for column in frame.columns)})"
            for name, frame in tables.items()
        )
        raise ValueError(f"the SQL query failed: {exc}. Tables: {available}") from exc
    if cursor.description is None:
        raise ValueError("the query returned no table; end it with a SELECT statement")
    names = [description[0] for description in cursor.description]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(
            f"the query returns column(s) {', '.join(repeated)} more than once; "
            "rename them with AS, e.g. SELECT t1.id AS left_id"
        )
    return pd.DataFrame.from_records(rows, columns=names)
