"""Rows to and from models, and what every SQLite repository shares (connections, helpers)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from enum import StrEnum
from typing import Any

from coach_engine.errors import NotFoundError
from coach_engine.models import utcnow
from coach_engine.store.sqlite.connections import Connections

JSON_FIELDS = {
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
BOOL_FIELDS = {"is_active", "is_superuser", "hidden", "is_submission"}


def encode(value: Any, key: str = "") -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if key in JSON_FIELDS:
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, StrEnum):
        return value.value
    return value


def row_of(model: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    data = model.model_dump(exclude=exclude or set())
    return {k: encode(v, k) for k, v in data.items()}


def decode(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in JSON_FIELDS and isinstance(value, str):
            value = json.loads(value)
        elif key in BOOL_FIELDS and value is not None:
            value = bool(value)
        out[key] = value
    return out


def pick(model: type[Any], row: Mapping[str, Any]) -> dict[str, Any]:
    fields = model.model_fields
    return {k: v for k, v in decode(row).items() if k in fields and v is not None}


def prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds of the ids starting with a hexadecimal ``prefix``: ``lo <= id < hi``.

    Ids are lowercase hex, so every id with the prefix sorts between ``prefix`` and
    ``prefix + "g"`` and no other id does. Queries write ``+user_id`` next to the range so
    SQLite walks the primary key (one row for a full id) rather than every row of the user,
    which is what a ``LIKE`` (case-insensitive, no index) did.
    """
    lo = prefix.lower()
    return lo, lo + "g"


def session_not_found(session_id: str) -> NotFoundError:
    return NotFoundError(
        f"no session {session_id!r}; `coach history` lists your sessions",
        title="Unknown session",
    )


class SQLiteRepository:
    """Base of the SQLite repositories: the store's connections and small query helpers.

    Table and column names in SQL come from this package's code, never from input; values are
    bound parameters.
    """

    def __init__(self, connections: Connections) -> None:
        self.connections = connections

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

    def _insert(self, table: str, row: Mapping[str, Any]) -> None:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.connections.get().execute(
            f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values())
        )

    def _owns_session(self, user_id: str, session_id: str) -> None:
        """Raise NotFoundError unless the session exists and is the user's. Called inside the
        write transaction that adds a row to the session, so the check and the write agree."""
        found = (
            self.connections.get()
            .execute(
                "SELECT 1 FROM interview_sessions WHERE id = ? AND user_id = ?",
                (session_id, user_id),
            )
            .fetchone()
        )
        if found is None:
            raise session_not_found(session_id)

    def _update_owned(
        self,
        table: str,
        user_id: str,
        row_id: str,
        changes: Mapping[str, Any],
        *,
        stamp: bool,
        expected: Mapping[str, Any] | None = None,
    ) -> bool:
        """UPDATE one row of ``table`` that belongs to ``user_id``; False when none matched.

        With ``expected``, a compare-and-set: the row must also still hold those values
        (``IS`` so that None compares as NULL). Column names come from our own code.
        """
        values = {k: encode(v, k) for k, v in changes.items()}
        if stamp:
            values["updated_at"] = utcnow().isoformat()
        sets = ", ".join(f"{k} = ?" for k in values)
        where = "id = ? AND user_id = ?"
        params = [*values.values(), row_id, user_id]
        for key, value in (expected or {}).items():
            where += f" AND {key} IS ?"
            params.append(encode(value, key))
        with self._tx() as conn:
            cur = conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", params)
        return cur.rowcount == 1

    def _exists(self, table: str, user_id: str, row_id: str) -> bool:
        return (
            self.connections.get()
            .execute(f"SELECT 1 FROM {table} WHERE id = ? AND user_id = ?", (row_id, user_id))
            .fetchone()
            is not None
        )
