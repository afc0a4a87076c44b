"""SQLite: server sign-in credentials and refresh-token families (migration m007)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from coach_engine.errors import ValidationError
from coach_engine.models import User, new_id, utcnow
from coach_engine.store.repositories import CredentialRepository, RefreshUse
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, row_of


class SQLiteCredentials(SQLiteRepository, CredentialRepository):
    def add_credentials(self, user: User, email: str, password_hash: str) -> User:
        now = utcnow().isoformat()
        try:
            with self._tx():
                self._insert("users", row_of(user))
                self._insert(
                    "credentials",
                    {
                        "user_id": user.id,
                        "email": email.lower(),
                        "password_hash": password_hash,
                        "created_at": now,
                        "updated_at": now,
                    },
                )
        except sqlite3.IntegrityError:  # the UNIQUE e-mail: the transaction rolled back
            raise ValidationError(
                "that e-mail is already registered; sign in instead",
                title="Email already registered",
            ) from None
        return user

    def find_credentials(self, email: str) -> tuple[User, str] | None:
        row = self._one(
            "SELECT u.*, c.password_hash AS password_hash FROM credentials c "
            "JOIN users u ON u.id = c.user_id WHERE c.email = ?",
            (email.lower(),),
        )
        if row is None:
            return None
        return User.model_validate(pick(User, row)), str(row["password_hash"])

    def add_refresh_token(
        self, user_id: str, family_id: str, token_hash: str, expires_at: datetime
    ) -> None:
        with self._tx():
            self._insert(
                "refresh_tokens",
                {
                    "id": new_id(),
                    "user_id": user_id,
                    "family_id": family_id,
                    "token_hash": token_hash,
                    "expires_at": expires_at.isoformat(),
                    "created_at": utcnow().isoformat(),
                },
            )

    def use_refresh_token(self, token_hash: str, now: datetime) -> RefreshUse:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens "
                "WHERE token_hash = ?",
                (token_hash,),
            ).fetchone()
            if row is None:
                return RefreshUse("unknown")
            user_id, family_id, expires_at, used_at, revoked_at = row
            if revoked_at is not None:
                return RefreshUse("revoked", user_id, family_id)
            if used_at is not None:  # a rotated token came back: someone else holds the family
                self._revoke(conn, user_id, family_id, now)
                return RefreshUse("reused", user_id, family_id)
            if datetime.fromisoformat(expires_at) <= now:
                return RefreshUse("expired", user_id, family_id)
            conn.execute(
                "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?",
                (now.isoformat(), token_hash),
            )
        return RefreshUse("ok", user_id, family_id)

    def revoke_family(self, user_id: str, family_id: str, now: datetime) -> int:
        with self._tx() as conn:
            return self._revoke(conn, user_id, family_id, now)

    @staticmethod
    def _revoke(conn: sqlite3.Connection, user_id: str, family_id: str, now: datetime) -> int:
        cur = conn.execute(
            "UPDATE refresh_tokens SET revoked_at = ? "
            "WHERE user_id = ? AND family_id = ? AND revoked_at IS NULL",
            (now.isoformat(), user_id, family_id),
        )
        return cur.rowcount

    def family_live(self, user_id: str, family_id: str) -> bool:
        row = self._one(
            "SELECT count(*) AS n, count(revoked_at) AS revoked FROM refresh_tokens "
            "WHERE user_id = ? AND family_id = ?",
            (user_id, family_id),
        )
        return row is not None and row["n"] > 0 and row["revoked"] == 0
