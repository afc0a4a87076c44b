"""SQLite: skills, skill sources and weekly goals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach_engine.errors import NotFoundError, ValidationError
from coach_engine.models import (
    UserSkill,
    new_id,
    utcnow,
)
from coach_engine.store.records import WeeklyGoal
from coach_engine.store.repositories import (
    ProgressRepository,
)
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, row_of


class SQLiteProgress(SQLiteRepository, ProgressRepository):
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
            UserSkill.model_validate(pick(UserSkill, {**r, "is_strength": bool(r["is_strength"])}))
            for r in rows
        ]

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

    def add_goal(self, goal: WeeklyGoal) -> WeeklyGoal:
        with self._tx():
            self._insert("weekly_goals", row_of(goal))
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
                self._insert("weekly_goals", row_of(goal))
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
                pick(WeeklyGoal, {**r, "is_completed": bool(r["is_completed"])})
            )
            for r in rows
        ]

    def update_goal(self, user_id: str, goal_id: str, changes: dict[str, Any]) -> None:
        if not self._update_owned("weekly_goals", user_id, goal_id, changes, stamp=True):
            raise NotFoundError(
                f"no goal {goal_id!r}; `coach goals` lists this week's goals", title="Unknown goal"
            )
