"""SQLite: interview sessions."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from coach_engine.errors import NotFoundError, ValidationError
from coach_engine.inputs import MAX_COUNT, check_id
from coach_engine.models import (
    InterviewSession,
    Page,
    SessionCreate,
    SessionStatus,
    new_id,
    utcnow,
)
from coach_engine.store.listing_queries import session_page_sql
from coach_engine.store.repositories import (
    SESSION_COUNTERS,
    SESSION_SORTS,
    SessionRepository,
)
from coach_engine.store.sqlite.rows import (
    SQLiteRepository,
    encode,
    pick,
    prefix_range,
    row_of,
    session_not_found,
)


class SQLiteSessions(SQLiteRepository, SessionRepository):
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
            self._insert("interview_sessions", row_of(session))
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
        return InterviewSession.model_validate(pick(InterviewSession, row))

    def resolve_session_id(self, user_id: str, prefix: str) -> str:
        check_id(prefix, "session", "`coach history`")
        if not prefix or not all(c in "0123456789abcdef" for c in prefix.lower()):
            raise ValidationError(
                f"{prefix!r} is not a session id (ids are hexadecimal, e.g. 3f2a9c); "
                "`coach history` lists them",
                title="Invalid session id",
            )
        rows = self._all(
            "SELECT id FROM interview_sessions WHERE +user_id = ? AND id >= ? AND id < ? LIMIT 2",
            (user_id, *prefix_range(prefix)),
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
        count_sql, count_params, page_sql, page_params = session_page_sql(
            user_id, [s.value for s in statuses or ()], sort, limit, offset
        )
        with self._read() as conn:
            total = conn.execute(count_sql, count_params).fetchone()[0]
            rows = self._all(page_sql, page_params)
        items = [InterviewSession.model_validate(pick(InterviewSession, r)) for r in rows]
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
        values = {k: encode(v, k) for k, v in changes.items()}
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

    def update_session_if(
        self,
        user_id: str,
        session_id: str,
        *,
        expected: Mapping[str, Any],
        changes: dict[str, Any],
    ) -> bool:
        if "status" in changes or "status" in expected:
            raise ValueError("status changes go through transition_session")
        if not expected:
            raise ValueError("a compare-and-set needs at least one expected field")
        if self._update_owned(
            "interview_sessions", user_id, session_id, changes, stamp=True, expected=expected
        ):
            return True
        if not self._exists("interview_sessions", user_id, session_id):
            raise session_not_found(session_id)
        return False

    def increment_session_counter(
        self, user_id: str, session_id: str, field: str, *, by: int = 1, ceiling: int | None = None
    ) -> int | None:
        if field not in SESSION_COUNTERS:
            raise ValueError(f"{field!r} is not a session counter ({', '.join(SESSION_COUNTERS)})")
        # One UPDATE … RETURNING: the read and the write are one statement, so two callers
        # adding 1 at once both count.
        with self._tx() as conn:
            row = conn.execute(
                f"UPDATE interview_sessions SET {field} = {field} + ?, updated_at = ? "
                f"WHERE id = ? AND user_id = ? AND (? IS NULL OR {field} + ? <= ?) "
                f"RETURNING {field}",
                (by, utcnow().isoformat(), session_id, user_id, ceiling, by, ceiling),
            ).fetchone()
        if row is not None:
            return int(row[0])
        if not self._exists("interview_sessions", user_id, session_id):
            raise session_not_found(session_id)
        return None

    def merge_session_metadata(
        self, user_id: str, session_id: str, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        # Read and write in one IMMEDIATE transaction: no other writer runs in between.
        with self._tx() as conn:
            row = conn.execute(
                "SELECT session_metadata FROM interview_sessions WHERE id = ? AND user_id = ?",
                (session_id, user_id),
            ).fetchone()
            if row is None:
                raise session_not_found(session_id)
            merged = {**(json.loads(row[0]) if row[0] else {}), **values}
            conn.execute(
                "UPDATE interview_sessions SET session_metadata = ?, updated_at = ? "
                "WHERE id = ? AND user_id = ?",
                (encode(merged, "session_metadata"), utcnow().isoformat(), session_id, user_id),
            )
        return merged

    def delete_session(self, user_id: str, session_id: str) -> None:
        with self._tx() as conn:
            cur = conn.execute(
                "DELETE FROM interview_sessions WHERE id = ? AND user_id = ?",
                (session_id, user_id),
            )
        if cur.rowcount != 1:
            self.get_session(user_id, session_id)
