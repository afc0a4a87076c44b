"""Signing in to and out of a Coach server: what ``coach login`` and ``coach logout`` do."""

from __future__ import annotations

from coach_engine.remote.auth import Logins, NotSignedIn, SavedLogin, normalize_server
from coach_engine.remote.http import RemoteHttp


async def sign_in(
    url: str, email: str, password: str, *, logins: Logins | None = None
) -> SavedLogin:
    """Sign in to the server at ``url`` and save the login (its refresh token, 0600).

    Raises:
        ValidationError: ``url`` is not a server URL.
        NotSignedIn: wrong e-mail or password. ServerUnreachable, RemoteError.
    """
    http = RemoteHttp(normalize_server(url), logins)
    try:
        return await http.signin(email, password)
    finally:
        await http.aclose()


async def sign_out(url: str | None = None, *, logins: Logins | None = None) -> str | None:
    """Revoke the saved sign-in on its server (best effort: a server that is down cannot be
    told) and forget it; the server's URL, or None when there was no such login."""
    logins = logins or Logins()
    try:
        login = logins.find(url)
    except NotSignedIn:
        return None
    http = RemoteHttp(login.server, logins)
    try:
        await http.signout()
    finally:
        await http.aclose()
    return login.server
