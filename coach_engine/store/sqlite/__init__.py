"""SQLite implementation of the store, through sqlite-utils.

WAL mode (readers never block the writer; a killed writer loses only its uncommitted
transaction), foreign keys on, a busy timeout so two processes writing at once wait instead of
failing, and migrations applied on open.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlite_utils

from coach_engine import locations
from coach_engine.errors import NotFoundError, StoreError, ValidationError
from coach_engine.inputs import MAX_COUNT, check_id
from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    Drill,
    DrillStatus,
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    Message,
    Note,
    Page,
    Rubric,
    SessionCreate,
    SessionStatus,
    SnapshotReason,
    TestOutcome,
    User,
    UserSkill,
    new_id,
    utcnow,
)
from coach_engine.store import migrations
from coach_engine.store.base import SESSION_SORTS, Store
from coach_engine.store.records import DrillReview, LLMCall, WeeklyGoal
from coach_engine.store.sqlite.connections import Connections, configure

_JSON_FIELDS = {
    "skill_targets",
    "session_metadata",
    "criterion_scores",
    "strengths",
    "weaknesses",
    "suggestions",
    "complexity",
    "criteria",
    "input",
    "expected",
    "actual",
    "hints",
    "key_points",
}
_BOOL_FIELDS = {"is_active", "is_superuser", "hidden", "is_submission"}
_USER_TABLES = (
    "llm_calls",
    "test_results",
    "code_runs",
    "code_snapshots",
    "messages",
    "notes",
    "drills",
    "feedback_runs",
    "user_skills",
    "weekly_goals",
    "interview_sessions",
)


def _encode(value: Any, key: str = "") -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if key in _JSON_FIELDS:
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, StrEnum):
        return value.value
    return value


def _row(model: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    data = model.model_dump(exclude=exclude or set())
    return {k: _encode(v, k) for k, v in data.items()}


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in _JSON_FIELDS and isinstance(value, str):
            value = json.loads(value)
        elif key in _BOOL_FIELDS and value is not None:
            value = bool(value)
        out[key] = value
    return out


def _pick(model: type[Any], row: dict[str, Any]) -> dict[str, Any]:
    fields = model.model_fields
    return {k: v for k, v in _decode(row).items() if k in fields and v is not None}


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
    """The embedded store. Pass a ``sqlite_utils.Database`` (tests use temporary files)."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None) -> None:
        self.db = db
        file = str(db.conn.execute("PRAGMA database_list").fetchone()[2] or "")
        if not file:
            raise StoreError(
                "the store needs a database file (threads each open their own connection to "
                "it); pass a sqlite_utils.Database on a file",
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
        return cls(sqlite_utils.Database(conn), path)

    @property
    def location(self) -> str:
        return self.connections.path  # no I/O: async callers read it on the event loop

    def schema_version(self) -> int:
        return migrations.schema_version(self.db)

    def close(self) -> None:
        self.connections.close()

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.connections.write()

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.connections.read()

    def _one(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        cur = self.connections.get().execute(sql, params)
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row, strict=True))

    def _all(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        cur = self.connections.get().execute(sql, params)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.connections.get().execute(
            f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values())
        )

    def _update_owned(
        self, table: str, user_id: str, row_id: str, changes: dict[str, Any], *, stamp: bool
    ) -> bool:
        """UPDATE one row of ``table`` that belongs to ``user_id``; False when none matched.

        Column names come from our own code, never from input; values are bound parameters.
        """
        values = {k: _encode(v, k) for k, v in changes.items()}
        if stamp:
            values["updated_at"] = utcnow().isoformat()
        sets = ", ".join(f"{k} = ?" for k in values)
        with self._tx() as conn:
            cur = conn.execute(
                f"UPDATE {table} SET {sets} WHERE id = ? AND user_id = ?",
                [*values.values(), row_id, user_id],
            )
        return cur.rowcount == 1

    # users ---------------------------------------------------------------------------------
    def default_user(self) -> User:
        row = self._one(
            "SELECT * FROM users WHERE provider = 'local' ORDER BY created_at LIMIT 1", ()
        )
        if row is not None:
            return User.model_validate(_pick(User, row))
        with self._tx():
            row = self._one("SELECT * FROM users WHERE provider = 'local' LIMIT 1", ())
            if row is not None:  # another process created it meanwhile
                return User.model_validate(_pick(User, row))
            user = User(full_name="Local user")
            self._insert("users", _row(user))
        return user

    def create_user(self, user: User) -> User:
        with self._tx():
            self._insert("users", _row(user))
        return user

    def get_user(self, user_id: str) -> User:
        row = self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        if row is None:
            raise NotFoundError(f"no user {user_id!r}", title="Unknown user")
        return User.model_validate(_pick(User, row))

    def list_users(self) -> list[User]:
        rows = self._all("SELECT * FROM users ORDER BY created_at, id", ())
        return [User.model_validate(_pick(User, r)) for r in rows]

    def delete_user_data(self, user_id: str) -> None:
        with self._tx() as conn:
            for table in _USER_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM users WHERE id = ?", (user_id,))

    def count_rows(self, user_id: str) -> dict[str, int]:
        with self._read() as conn:
            counts = {
                t: conn.execute(
                    f"SELECT count(*) FROM {t} WHERE user_id = ?", (user_id,)
                ).fetchone()[0]
                for t in _USER_TABLES
            }
            counts["users"] = conn.execute(
                "SELECT count(*) FROM users WHERE id = ?", (user_id,)
            ).fetchone()[0]
        return counts

    # sessions ------------------------------------------------------------------------------
    def create_session(self, user_id: str, data: SessionCreate) -> InterviewSession:
        now = utcnow()
        session = InterviewSession(
            id=new_id(),
            user_id=user_id,
            status=SessionStatus.CREATED,
            created_at=now,
            updated_at=now,
            **data.model_dump(),
        )
        with self._tx():
            self._insert("interview_sessions", _row(session))
        return session

    def get_session(self, user_id: str, session_id: str) -> InterviewSession:
        row = self._one(
            "SELECT * FROM interview_sessions WHERE id = ? AND user_id = ?", (session_id, user_id)
        )
        if row is None:
            raise NotFoundError(
                f"no session {session_id!r}; `coach history` lists your sessions",
                title="Unknown session",
            )
        return InterviewSession.model_validate(_pick(InterviewSession, row))

    def resolve_session_id(self, user_id: str, prefix: str) -> str:
        check_id(prefix, "session", "`coach history`")
        if not prefix or not all(c in "0123456789abcdef" for c in prefix.lower()):
            raise ValidationError(
                f"{prefix!r} is not a session id (ids are hexadecimal, e.g. 3f2a9c); "
                "`coach history` lists them",
                title="Invalid session id",
            )
        rows = self._all(
            "SELECT id FROM interview_sessions WHERE user_id = ? AND id LIKE ? LIMIT 2",
            (user_id, prefix.lower() + "%"),
        )
        if not rows:
            raise NotFoundError(
                f"no session {prefix!r}; `coach history` lists your sessions",
                title="Unknown session",
            )
        if len(rows) > 1:
            raise ValidationError(
                f"session id prefix {prefix!r} is ambiguous; give more characters",
                title="Ambiguous session id",
            )
        return str(rows[0]["id"])

    def list_sessions(
        self,
        user_id: str,
        *,
        statuses: Sequence[SessionStatus] | None = None,
        sort: str = "-created_at",
        limit: int = 20,
        offset: int = 0,
    ) -> Page[InterviewSession]:
        if sort not in SESSION_SORTS:
            raise ValidationError(f"unknown sort {sort!r}; use one of {', '.join(SESSION_SORTS)}")
        if not 1 <= limit <= 500 or not 0 <= offset <= MAX_COUNT * 500:
            raise ValidationError(
                f"limit must be 1..500 and the page at most {MAX_COUNT}", title="Invalid page"
            )
        where = "user_id = ?"
        params: list[Any] = [user_id]
        if statuses:
            where += f" AND status IN ({', '.join('?' for _ in statuses)})"
            params += [s.value for s in statuses]
        column = sort.lstrip("-")
        direction = "DESC" if sort.startswith("-") else "ASC"
        # NULL scores sort last either way; rowid breaks ties so pages never overlap.
        order = f"{column} IS NULL, {column} {direction}, rowid {direction}"
        with self._read() as conn:
            total = conn.execute(
                f"SELECT count(*) FROM interview_sessions WHERE {where}", params
            ).fetchone()[0]
            rows = self._all(
                f"SELECT * FROM interview_sessions WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        items = [InterviewSession.model_validate(_pick(InterviewSession, r)) for r in rows]
        return Page[InterviewSession](items=items, total=total, limit=limit, offset=offset)

    def transition_session(
        self,
        user_id: str,
        session_id: str,
        *,
        expected: SessionStatus,
        new: SessionStatus,
        changes: dict[str, Any],
    ) -> bool:
        values = {k: _encode(v, k) for k, v in changes.items()}
        values["status"] = new.value
        values["updated_at"] = utcnow().isoformat()
        sets = ", ".join(f"{k} = ?" for k in values)
        with self._tx() as conn:
            cur = conn.execute(
                f"UPDATE interview_sessions SET {sets} WHERE id = ? AND user_id = ? AND status = ?",
                [*values.values(), session_id, user_id, expected.value],
            )
            return cur.rowcount == 1

    def update_session(self, user_id: str, session_id: str, changes: dict[str, Any]) -> None:
        if "status" in changes:
            raise ValueError("status changes go through transition_session")
        if not self._update_owned("interview_sessions", user_id, session_id, changes, stamp=True):
            self.get_session(user_id, session_id)  # raises NotFoundError

    def delete_session(self, user_id: str, session_id: str) -> None:
        with self._tx() as conn:
            cur = conn.execute(
                "DELETE FROM interview_sessions WHERE id = ? AND user_id = ?",
                (session_id, user_id),
            )
        if cur.rowcount != 1:
            self.get_session(user_id, session_id)

    # conversation and code ---------------------------------------------------------------------
    def add_message(self, message: Message) -> Message:
        self.get_session(message.user_id, message.session_id)
        with self._tx() as conn:
            seq = conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE session_id = ?",
                (message.session_id,),
            ).fetchone()[0]
            message = message.model_copy(update={"seq": seq})
            self._insert("messages", _row(message))
        return message

    def list_messages(self, user_id: str, session_id: str) -> list[Message]:
        rows = self._all(
            "SELECT * FROM messages WHERE session_id = ? AND user_id = ? ORDER BY seq",
            (session_id, user_id),
        )
        return [Message.model_validate(_pick(Message, r)) for r in rows]

    def save_snapshot(self, snapshot: CodeSnapshot, *, keep_autosaves: int = 20) -> CodeSnapshot:
        self.get_session(snapshot.user_id, snapshot.session_id)
        with self._tx() as conn:
            self._insert("code_snapshots", _row(snapshot))
            if snapshot.reason == SnapshotReason.AUTOSAVE:
                conn.execute(
                    "DELETE FROM code_snapshots WHERE session_id = ? AND reason = 'autosave' "
                    "AND id NOT IN (SELECT id FROM code_snapshots WHERE session_id = ? AND "
                    "reason = 'autosave' ORDER BY created_at DESC, rowid DESC LIMIT ?)",
                    (snapshot.session_id, snapshot.session_id, keep_autosaves),
                )
        return snapshot

    def latest_snapshot(self, user_id: str, session_id: str) -> CodeSnapshot | None:
        row = self._one(
            "SELECT * FROM code_snapshots WHERE session_id = ? AND user_id = ? "
            "ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (session_id, user_id),
        )
        return None if row is None else CodeSnapshot.model_validate(_pick(CodeSnapshot, row))

    def list_snapshots(self, user_id: str, session_id: str) -> list[CodeSnapshot]:
        rows = self._all(
            "SELECT * FROM code_snapshots WHERE session_id = ? AND user_id = ? "
            "ORDER BY created_at, rowid",
            (session_id, user_id),
        )
        return [CodeSnapshot.model_validate(_pick(CodeSnapshot, r)) for r in rows]

    def add_note(self, note: Note) -> Note:
        self.get_session(note.user_id, note.session_id)
        with self._tx():
            self._insert("notes", _row(note))
        return note

    def list_notes(self, user_id: str, session_id: str) -> list[Note]:
        rows = self._all(
            "SELECT * FROM notes WHERE session_id = ? AND user_id = ? ORDER BY created_at, rowid",
            (session_id, user_id),
        )
        return [Note.model_validate(_pick(Note, r)) for r in rows]

    def add_run(self, run: CodeRun) -> CodeRun:
        self.get_session(run.user_id, run.session_id)
        with self._tx():
            self._insert("code_runs", _row(run, exclude={"tests"}))
            for test in run.tests:
                row = _row(test)
                row["idx"] = row.pop("index")
                self._insert("test_results", {**row, "run_id": run.id, "user_id": run.user_id})
        return run

    def list_runs(self, user_id: str, session_id: str) -> list[CodeRun]:
        with self._read():
            runs = self._all(
                "SELECT * FROM code_runs WHERE session_id = ? AND user_id = ? "
                "ORDER BY created_at, rowid",
                (session_id, user_id),
            )
            tests_of = {
                r["id"]: self._all(
                    "SELECT * FROM test_results WHERE run_id = ? ORDER BY idx", (r["id"],)
                )
                for r in runs
            }
        out = []
        for r in runs:
            tests = tests_of[r["id"]]
            outcomes = [
                TestOutcome.model_validate(_pick(TestOutcome, {**t, "index": t["idx"]}))
                for t in tests
            ]
            out.append(CodeRun.model_validate({**_pick(CodeRun, r), "tests": outcomes}))
        return out

    # feedback and rubrics --------------------------------------------------------------------
    def add_feedback(self, feedback: FeedbackRun) -> FeedbackRun:
        self.get_session(feedback.user_id, feedback.session_id)
        with self._tx():
            self._insert("feedback_runs", _row(feedback))
        return feedback

    def update_feedback(self, user_id: str, feedback_id: str, changes: dict[str, Any]) -> None:
        if not self._update_owned("feedback_runs", user_id, feedback_id, changes, stamp=False):
            self.get_feedback(user_id, feedback_id)

    def get_feedback(self, user_id: str, feedback_id: str) -> FeedbackRun:
        row = self._one(
            "SELECT * FROM feedback_runs WHERE id = ? AND user_id = ?", (feedback_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"no feedback run {feedback_id!r}", title="Unknown feedback run")
        return FeedbackRun.model_validate(_pick(FeedbackRun, row))

    def list_feedback(self, user_id: str, session_id: str) -> list[FeedbackRun]:
        rows = self._all(
            "SELECT * FROM feedback_runs WHERE session_id = ? AND user_id = ? "
            "ORDER BY created_at, rowid",
            (session_id, user_id),
        )
        return [FeedbackRun.model_validate(_pick(FeedbackRun, r)) for r in rows]

    def feedback_with_status(
        self, user_id: str, statuses: Sequence[FeedbackStatus]
    ) -> list[FeedbackRun]:
        marks = ", ".join("?" for _ in statuses)
        rows = self._all(
            f"SELECT * FROM feedback_runs WHERE user_id = ? AND status IN ({marks}) "
            "ORDER BY created_at, rowid",
            [user_id, *(s.value for s in statuses)],
        )
        return [FeedbackRun.model_validate(_pick(FeedbackRun, r)) for r in rows]

    # drills ----------------------------------------------------------------------------------
    def add_drill(self, drill: Drill) -> Drill:
        with self._tx():
            self._insert("drills", _row(drill))
        return drill

    def add_drill_set(self, user_id: str, feedback_run_id: str, drills: list[Drill]) -> list[Drill]:
        with self._tx() as conn:
            found = conn.execute(
                "SELECT 1 FROM drills WHERE user_id = ? AND feedback_run_id = ? LIMIT 1",
                (user_id, feedback_run_id),
            ).fetchone()
            if found is None:
                for drill in drills:
                    self._insert("drills", _row(drill))
        if found is not None:
            return self.list_drills(user_id, feedback_run_id=feedback_run_id)
        return drills

    def get_drill(self, user_id: str, drill_id: str) -> Drill:
        check_id(drill_id, "drill", "`coach drills list`")
        rows = []
        if drill_id and all(c in "0123456789abcdef" for c in drill_id.lower()):
            rows = self._all(
                "SELECT * FROM drills WHERE user_id = ? AND id LIKE ? LIMIT 2",
                (user_id, drill_id.lower() + "%"),
            )
        if len(rows) != 1:
            problem = "is ambiguous; give more characters" if rows else "does not exist"
            raise NotFoundError(
                f"drill {drill_id!r} {problem}; `coach drills list` shows your drills",
                title="Unknown drill",
            )
        return Drill.model_validate(_pick(Drill, rows[0]))

    def list_drills(
        self,
        user_id: str,
        *,
        statuses: Sequence[DrillStatus] | None = None,
        due_before: datetime | None = None,
        feedback_run_id: str | None = None,
    ) -> list[Drill]:
        where, params = "user_id = ?", [user_id]
        if statuses:
            where += f" AND status IN ({', '.join('?' for _ in statuses)})"
            params += [s.value for s in statuses]
        if due_before is not None:
            where += " AND due_at <= ?"
            params.append(due_before.isoformat())
        if feedback_run_id is not None:
            where += " AND feedback_run_id = ?"
            params.append(feedback_run_id)
        rows = self._all(
            f"SELECT * FROM drills WHERE {where} ORDER BY due_at, sequence_order, rowid", params
        )
        return [Drill.model_validate(_pick(Drill, r)) for r in rows]

    def update_drill(self, user_id: str, drill_id: str, changes: dict[str, Any]) -> None:
        if not self._update_owned("drills", user_id, drill_id, changes, stamp=False):
            self.get_drill(user_id, drill_id)

    # skills ----------------------------------------------------------------------------------
    def record_skill(self, user_id: str, skill: str, score: int, weight: float = 0.3) -> UserSkill:
        if not 0 <= score <= 100:
            raise ValidationError(f"a skill score must be 0..100, not {score}")
        now = utcnow().isoformat()
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO skills (name, category, created_at) VALUES (?, NULL, ?)",
                (skill, now),
            )
            skill_id = conn.execute("SELECT id FROM skills WHERE name = ?", (skill,)).fetchone()[0]
            row = conn.execute(
                "SELECT progress FROM user_skills WHERE user_id = ? AND skill_id = ?",
                (user_id, skill_id),
            ).fetchone()
            previous = None if row is None else int(row[0])
            progress = (
                score if previous is None else round((1 - weight) * previous + weight * score)
            )
            if row is None:
                self._insert(
                    "user_skills",
                    {
                        "id": new_id(),
                        "user_id": user_id,
                        "skill_id": skill_id,
                        "progress": progress,
                        "previous_progress": None,
                        "is_strength": int(progress >= 70),
                        "created_at": now,
                        "updated_at": now,
                    },
                )
            else:
                conn.execute(
                    "UPDATE user_skills SET progress = ?, previous_progress = ?, is_strength = ?, "
                    "updated_at = ? WHERE user_id = ? AND skill_id = ?",
                    (progress, previous, int(progress >= 70), now, user_id, skill_id),
                )
        return next(s for s in self.list_skills(user_id) if s.skill == skill)

    def list_skills(self, user_id: str) -> list[UserSkill]:
        rows = self._all(
            "SELECT s.name AS skill, s.category, u.progress, u.previous_progress, "
            "u.is_strength, u.updated_at FROM user_skills u JOIN skills s ON s.id = u.skill_id "
            "WHERE u.user_id = ? ORDER BY u.progress DESC, s.name",
            (user_id,),
        )
        return [
            UserSkill.model_validate(_pick(UserSkill, {**r, "is_strength": bool(r["is_strength"])}))
            for r in rows
        ]

    def get_rubric(self, name: str) -> Rubric:
        row = self._one(
            "SELECT * FROM evaluation_rubrics WHERE name = ? AND is_active = 1 "
            "ORDER BY CAST(version AS INTEGER) DESC LIMIT 1",
            (name,),
        )
        if row is None:
            raise NotFoundError(f"no active rubric named {name!r}", title="Unknown rubric")
        return Rubric.model_validate(_pick(Rubric, row))

    def list_rubrics(self) -> list[Rubric]:
        rows = self._all("SELECT * FROM evaluation_rubrics ORDER BY name, version", ())
        return [Rubric.model_validate(_pick(Rubric, r)) for r in rows]

    # provider calls --------------------------------------------------------------------------
    def add_llm_call(self, call: LLMCall) -> LLMCall:
        if call.session_id is not None:
            self.get_session(call.user_id, call.session_id)
        row = _row(call, exclude={"options"})
        row["options"] = json.dumps(call.options)  # not in _JSON_FIELDS: encoded here
        with self._tx():
            self._insert("llm_calls", row)
        return call

    def list_llm_calls(
        self, user_id: str, *, session_id: str | None = None, limit: int = 100
    ) -> list[LLMCall]:
        where, params = "user_id = ?", [user_id]
        if session_id is not None:
            where += " AND session_id = ?"
            params.append(session_id)
        rows = self._all(
            f"SELECT * FROM llm_calls WHERE {where} ORDER BY created_at DESC, rowid DESC LIMIT ?",
            [*params, limit],
        )
        calls = []
        for r in rows:
            r["options"] = json.loads(r["options"] or "{}")
            calls.append(LLMCall.model_validate(_pick(LLMCall, r)))
        return calls

    def llm_cost_since(self, user_id: str, since: datetime) -> float:
        if since.tzinfo is None:
            raise ValueError("since must be timezone-aware")
        # created_at is stored as UTC ISO-8601, so comparing UTC strings orders correctly.
        total = (
            self.connections.get()
            .execute(
                "SELECT coalesce(sum(cost_usd), 0) FROM llm_calls "
                "WHERE user_id = ? AND created_at >= ?",
                (user_id, since.astimezone(UTC).isoformat()),
            )
            .fetchone()[0]
        )
        return float(total)

    def set_llm_call_outcome(
        self, user_id: str, call_id: str, outcome: str, error_message: str | None = None
    ) -> None:
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE llm_calls SET outcome = ?, error_message = ? WHERE id = ? AND user_id = ?",
                (outcome, error_message, call_id, user_id),
            )
        if cur.rowcount != 1:
            raise NotFoundError(f"no logged provider call {call_id!r}", title="Unknown call")

    # weekly goals, drill reviews, skill sources (dashboard, issue #8) -------------------------
    def add_goal(self, goal: WeeklyGoal) -> WeeklyGoal:
        with self._tx():
            self._insert("weekly_goals", _row(goal))
        return goal

    def start_goal_week(
        self, user_id: str, year: int, week: int, goals: Sequence[WeeklyGoal]
    ) -> bool:
        with self._tx() as conn:
            taken = conn.execute(
                "SELECT 1 FROM weekly_goals WHERE user_id = ? AND year = ? AND week_number = ?",
                (user_id, year, week),
            ).fetchone()
            if taken:
                return False
            for goal in goals:
                self._insert("weekly_goals", _row(goal))
        return True

    def list_goals(
        self,
        user_id: str,
        *,
        year: int | None = None,
        week: int | None = None,
        include_removed: bool = False,
    ) -> list[WeeklyGoal]:
        where = "user_id = ?"
        params: list[Any] = [user_id]
        if year is not None:
            where += " AND year = ?"
            params.append(year)
        if week is not None:
            where += " AND week_number = ?"
            params.append(week)
        if not include_removed:
            where += " AND removed_at IS NULL"
        rows = self._all(
            f"SELECT * FROM weekly_goals WHERE {where} ORDER BY year, week_number, "
            "CASE priority WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END, created_at, rowid",
            params,
        )
        return [
            WeeklyGoal.model_validate(
                _pick(WeeklyGoal, {**r, "is_completed": bool(r["is_completed"])})
            )
            for r in rows
        ]

    def update_goal(self, user_id: str, goal_id: str, changes: dict[str, Any]) -> None:
        if not self._update_owned("weekly_goals", user_id, goal_id, changes, stamp=True):
            raise NotFoundError(
                f"no goal {goal_id!r}; `coach goals` lists this week's goals", title="Unknown goal"
            )

    def list_drill_reviews(
        self, user_id: str, *, since: datetime | None = None
    ) -> list[DrillReview]:
        where, params = "user_id = ?", [user_id]
        if since is not None:
            where += " AND reviewed_at >= ?"
            params.append(since.astimezone(UTC).isoformat())
        rows = self._all(
            f"SELECT * FROM drill_reviews WHERE {where} ORDER BY reviewed_at, id", params
        )
        return [DrillReview.model_validate(_pick(DrillReview, r)) for r in rows]

    def list_skill_sources(self, user_id: str) -> set[str]:
        rows = self._all("SELECT source_id FROM skill_sources WHERE user_id = ?", (user_id,))
        return {str(r["source_id"]) for r in rows}

    def claim_skill_source(self, user_id: str, source_id: str) -> bool:
        with self._tx() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO skill_sources (user_id, source_id, recorded_at) "
                "VALUES (?, ?, ?)",
                (user_id, source_id, utcnow().isoformat()),
            )
        return cur.rowcount == 1
