"""Passwords and tokens.

Passwords are hashed with argon2id (argon2-cffi's RFC 9106 low-memory profile) in a worker
thread — a hash costs tens of milliseconds of CPU, which must not stall the event loop. Access
tokens are JWTs (HS256, 30 minutes) naming the user (``sub``) and the sign-in they came from
(``fam``, the refresh-token family): logging out or a detected refresh-token reuse revokes the
family, and the server refuses its access tokens from then on, not only at their expiry. Refresh
tokens are opaque random strings kept hashed by the engine (``Credentials``), rotated on every
use, for 7 days.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coach_engine.api import utcnow

ACCESS_LIFETIME = timedelta(minutes=30)
REFRESH_LIFETIME = timedelta(days=7)
ALGORITHM = "HS256"

_hasher = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4
_kdf = ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1), thread_name_prefix="coach-kdf")
"""The hashes' own threads: a burst of sign-ins (~0.2 s CPU and 64 MiB each) queues here instead
of filling asyncio's default executor, where every user's sandbox runs wait their turn
(bench/server_load.py: 50 sign-ups at once held runs ~35 s behind them)."""


@cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown: sign-in costs the same either way, so its
    timing does not tell which e-mails are registered."""
    return _hasher.hash(secrets.token_hex(8))


async def hash_password(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_kdf, _hasher.hash, password)


async def verify_password(stored_hash: str | None, password: str) -> bool:
    def check() -> bool:
        try:
            return (
                _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.get_running_loop().run_in_executor(_kdf, check)


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    family_id: str


class TokenError(Exception):
    """An access token that is missing, malformed, forged or expired (the message says which)."""


class Tokens:
    """Signs and checks access tokens with the server's secret."""

    def __init__(self, secret: str) -> None:
        self._secret = secret

    def access_token(self, user_id: str, family_id: str) -> str:
        now = utcnow()
        claims: dict[str, Any] = {
            "sub": user_id,
            "fam": family_id,
            "typ": "access",
            "iat": now,
            "exp": now + ACCESS_LIFETIME,
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def check(self, token: str) -> AccessClaims:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["sub", "fam", "exp", "typ"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenError("the access token has expired") from None
        except jwt.InvalidSignatureError:
            raise TokenError("the access token's signature is not this server's") from None
        except jwt.PyJWTError:
            raise TokenError("the access token is malformed") from None
        if claims.get("typ") != "access" or not all(
            isinstance(claims.get(k), str) for k in ("sub", "fam")
        ):
            raise TokenError("not an access token")
        return AccessClaims(claims["sub"], claims["fam"])
