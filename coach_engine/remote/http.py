"""REST calls to a Coach server: bearer tokens, refresh on expiry, errors as the engine's own.

``RemoteHttp`` holds an ``httpx.AsyncClient`` on ``<server>/api/v1`` and the access token of the
saved login (``auth.py``). The access token is kept in memory only; when it expires, or the
server answers 401, it is renewed with the refresh token — which rotates: the new one is saved
before the old one could be presented again (under the logins file's lock) — and the request is
sent once more. A refresh the server refuses (revoked, reused, expired) is ``NotSignedIn``
naming ``coach login URL``.

Every error the server sends has one shape, ``{"error": {"code", "message", "fix"}}``; it comes
back as the ``CoachError`` subclass the server mapped it from (404 → ``NotFoundError``, 400/422 →
``ValidationError``, 409 → ``LifecycleError``, ...), titled with the message and carrying the fix,
so a front end shows a remote error exactly as a local one. A server that cannot be reached is
``ServerUnreachable`` naming the URL and ``coach serve``. No token, password or request body is
ever put in a message or a log.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from coach_engine.errors import (
    CoachError,
    ConfigError,
    LifecycleError,
    NotFoundError,
    ProviderError,
    SandboxError,
    StoreError,
    ValidationError,
)
from coach_engine.providers._httpx import httpx
from coach_engine.remote.auth import API_PREFIX, Logins, NotSignedIn, SavedLogin, normalize_server

TIMEOUT_S = 120.0
"""A run or a submission answers when the sandbox is done (the server queues runs)."""
CONNECT_TIMEOUT_S = 10.0
EARLY_REFRESH_S = 60.0
"""An access token this close to its expiry is renewed before use."""


class RemoteError(CoachError):
    """The server answered with an error that has no closer engine type (429, 5xx)."""

    title = "Server error"


class ServerUnreachable(RemoteError):
    """No answer from the server (refused, timed out, name not found)."""

    title = "Server unreachable"


_BY_CODE: dict[str, type[CoachError]] = {
    "not_found": NotFoundError,
    "invalid_input": ValidationError,
    "bad_request": ValidationError,
    "terms_not_accepted": ValidationError,
    "body_too_large": ValidationError,
    "conflict": LifecycleError,
    "server_config": ConfigError,
    "sandbox_unavailable": SandboxError,
    "provider_failed": ProviderError,
    "store_unavailable": StoreError,
}
_BY_STATUS: dict[int, type[CoachError]] = {
    400: ValidationError,
    404: NotFoundError,
    409: LifecycleError,
    413: ValidationError,
    422: ValidationError,
}


def error_from(response: httpx.Response, server: str) -> CoachError:
    """The engine error a server's error answer stands for."""
    try:
        body = response.json()
        detail = body["error"]
        code, title, fix = str(detail["code"]), str(detail["message"]), str(detail["fix"])
    except (ValueError, KeyError, TypeError):
        return RemoteError(
            f"{server} answered HTTP {response.status_code}, not as a Coach server does; check "
            "the URL (what `coach serve` prints, e.g. http://127.0.0.1:8000)",
            title="Not a Coach server",
        )
    if response.status_code == 401:
        return NotSignedIn(f"{title}; sign in again with `coach login {server}`")
    if response.status_code == 429:
        wait = response.headers.get("retry-after")
        later = f" (retry in {wait} s)" if wait and wait.isdigit() else ""
        return RemoteError(f"{fix}{later}", title=title)
    cls = _BY_CODE.get(code) or _BY_STATUS.get(response.status_code, RemoteError)
    return cls(fix, title=title)


def unreachable(server: str, exc: Exception) -> ServerUnreachable:
    reason = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        reason = "timed out"
    elif isinstance(exc, httpx.ConnectError):
        reason = "connection refused or host not found"
    return ServerUnreachable(
        f"cannot reach the Coach server at {server} ({reason}); is it running (`coach serve`)? "
        "Check the URL and your network"
    )


class RemoteHttp:
    """The REST side of one server for one saved login."""

    def __init__(
        self,
        server: str,
        logins: Logins | None = None,
        *,
        timeout_s: float = TIMEOUT_S,
    ) -> None:
        self.server = normalize_server(server)
        self.logins = logins or Logins()
        self._client = httpx.AsyncClient(
            base_url=self.server + API_PREFIX,
            timeout=httpx.Timeout(timeout_s, connect=CONNECT_TIMEOUT_S),
        )
        self._access: str | None = None
        self._access_until = 0.0
        self._lock = asyncio.Lock()

    # tokens ------------------------------------------------------------------------------------
    async def access_token(self) -> str:
        """A valid access token (renewed through the refresh token when it is about to expire).

        Raises:
            NotSignedIn: no saved login for this server, or the server refused its refresh.
            ServerUnreachable: the server does not answer.
        """
        if self._access is not None and time.monotonic() < self._access_until:
            return self._access
        return await self.refreshed_token(stale=self._access)

    async def refreshed_token(self, stale: str | None = None) -> str:
        """Renew the access token now (after a 401), unless another task already replaced
        ``stale`` meanwhile."""
        async with self._lock:
            if self._access is not None and self._access != stale:
                return self._access
            # the file lock is held across the refresh call: in a thread, off the event loop
            access, lifetime = await asyncio.to_thread(self._refresh)
            self._access = access
            self._access_until = time.monotonic() + max(0.0, lifetime - EARLY_REFRESH_S)
            return access

    def _refresh(self) -> tuple[str, float]:
        with self.logins.rotating(self.server) as token:
            if token.current is None:
                self.logins.find(self.server)  # raises NotSignedIn naming `coach login URL`
                raise NotSignedIn(f"not signed in to {self.server}; run `coach login URL`")
            try:
                with httpx.Client(timeout=CONNECT_TIMEOUT_S * 3) as client:
                    reply = client.post(
                        f"{self.server}{API_PREFIX}/auth/refresh",
                        json={"refresh_token": token.current},
                    )
            except httpx.HTTPError as exc:
                raise unreachable(self.server, exc) from None
            if reply.status_code != 200:
                raise error_from(reply, self.server)
            body = reply.json()
            token.replace(str(body["refresh_token"]))
            return str(body["access_token"]), float(body.get("expires_in", 0))

    def ws_url(self, session_id: str) -> str:
        """The interview WebSocket's URL (the token goes in a header or the first frame)."""
        base = "wss://" + self.server[8:] if self.server.startswith("https://") else None
        base = base or "ws://" + self.server.removeprefix("http://")
        return f"{base}{API_PREFIX}/ws/{session_id}"

    # sign-in -----------------------------------------------------------------------------------
    async def signin(self, email: str, password: str) -> SavedLogin:
        """Sign in and save the login (its refresh token) for this server.

        Raises:
            NotSignedIn: wrong e-mail or password. ServerUnreachable, RemoteError.
        """
        reply = await self._send("POST", "/auth/signin", {"email": email, "password": password})
        if reply.status_code != 200:
            if reply.status_code == 401:
                raise NotSignedIn(
                    f"wrong e-mail or password for {self.server}; try again, or ask the "
                    "server's owner for an account",
                    title="Sign-in refused",
                )
            raise error_from(reply, self.server)
        body = reply.json()
        login = SavedLogin(self.server, str(body["user"]["email"] or email), body["refresh_token"])
        self.logins.save(login)
        self._access = str(body["access_token"])
        self._access_until = time.monotonic() + max(
            0.0, float(body.get("expires_in", 0)) - EARLY_REFRESH_S
        )
        return login

    async def signout(self) -> None:
        """Revoke this sign-in on the server (best effort) and forget the saved login."""
        try:
            await self.request("POST", "/auth/logout")
        except (NotSignedIn, RemoteError):
            pass  # revoked already, or the server is gone: forgetting it is what remains
        finally:
            self.logins.forget(self.server)

    # requests ----------------------------------------------------------------------------------
    async def _send(
        self,
        method: str,
        path: str,
        json: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else None
        query = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            return await self._client.request(
                method, path, json=json, params=query or None, headers=headers
            )
        except httpx.InvalidURL:
            raise ValidationError(
                f"{self.server} is not a usable server URL", title="Bad server URL"
            ) from None
        except httpx.HTTPError as exc:
            raise unreachable(self.server, exc) from None

    async def request(
        self, method: str, path: str, json: Any = None, params: dict[str, Any] | None = None
    ) -> httpx.Response:
        """Send an authenticated request (renewing the token once on a 401); a success
        response, or the error it stands for raised."""
        token = await self.access_token()
        reply = await self._send(method, path, json, params, token)
        if reply.status_code == 401:
            token = await self.refreshed_token(stale=token)
            reply = await self._send(method, path, json, params, token)
        if reply.status_code >= 400:
            raise error_from(reply, self.server)
        return reply

    async def get(self, path: str, **params: Any) -> Any:
        return (await self.request("GET", path, params=params)).json()

    async def post(self, path: str, body: Any = None, **params: Any) -> Any:
        reply = await self.request("POST", path, json=body, params=params)
        return reply.json() if reply.content else None

    async def put(self, path: str, body: Any = None) -> Any:
        reply = await self.request("PUT", path, json=body)
        return reply.json() if reply.content else None

    async def patch(self, path: str, body: Any = None) -> Any:
        reply = await self.request("PATCH", path, json=body)
        return reply.json() if reply.content else None

    async def delete(self, path: str) -> None:
        await self.request("DELETE", path)

    async def aclose(self) -> None:
        await self._client.aclose()
