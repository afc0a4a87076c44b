"""``Database``: the SQLite file the store opens — a connection, and the few schema questions
migrations and checks ask (which tables, which columns, how many rows).

This replaces sqlite-utils, of which the store used only ``Database(path).conn`` and
``table_names()``: every query is plain SQL (scoped by user, inside the store's own
transactions), and importing sqlite-utils cost 70–140 ms at every process start on the
project's machines.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_S = 10.0


class Database:
    """A SQLite database: ``Database(path)`` opens the file, ``Database(conn)`` wraps one."""

    def __init__(self, target: str | Path | sqlite3.Connection) -> None:
        if isinstance(target, sqlite3.Connection):
            self.conn = target
        else:
            # check_same_thread=False only so the store can close it from any thread; the
            # store uses each connection from one thread (store.sqlite.connections).
            self.conn = sqlite3.connect(
                str(target), timeout=BUSY_TIMEOUT_S, check_same_thread=False
            )

    def table_names(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def columns(self, table: str) -> list[str]:
        """Column names of ``table`` (a name from our own code), in schema order."""
        return [str(r[1]) for r in self.conn.execute(f"PRAGMA table_info({table})").fetchall()]

    def count(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
