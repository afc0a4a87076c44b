"""Session and drill listings as plain rows, read without pydantic, pydantic-settings or
asyncio when that gives the engine's answer (CLI start-up, issue 13 item 8).

``list_session_rows`` and ``list_drill_rows`` return what a table of them shows. They read the
SQLite file directly — the store's own statements (``store.listing_queries``) on a bare
``sqlite3`` connection — only when nothing the engine would do differently can apply:

* the configuration is known valid without loading it (``coach_engine.config_stamp``);
* the data directory is usable (``locations.ensure_home``, as ``Engine.open`` does first);
* the database exists in WAL mode with every migration applied, and has its local user;
* the arguments are valid (a known sort and statuses, a page in range).

Otherwise they open the engine (``Engine.open``: create, migrate, validate, raise its titled
errors) and turn its models into the same rows, so a front end has one code path, the same
rows and the same errors either way. A full open that succeeds records the config file as
known valid, so the next listing reads directly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from coach_engine import config_stamp, locations
from coach_engine.inputs import MAX_COUNT
from coach_engine.session_fields import SESSION_STATUSES, elapsed_seconds, status_names
from coach_engine.store.listing_queries import (
    LOCAL_USER_SQL,
    OPEN_DRILL_STATUSES,
    SESSION_SORTS,
    drill_list_sql,
    session_page_sql,
)

if TYPE_CHECKING:
    from coach_engine.engine import Engine
    from coach_engine.models import Drill, InterviewSession

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000  # as the store's connections wait for another process's write
MAX_LIMIT = 500
MAX_OFFSET = MAX_COUNT * MAX_LIMIT  # the store's bound: MAX_COUNT pages of the largest size


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One interview session as a listing shows it (``InterviewSession``'s fields of the same
    names; ``kind`` and ``status`` are the stored values, e.g. ``coding``, ``PAUSED``)."""

    id: str
    created_at: datetime
    problem_slug: str | None
    topic: str
    kind: str
    language: str
    status: str
    score: int | None
    active_seconds: float
    resumed_at: datetime | None

    def elapsed_seconds(self, now: datetime | None = None) -> float:
        """Active interview time, excluding pauses (``InterviewSession.elapsed_seconds``)."""
        return elapsed_seconds(self.status, self.active_seconds, self.resumed_at, now)

    @classmethod
    def of(cls, s: InterviewSession) -> SessionRow:
        return cls(
            s.id,
            s.created_at,
            s.problem_slug,
            s.topic,
            s.kind.value,
            s.language,
            s.status.value,
            s.score,
            s.active_seconds,
            s.resumed_at,
        )


@dataclass(frozen=True, slots=True)
class SessionRowPage:
    """One page of session rows: ``items``, the ``total`` matching and the page's ``offset``."""

    items: list[SessionRow]
    total: int
    offset: int


@dataclass(frozen=True, slots=True)
class DrillRow:
    """One drill as a listing shows it (``drill_type`` and ``status`` are the stored values)."""

    id: str
    due_at: datetime
    drill_type: str
    status: str
    title: str

    @classmethod
    def of(cls, d: Drill) -> DrillRow:
        return cls(d.id, d.due_at, d.drill_type.value, d.status.value, d.title)


def list_session_rows(
    *, status: str | Iterable[str] | None = None, sort: str = "-created_at", limit: int = 20,
    offset: int = 0,
) -> SessionRowPage:  # fmt: skip
    """The local user's sessions, one page (``SessionService.list_sessions``'s arguments).

    Raises:
        ValidationError: an unknown status or sort, a page out of range.
        ConfigError, StoreError: as ``Engine.open``.
    """
    names = status_names(status)
    valid = (
        sort in SESSION_SORTS
        and 1 <= limit <= MAX_LIMIT
        and 0 <= offset <= MAX_OFFSET
        and all(name in SESSION_STATUSES for _, name in names or ())
    )
    if valid:
        statuses = [name for _, name in names or ()]
        page = _direct(lambda conn, user: _session_page(conn, user, statuses, sort, limit, offset))
        if page is not None:
            return page

    def through_engine(engine: Engine) -> SessionRowPage:
        import asyncio

        result = asyncio.run(
            engine.sessions.list_sessions(status=status, sort=sort, limit=limit, offset=offset)
        )
        items = [SessionRow.of(s) for s in result.items]
        return SessionRowPage(items, result.total, result.offset)

    return _through_engine(through_engine)


def list_drill_rows(*, due: bool = False, include_done: bool = False) -> list[DrillRow]:
    """The local user's drills by due date (``DrillService.queue``'s arguments).

    Raises:
        ConfigError, StoreError: as ``Engine.open``.
    """
    statuses = None if include_done else list(OPEN_DRILL_STATUSES)
    rows = _direct(lambda conn, user: _drills(conn, user, statuses, due))
    if rows is not None:
        return rows

    def through_engine(engine: Engine) -> list[DrillRow]:
        import asyncio

        queue = asyncio.run(engine.drills.queue(due=due, include_done=include_done))
        return [DrillRow.of(d) for d in queue]

    return _through_engine(through_engine)


def _through_engine(read: Callable[[Engine], T]) -> T:
    from coach_engine.engine import Engine

    digest = config_stamp.current()  # before the load: the bytes the load then accepts
    with Engine.open() as engine:
        config_stamp.remember(digest)
        return read(engine)


def _direct(read: Callable[[sqlite3.Connection, str], T]) -> T | None:
    """``read(connection, user_id)`` on the database file, or None when the engine must open
    it (see the module's rules). Errors of the data directory are raised as ``Engine.open``'s."""
    if not config_stamp.known_valid():
        return None
    locations.ensure_home()  # Engine.open's first step, with its errors
    path = locations.database_path()
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(str(path), timeout=10.0)  # as the store does (it writes nothing)
    except sqlite3.Error:
        return None
    try:
        conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not _current(conn):
            return None
        conn.execute("BEGIN")  # one snapshot: a count and its page agree
        user = conn.execute(LOCAL_USER_SQL).fetchone()
        if user is None:
            return None  # the engine creates the local user
        return read(conn, user[0])
    except (sqlite3.Error, ValueError, TypeError):
        return None  # a damaged file or row: the engine says what is wrong
    finally:
        conn.close()


def _current(conn: sqlite3.Connection) -> bool:
    """WAL mode and every migration applied, as the store leaves a database it opened."""
    from coach_engine.store.migrations import MIGRATIONS, SCHEMA_VERSION_TABLE

    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return False
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
        (SCHEMA_VERSION_TABLE,),
    ).fetchone()[0]
    if not found:
        return False
    applied = [
        r[0] for r in conn.execute(f"SELECT name FROM {SCHEMA_VERSION_TABLE} ORDER BY rowid")
    ]
    return applied == [m.__name__ for m in MIGRATIONS]


def _rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _time(value: Any) -> datetime:
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    raise ValueError(f"not a timestamp: {value!r}")


def _session_page(
    conn: sqlite3.Connection, user_id: str, statuses: list[str], sort: str, limit: int,
    offset: int,
) -> SessionRowPage:  # fmt: skip
    count_sql, count_params, page_sql, page_params = session_page_sql(
        user_id, statuses, sort, limit, offset
    )
    total = int(conn.execute(count_sql, count_params).fetchone()[0])
    items = [_session_row(r) for r in _rows(conn.execute(page_sql, page_params))]
    return SessionRowPage(items, total, offset)


def _session_row(r: Mapping[str, Any]) -> SessionRow:
    if r["status"] not in SESSION_STATUSES:
        raise ValueError(f"unknown status {r['status']!r}")
    resumed = r.get("resumed_at")
    return SessionRow(
        str(r["id"]),
        _time(r["created_at"]),
        r.get("problem_slug"),
        str(r["topic"]),
        str(r["kind"]),
        str(r["language"]),
        str(r["status"]),
        None if r.get("score") is None else int(r["score"]),
        float(r.get("active_seconds") or 0.0),
        None if resumed is None else _time(resumed),
    )


def _drills(
    conn: sqlite3.Connection, user_id: str, statuses: list[str] | None, due: bool
) -> list[DrillRow]:
    due_before = datetime.now(UTC).isoformat() if due else None
    sql, params = drill_list_sql(user_id, statuses, due_before)
    return [
        DrillRow(str(r["id"]), _time(r["due_at"]), str(r["drill_type"]), str(r["status"]),
                 str(r["title"]))
        for r in _rows(conn.execute(sql, params))
    ]  # fmt: skip
