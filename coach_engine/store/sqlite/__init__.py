"""SQLite implementation of the store: one repository module per aggregate.

WAL mode (readers never block the writer; a killed writer loses only its uncommitted
transaction), foreign keys on, one writer at a time (a process-wide lock per file, then
``BEGIN IMMEDIATE`` against other processes, whose waits the busy timeout covers), per-thread
connections (``connections.py``), and migrations applied on open (``store.migrations``).

Queries are plain SQL: each is scoped by user and runs inside the store's own transaction
(``store.database`` says why sqlite-utils was dropped).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coach_engine import locations
from coach_engine.errors import StoreError
from coach_engine.store import migrations
from coach_engine.store.base import Store
from coach_engine.store.database import Database
from coach_engine.store.sqlite.connections import Connections, configure
from coach_engine.store.sqlite.conversation import SQLiteConversation
from coach_engine.store.sqlite.credentials import SQLiteCredentials
from coach_engine.store.sqlite.drills import SQLiteDrills
from coach_engine.store.sqlite.feedback import SQLiteFeedback
from coach_engine.store.sqlite.progress import SQLiteProgress
from coach_engine.store.sqlite.runs import SQLiteRuns
from coach_engine.store.sqlite.sessions import SQLiteSessions
from coach_engine.store.sqlite.usage import SQLiteUsage
from coach_engine.store.sqlite.users import SQLiteRubrics, SQLiteUsers

__all__ = ["SQLiteStore", "integrity_problems"]


def integrity_problems(path: Path, limit: int = 10) -> list[str]:
    """``PRAGMA integrity_check`` of the database file at ``path`` on a read-only connection
    (nothing migrated or written, so it also works on a read-only file system): [] when sound,
    else SQLite's findings (at most ``limit``).

    Raises:
        StoreError: the file cannot be opened at all (missing, unreadable).
    """
    from urllib.parse import quote

    last: sqlite3.Error | None = None
    for mode in ("mode=ro", "immutable=1"):  # immutable: a WAL file with no writable -shm
        try:
            conn = sqlite3.connect(f"file:{quote(str(path))}?{mode}", uri=True, timeout=10.0)
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
        except sqlite3.OperationalError as exc:
            if "malformed" in str(exc):
                return [str(exc)]
            last = exc
            continue
        except sqlite3.DatabaseError as exc:  # not a database, or damaged
            return [str(exc)]
        finally:
            conn.close()
        found = [str(r[0]) for r in rows]
        return [] if found == ["ok"] else found
    raise StoreError(f"cannot open {path} to check it ({last})", title="Database unusable")


class SQLiteStore(Store):
    """The embedded store on a ``Database`` file (``SQLiteStore.open(path)``; tests use
    temporary files)."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        file = str(db.conn.execute("PRAGMA database_list").fetchone()[2] or "")
        if not file:
            raise StoreError(
                "the store needs a database file (threads each open their own connection to "
                "it); open one on a file",
                title="Database unusable",
            )
        self._path = str(path) if path else file
        try:
            configure(db.conn)
            if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.conn.execute("PRAGMA journal_mode = WAL")
            migrations.migrate(db)
        except sqlite3.DatabaseError as exc:
            from coach_engine.system_errors import from_sqlite_error

            known = from_sqlite_error(exc, self._path)  # a full disk is not a damaged file
            if known is not None:
                raise known from None
            raise StoreError(
                f"cannot open the database ({exc}); if the file is damaged, move it away and "
                "Coach will start a new one",
                title="Database unusable",
            ) from None
        self.connections = Connections(file, db.conn)
        self.users = SQLiteUsers(self.connections)
        self.rubrics = SQLiteRubrics(self.connections)
        self.sessions = SQLiteSessions(self.connections)
        self.conversation = SQLiteConversation(self.connections)
        self.runs = SQLiteRuns(self.connections)
        self.feedback = SQLiteFeedback(self.connections)
        self.drills = SQLiteDrills(self.connections)
        self.progress = SQLiteProgress(self.connections)
        self.usage = SQLiteUsage(self.connections)
        self.credentials = SQLiteCredentials(self.connections)

    @classmethod
    def open(cls, path: Path) -> SQLiteStore:
        """Open (creating and migrating if needed) the database file at ``path``.

        The file is created 0600 before SQLite opens it (its -wal and -shm files take the
        database's mode), so transcripts and code are never readable by another user.
        """
        try:
            path.parent.mkdir(mode=locations.PRIVATE_DIR, parents=True, exist_ok=True)
            locations.create_private(path)
            conn = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open {path} ({exc}); make its directory writable or set COACH_HOME",
                title="Database unusable",
            ) from None
        return cls(Database(conn), path)

    @property
    def location(self) -> str:
        return self.connections.path  # no I/O: async callers read it on the event loop

    def schema_version(self) -> int:
        return migrations.schema_version(self.db)

    def close(self) -> None:
        self.connections.close()
