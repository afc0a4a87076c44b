"""Server accounts: who may sign in, and the refresh-token families of their sign-ins.

``Credentials(engine)`` is what ``coach serve`` uses to register a user with an e-mail and a
password *hash* (the server hashes with argon2id; the engine never sees a password), to find
one by e-mail, and to keep refresh tokens: the server hands out opaque random tokens and the
store keeps only their SHA-256, grouped in a family per sign-in. A token is used once (rotation);
presenting a used one again means it was stolen or replayed, and the whole family is revoked.
Every call runs in a store thread (``engine.astore``), never on the event loop.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from coach_engine import locations
from coach_engine.errors import ConfigError
from coach_engine.models import User, new_id, utcnow
from coach_engine.store.repositories import RefreshUse

if TYPE_CHECKING:
    from coach_engine.config import Config
    from coach_engine.engine import Engine

__all__ = ["Credentials", "RefreshUse", "server_secret", "token_digest"]

SECRET_FILE = "server.secret"
MIN_SECRET_CHARS = 32


def server_secret(config: Config) -> str:
    """The key that signs access tokens: ``server.secret`` from the settings, else the one in
    the data directory's ``server.secret`` file, generated (256 random bits, mode 0600) on the
    first start. Never logged.

    Raises:
        ConfigError: the configured or stored secret is too short to sign with.
    """
    configured = config.server.secret.get_secret_value()
    if configured:
        if len(configured) < MIN_SECRET_CHARS:
            raise ConfigError(
                f"server.secret is {len(configured)} characters; use at least "
                f"{MIN_SECRET_CHARS} random ones, or unset it to have one generated",
                title="Weak server secret",
            )
        return configured
    path = locations.home() / SECRET_FILE
    locations.ensure_home()
    if not path.exists():
        locations.write_private(path, secrets.token_urlsafe(32) + "\n")
    stored = path.read_text().strip()
    if len(stored) < MIN_SECRET_CHARS:
        raise ConfigError(
            f"{path} holds a secret of {len(stored)} characters; delete the file to have a "
            "new one generated (every signed-in user signs in again)",
            title="Weak server secret",
        )
    return stored


def token_digest(token: str) -> str:
    """What is stored for a refresh token: its SHA-256 (a random 256-bit token needs no salt or
    slow hash — guessing it is as hard as guessing the digest's preimage)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Credentials:
    """Sign-in data of server users (one per engine; stateless over the store)."""

    def __init__(self, engine: Engine) -> None:
        self._astore = engine.astore
        self._repo = engine.store.credentials

    async def register(self, email: str, full_name: str, password_hash: str) -> User:
        """Create a server user who signs in with ``email``.

        Raises:
            ValidationError: the e-mail is already registered.
        """
        user = User(full_name=full_name, email=email.lower(), provider="server")
        return await self._astore.run(self._repo.add_credentials, user, email, password_hash)

    async def find(self, email: str) -> tuple[User, str] | None:
        """The user with that sign-in e-mail and its password hash, or None."""
        return await self._astore.run(self._repo.find_credentials, email)

    async def issue_refresh(
        self, user_id: str, token: str, lifetime: timedelta, family_id: str | None = None
    ) -> str:
        """Store ``token`` (hashed) as live for ``lifetime``; a new family unless ``family_id``
        (a rotation). Returns the family id."""
        family = family_id or new_id()
        expires = utcnow() + lifetime
        await self._astore.run(
            self._repo.add_refresh_token, user_id, family, token_digest(token), expires
        )
        return family

    async def use_refresh(self, token: str, now: datetime | None = None) -> RefreshUse:
        """Spend a refresh token (see ``RefreshUse`` for the outcomes)."""
        return await self._astore.run(
            self._repo.use_refresh_token, token_digest(token), now or utcnow()
        )

    async def revoke_family(self, user_id: str, family_id: str) -> int:
        return await self._astore.run(self._repo.revoke_family, user_id, family_id, utcnow())

    async def family_live(self, user_id: str, family_id: str) -> bool:
        return await self._astore.run(self._repo.family_live, user_id, family_id)
