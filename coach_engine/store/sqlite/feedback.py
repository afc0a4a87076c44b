"""SQLite: feedback runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach_engine.errors import NotFoundError
from coach_engine.models import (
    FeedbackRun,
    FeedbackStatus,
)
from coach_engine.store.repositories import (
    FeedbackRepository,
)
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, row_of


class SQLiteFeedback(SQLiteRepository, FeedbackRepository):
    def add_feedback(self, feedback: FeedbackRun) -> FeedbackRun:
        with self._tx():
            self._owns_session(feedback.user_id, feedback.session_id)
            self._insert("feedback_runs", row_of(feedback))
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
        return FeedbackRun.model_validate(pick(FeedbackRun, row))

    def list_feedback(self, user_id: str, session_id: str) -> list[FeedbackRun]:
        rows = self._all(
            "SELECT * FROM feedback_runs WHERE session_id = ? AND user_id = ? "
            "ORDER BY created_at, rowid",
            (session_id, user_id),
        )
        return [FeedbackRun.model_validate(pick(FeedbackRun, r)) for r in rows]

    def feedback_with_status(
        self, user_id: str, statuses: Sequence[FeedbackStatus]
    ) -> list[FeedbackRun]:
        marks = ", ".join("?" for _ in statuses)
        rows = self._all(
            f"SELECT * FROM feedback_runs WHERE user_id = ? AND status IN ({marks}) "
            "ORDER BY created_at, rowid",
            [user_id, *(s.value for s in statuses)],
        )
        return [FeedbackRun.model_validate(pick(FeedbackRun, r)) for r in rows]
