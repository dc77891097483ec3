"""Many rows into one table with one driver-level executemany.

SQLAlchemy's executemany processes every parameter of every row in Python (about a quarter of a
batch's write time, measured with cProfile); the rows written here hold plain str, int, float, bool
and None values, which both drivers (sqlite3, psycopg) take as they are. The statement is still
compiled by SQLAlchemy for the connection's dialect, so quoting and placeholders are its own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, insert


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT every row (all rows have the same keys) in one executemany."""
    if not rows:
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    if compiled.positional:
        order = compiled.positiontup
        params: list = [tuple(row[k] for k in order) for row in rows]
    else:
        params = rows
    conn.exec_driver_sql(compiled.string, params)
