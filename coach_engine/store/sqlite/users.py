"""SQLite: users, and what is deleted or counted per user."""

from __future__ import annotations

from coach_engine.errors import NotFoundError
from coach_engine.models import (
    Rubric,
    User,
)
from coach_engine.store.listing_queries import LOCAL_USER_SQL
from coach_engine.store.repositories import (
    RubricRepository,
    UserRepository,
)
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, row_of

# Every table with a user_id column, children before parents (the delete order); a test checks
# the list against the schema.
_USER_TABLES = (
    "drill_reviews",
    "skill_sources",
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
    "refresh_tokens",
    "credentials",
)


class SQLiteUsers(SQLiteRepository, UserRepository):
    """Users; deleting a user's data deletes every table's rows of that user."""

    def default_user(self) -> User:
        row = self._one(LOCAL_USER_SQL, ())
        if row is not None:
            return User.model_validate(pick(User, row))
        with self._tx():
            row = self._one("SELECT * FROM users WHERE provider = 'local' LIMIT 1", ())
            if row is not None:  # another process created it meanwhile
                return User.model_validate(pick(User, row))
            user = User(full_name="Local user")
            self._insert("users", row_of(user))
        return user

    def create_user(self, user: User) -> User:
        with self._tx():
            self._insert("users", row_of(user))
        return user

    def get_user(self, user_id: str) -> User:
        row = self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        if row is None:
            raise NotFoundError(f"no user {user_id!r}", title="Unknown user")
        return User.model_validate(pick(User, row))

    def list_users(self) -> list[User]:
        rows = self._all("SELECT * FROM users ORDER BY created_at, id", ())
        return [User.model_validate(pick(User, r)) for r in rows]

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


class SQLiteRubrics(SQLiteRepository, RubricRepository):
    def get_rubric(self, name: str) -> Rubric:
        row = self._one(
            "SELECT * FROM evaluation_rubrics WHERE name = ? AND is_active = 1 "
            "ORDER BY CAST(version AS INTEGER) DESC LIMIT 1",
            (name,),
        )
        if row is None:
            raise NotFoundError(f"no active rubric named {name!r}", title="Unknown rubric")
        return Rubric.model_validate(pick(Rubric, row))

    def list_rubrics(self) -> list[Rubric]:
        rows = self._all("SELECT * FROM evaluation_rubrics ORDER BY name, version", ())
        return [Rubric.model_validate(pick(Rubric, r)) for r in rows]
