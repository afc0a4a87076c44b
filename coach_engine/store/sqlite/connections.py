"""How the SQLite store talks to its file when many threads (and processes) use it at once.

- **One connection per thread.** ``sqlite3`` connections must not be shared by threads that
  run statements concurrently; each thread (the caller's, and each worker of
  :class:`~coach_engine.store.aio.AsyncStore`) gets its own, opened on first use and closed with
  the store.
- **One writer at a time.** A write takes a lock shared by every store open on the same file in
  this process, then ``BEGIN IMMEDIATE`` (which serialises against other processes). Threads
  queue on the lock in order instead of polling SQLite's busy handler, so writers in one process
  never see "database is locked"; ``busy_timeout`` covers other processes (10 s).
- **Readers never block.** The file is in WAL mode: a read sees the last committed state while a
  write is in progress. A read of several statements runs in one deferred (snapshot)
  transaction so its parts agree (a count and its page, a run and its tests).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from coach_engine.errors import StoreError

BUSY_TIMEOUT_MS = 10_000

_WRITER_LOCKS: dict[str, threading.RLock] = {}
_WRITER_LOCKS_GUARD = threading.Lock()


def writer_lock(path: str) -> threading.RLock:
    """The process-wide writer lock of the database file at ``path`` (resolved)."""
    key = str(Path(path).resolve())
    with _WRITER_LOCKS_GUARD:
        return _WRITER_LOCKS.setdefault(key, threading.RLock())


def asyncio_loop_running() -> bool:
    """Whether this thread is running an asyncio event loop right now."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Settings every connection needs (they are per connection, not stored in the file).

    Autocommit mode: every transaction is an explicit BEGIN (see :meth:`Connections.write`), so
    the ``sqlite3`` module never opens one behind our back.
    """
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Connections:
    """Per-thread connections to one database file, and its writer lock."""

    def __init__(self, path: str, first: sqlite3.Connection) -> None:
        """``first`` (already configured) serves the thread that opened the store."""
        self.path = path
        self.lock = writer_lock(path)
        self._local = threading.local()
        self._local.conn = first
        self._opened: list[tuple[threading.Thread, sqlite3.Connection]] = [
            (threading.current_thread(), first)
        ]
        self._guard = threading.Lock()
        self._closed = False

    forbid_event_loop = False
    """When True, a store call made on a thread that is running an asyncio event loop raises
    ``RuntimeError`` instead of blocking the loop (tests set it to prove async code awaits
    ``AsyncStore``)."""

    def get(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        if self.forbid_event_loop and asyncio_loop_running():
            raise RuntimeError(
                "a synchronous store call on the event loop; await it through AsyncStore "
                "(engine.astore) so it runs in a worker thread"
            )
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        with self._guard:
            if self._closed:
                raise StoreError("the store was closed", title="Database closed")
            # A connection whose thread has ended is closed here, so a server whose threads
            # come and go does not accumulate them. check_same_thread=False only so it can be
            # closed from another thread; it is used by its own thread alone.
            ended = [c for t, c in self._opened if not t.is_alive()]
            self._opened = [(t, c) for t, c in self._opened if t.is_alive()]
            conn = configure(
                sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            )
            self._opened.append((threading.current_thread(), conn))
        for old in ended:
            with suppress(sqlite3.ProgrammingError):
                old.close()
        self._local.conn = conn
        return conn

    @property
    def open_count(self) -> int:
        """Connections currently open (one per thread that used the store and still runs)."""
        with self._guard:
            return len(self._opened)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: the writer lock, then BEGIN IMMEDIATE … COMMIT (ROLLBACK on
        any exception). Re-entrant on the same thread only through the lock; do not nest."""
        conn = self.get()
        with self.lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed (a full disk): never leave the connection
                # inside a transaction, or its next BEGIN would fail.
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for a read of several statements (no lock taken). Inside a
        write transaction of this thread it simply reads that transaction's view."""
        conn = self.get()
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN DEFERRED")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._guard:
            self._closed = True
            opened, self._opened = self._opened, []
        for _, conn in opened:
            with suppress(sqlite3.ProgrammingError):  # a caller's connection bound to its thread
                conn.close()
        self._local = threading.local()
