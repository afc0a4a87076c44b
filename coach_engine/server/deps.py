"""Request dependencies: the server's state, and the signed-in user's engine scope.

``Scope`` (a handler parameter annotated ``Scope``) checks the bearer access token — signature,
expiry, and that its sign-in was not revoked (logout, refresh-token reuse) — and returns
``await engine.user_scope(user_id)``: every service on it reads and writes only that user's
rows, so another user's id answers 404 from the engine itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from coach_engine.api import Credentials, Engine, NotFoundError, UserEngine
from coach_engine.server.deliveries import Deliveries
from coach_engine.server.errors import ApiError
from coach_engine.server.limits import RateLimiter
from coach_engine.server.security import AccessClaims, TokenError, Tokens


@dataclass
class ServerState:
    """What every request shares (``app.state.coach``)."""

    engine: Engine
    tokens: Tokens
    credentials: Credentials
    feedback_limit: RateLimiter
    drill_set_limit: RateLimiter
    session_limit: RateLimiter
    signin_failures: RateLimiter
    """Failed sign-ins per e-mail (guessing passwords)."""
    heartbeat_s: float
    """Seconds between WebSocket heartbeats."""
    deliveries: Deliveries = field(default_factory=Deliveries)
    """The WebSocket action ids received per session (each action runs once)."""


def state(request: Request) -> ServerState:
    found: ServerState = request.app.state.coach
    return found


def unauthorized(message: str) -> ApiError:
    return ApiError(
        401,
        "unauthorized",
        message,
        "sign in (POST /api/v1/auth/signin) and send 'Authorization: Bearer <access_token>'; "
        "an expired token is renewed with POST /api/v1/auth/refresh",
        headers={"WWW-Authenticate": "Bearer"},
    )


def bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("No bearer token")
    return token.strip()


async def authenticate(server: ServerState, token: str) -> tuple[UserEngine, AccessClaims]:
    """The scope of a valid access token's user (also used by the WebSocket).

    Raises:
        ApiError: 401 — missing, malformed, forged, expired or revoked token, or a deleted user.
    """
    try:
        claims = server.tokens.check(token)
    except TokenError as exc:
        raise unauthorized(str(exc).capitalize()) from None
    if not await server.credentials.family_live(claims.user_id, claims.family_id):
        raise unauthorized("This sign-in was revoked (logged out, or its refresh token reused)")
    try:
        scope = await server.engine.user_scope(claims.user_id)
    except NotFoundError:
        raise unauthorized("The account no longer exists") from None
    return scope, claims


async def _current(request: Request) -> UserEngine:
    scope, claims = await authenticate(state(request), bearer(request))
    request.state.claims = claims
    return scope


async def _claims(
    request: Request, scope: Annotated[UserEngine, Depends(_current)]
) -> AccessClaims:
    found: AccessClaims = request.state.claims
    return found


Scope = Annotated[UserEngine, Depends(_current)]
"""The signed-in user's engine scope."""
Claims = Annotated[AccessClaims, Depends(_claims)]
"""The signed-in user's token claims (its sign-in family)."""
State = Annotated[ServerState, Depends(state)]
