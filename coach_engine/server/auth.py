"""``/auth``: sign up, sign in, refresh (rotating), log out, who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from coach_engine.api import User
from coach_engine.server.deps import Claims, Scope, ServerState, State, unauthorized
from coach_engine.server.errors import ApiError
from coach_engine.server.responses import RATE_LIMITED, UNAUTHORIZED
from coach_engine.server.schemas import (
    RefreshIn,
    SignedIn,
    SignedUp,
    SignIn,
    SignUp,
    TokenPair,
    UserOut,
)
from coach_engine.server.security import (
    ACCESS_LIFETIME,
    REFRESH_LIFETIME,
    hash_password,
    new_refresh_token,
    verify_password,
)

router = APIRouter(prefix="/auth", tags=["auth"])


async def _pair(server: ServerState, user_id: str, family_id: str | None = None) -> TokenPair:
    refresh = new_refresh_token()
    family = await server.credentials.issue_refresh(
        user_id, refresh, REFRESH_LIFETIME, family_id=family_id
    )
    return TokenPair(
        access_token=server.tokens.access_token(user_id, family),
        refresh_token=refresh,
        expires_in=int(ACCESS_LIFETIME.total_seconds()),
    )


def _user(user: User) -> UserOut:
    return UserOut(id=user.id, email=user.email, full_name=user.full_name)


@router.post("/signup", status_code=201, response_model=SignedUp)
async def signup(body: SignUp, server: State) -> SignedUp:
    """Create an account (argon2id password hash) and sign it in."""
    if not body.agree_to_terms:
        raise ApiError(400, "terms_not_accepted", "Terms not accepted", "send agree_to_terms: true")
    password_hash = await hash_password(body.password)
    user = await server.credentials.register(body.email, body.full_name.strip(), password_hash)
    pair = await _pair(server, user.id)
    return SignedUp(
        **pair.model_dump(), id=user.id, email=user.email or "", full_name=user.full_name
    )


@router.post(
    "/signin",
    response_model=SignedIn,
    responses={401: UNAUTHORIZED, **RATE_LIMITED},
)
async def signin(body: SignIn, server: State) -> SignedIn:
    """Sign in; after 10 wrong passwords for one e-mail in 15 minutes its sign-ins wait (429
    with Retry-After), whether the e-mail is registered or not."""
    email = body.email.lower()
    wait = server.signin_failures.wait_s(email)
    if wait:
        raise ApiError(
            429,
            "rate_limited",
            "Too many failed sign-ins for this e-mail",
            f"try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    found = await server.credentials.find(email)
    if not await verify_password(found[1] if found else None, body.password) or found is None:
        try:
            server.signin_failures.check(email)  # counts the failure
        except ApiError:
            pass  # this one is answered 401; the next waits
        raise ApiError(
            401,
            "invalid_credentials",
            "Invalid credentials",
            "check the e-mail and password, or sign up (POST /api/v1/auth/signup)",
        )
    pair = await _pair(server, found[0].id)
    return SignedIn(**pair.model_dump(), user=_user(found[0]))


def _refresh_token(request: Request, body: RefreshIn | None) -> str:
    if body is not None:
        return body.refresh_token
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    raise unauthorized("No refresh token (send it as 'Authorization: Bearer <refresh_token>')")


@router.post("/refresh", response_model=TokenPair, responses={401: UNAUTHORIZED})
async def refresh(request: Request, server: State, body: RefreshIn | None = None) -> TokenPair:
    """Trade a refresh token for a new access token and a new refresh token; the old one is
    spent. Presenting a spent one again revokes every token of that sign-in."""
    use = await server.credentials.use_refresh(_refresh_token(request, body))
    if use.outcome != "ok" or use.user_id is None or use.family_id is None:
        reasons = {
            "reused": "Refresh token already used; this sign-in is revoked, sign in again",
            "revoked": "Refresh token revoked (logged out); sign in again",
            "expired": "Refresh token expired; sign in again",
        }
        raise unauthorized(reasons.get(use.outcome, "Invalid refresh token"))
    return await _pair(server, use.user_id, use.family_id)


@router.post("/logout", status_code=204, response_class=Response)
async def logout(scope: Scope, claims: Claims, server: State) -> Response:
    """Revoke this sign-in: its refresh tokens and every access token issued from it."""
    await server.credentials.revoke_family(scope.user_id, claims.family_id)
    return Response(status_code=204)


@router.get("/me", response_model=UserOut)
async def me(scope: Scope) -> UserOut:
    return _user(scope.user)
