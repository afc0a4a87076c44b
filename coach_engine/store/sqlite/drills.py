"""SQLite: drills and the drill-review log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from coach_engine.errors import NotFoundError
from coach_engine.inputs import check_id
from coach_engine.models import (
    Drill,
    DrillStatus,
)
from coach_engine.store.listing_queries import drill_list_sql
from coach_engine.store.records import DrillReview
from coach_engine.store.repositories import (
    DrillRepository,
)
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, prefix_range, row_of


class SQLiteDrills(SQLiteRepository, DrillRepository):
    def add_drill(self, drill: Drill) -> Drill:
        with self._tx():
            self._insert("drills", row_of(drill))
        return drill

    def add_drill_set(self, user_id: str, feedback_run_id: str, drills: list[Drill]) -> list[Drill]:
        with self._tx() as conn:
            found = conn.execute(
                "SELECT 1 FROM drills WHERE user_id = ? AND feedback_run_id = ? LIMIT 1",
                (user_id, feedback_run_id),
            ).fetchone()
            if found is None:
                for drill in drills:
                    self._insert("drills", row_of(drill))
        if found is not None:
            return self.list_drills(user_id, feedback_run_id=feedback_run_id)
        return drills

    def get_drill(self, user_id: str, drill_id: str) -> Drill:
        check_id(drill_id, "drill", "`coach drills list`")
        rows = []
        if drill_id and all(c in "0123456789abcdef" for c in drill_id.lower()):
            rows = self._all(
                "SELECT * FROM drills WHERE +user_id = ? AND id >= ? AND id < ? LIMIT 2",
                (user_id, *prefix_range(drill_id)),
            )
        if len(rows) != 1:
            problem = "is ambiguous; give more characters" if rows else "does not exist"
            raise NotFoundError(
                f"drill {drill_id!r} {problem}; `coach drills list` shows your drills",
                title="Unknown drill",
            )
        return Drill.model_validate(pick(Drill, rows[0]))

    def list_drills(
        self,
        user_id: str,
        *,
        statuses: Sequence[DrillStatus] | None = None,
        due_before: datetime | None = None,
        feedback_run_id: str | None = None,
    ) -> list[Drill]:
        sql, params = drill_list_sql(
            user_id,
            [s.value for s in statuses or ()],
            None if due_before is None else due_before.isoformat(),
            feedback_run_id,
        )
        return [Drill.model_validate(pick(Drill, r)) for r in self._all(sql, params)]

    def update_drill(self, user_id: str, drill_id: str, changes: dict[str, Any]) -> None:
        if not self._update_owned("drills", user_id, drill_id, changes, stamp=False):
            self.get_drill(user_id, drill_id)

    def update_drill_if(
        self, user_id: str, drill_id: str, *, expected: Mapping[str, Any], changes: dict[str, Any]
    ) -> bool:
        if not expected:
            raise ValueError("a compare-and-set needs at least one expected field")
        if self._update_owned("drills", user_id, drill_id, changes, stamp=False, expected=expected):
            return True
        if not self._exists("drills", user_id, drill_id):
            raise NotFoundError(
                f"drill {drill_id!r} does not exist; `coach drills list` shows your drills",
                title="Unknown drill",
            )
        return False

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
        return [DrillReview.model_validate(pick(DrillReview, r)) for r in rows]
