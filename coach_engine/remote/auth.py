"""Saved logins: which server ``coach login URL`` signed in to, and its refresh token.

One file, ``logins.json`` in Coach's data directory (beside ``config.toml``; ``COACH_HOME``
aware), mode 0600 from creation and replaced atomically. It holds, per server URL, the e-mail
and the *refresh token only* — never the password, never an access token — and which server was
signed in to last (the one ``--server`` without a URL, and ``coach interview --server``, use).

The server rotates the refresh token on every use and treats a spent one presented again as
theft (it revokes the whole sign-in). So a refresh is done under an exclusive lock on the file,
re-reading the token inside the lock: two ``coach`` processes refreshing at once take turns, and
the second uses the token the first saved instead of the spent one. Tokens never go to a log or
an error message.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from coach_engine import locations
from coach_engine.errors import CoachError, ValidationError

LOGINS_FILE = "logins.json"
API_PREFIX = "/api/v1"


class NotSignedIn(CoachError):
    """No saved login for the server (or its sign-in was revoked or expired)."""

    title = "Not signed in"
    exit_code = 2


@dataclass(frozen=True)
class SavedLogin:
    server: str
    """The server's base URL, normalised (``http://host:port``)."""
    email: str
    refresh_token: str

    def __repr__(self) -> str:  # never show the token (a debugger, a log line)
        return f"SavedLogin(server={self.server!r}, email={self.email!r})"


def logins_path() -> Path:
    return locations.home() / LOGINS_FILE


def normalize_server(url: str) -> str:
    """``url`` as the base every request is made on: ``http(s)://host[:port][/prefix]``, no
    trailing slash and no ``/api/v1`` (``coach login http://host:8000/api/v1/`` works too).

    Raises:
        ValidationError: not an http(s) URL with a host.
    """
    text = (url or "").strip()
    if text and "://" not in text:
        text = f"http://{text}"  # `coach login localhost:8000`
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"{url!r} is not a server URL; give it as http://HOST:PORT (what `coach serve` "
            "prints, e.g. http://127.0.0.1:8000)",
            title="Bad server URL",
        )
    try:
        parts.port  # noqa: B018 - a port out of range raises here
    except ValueError:
        raise ValidationError(
            f"{url!r} has an invalid port; give it as http://HOST:PORT", title="Bad server URL"
        ) from None
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return f"{parts.scheme}://{parts.netloc}{path}"


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        raise NotSignedIn(
            f"the saved logins ({path}) cannot be read; sign in again with `coach login URL`"
        ) from None
    return data if isinstance(data, dict) else {}


def _servers(data: dict[str, object]) -> dict[str, dict[str, str]]:
    servers = data.get("servers")
    if not isinstance(servers, dict):
        return {}
    return {
        k: v
        for k, v in servers.items()
        if isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("refresh_token"), str)
    }


def _write(path: Path, data: dict[str, object]) -> None:
    locations.write_private(path, json.dumps(data, indent=2) + "\n")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock across processes while a login is read, used and rewritten."""
    if path == logins_path():
        locations.ensure_home()  # created private (0700), as every start makes it
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(f".{path.name}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, locations.PRIVATE_FILE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


class Logins:
    """The saved logins file (``path`` for tests; default: ``logins_path()``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or logins_path()

    def find(self, server: str | None = None) -> SavedLogin:
        """The login for ``server`` (default: the one signed in to last).

        Raises:
            NotSignedIn: there is none; the message names ``coach login URL``.
            ValidationError: ``server`` is not a URL.
        """
        data = _read(self.path)
        servers = _servers(data)
        key = normalize_server(server) if server else data.get("current")
        if not isinstance(key, str) or key not in servers:
            where = f"to {key}" if isinstance(key, str) else "to any server"
            raise NotSignedIn(
                f"not signed in {where}; run `coach login {key or 'URL'}` first"
                " (URL: what `coach serve` prints, e.g. http://127.0.0.1:8000)"
            )
        entry = servers[key]
        return SavedLogin(key, str(entry.get("email", "")), entry["refresh_token"])

    def save(self, login: SavedLogin) -> None:
        with _locked(self.path):
            self._save_unlocked(login)

    def _save_unlocked(self, login: SavedLogin, *, current: bool = True) -> None:
        data = _read(self.path)
        servers = _servers(data)
        servers[login.server] = {"email": login.email, "refresh_token": login.refresh_token}
        chosen = login.server if current or not data.get("current") else data["current"]
        _write(self.path, {"current": chosen, "servers": servers})

    def forget(self, server: str | None = None) -> SavedLogin | None:
        """Remove the login for ``server`` (default: the current one); the one removed."""
        with _locked(self.path):
            data = _read(self.path)
            servers = _servers(data)
            key = normalize_server(server) if server else data.get("current")
            if not isinstance(key, str) or key not in servers:
                return None
            entry = servers.pop(key)
            current = data.get("current")
            if current == key:
                current = next(iter(servers), None)
            _write(self.path, {"current": current, "servers": servers})
            return SavedLogin(key, str(entry.get("email", "")), entry["refresh_token"])

    @contextmanager
    def rotating(self, server: str) -> Iterator[RotatingToken]:
        """Hold the file's lock while a refresh token is spent and its successor saved:
        ``token.current`` is the newest saved one; ``token.replace(new)`` saves the new one."""
        with _locked(self.path):
            found = _servers(_read(self.path)).get(server)
            yield RotatingToken(self, server, found)


class RotatingToken:
    def __init__(self, logins: Logins, server: str, entry: dict[str, str] | None) -> None:
        self._logins, self._server, self._entry = logins, server, entry

    @property
    def current(self) -> str | None:
        return None if self._entry is None else self._entry["refresh_token"]

    def replace(self, refresh_token: str) -> None:
        email = "" if self._entry is None else str(self._entry.get("email", ""))
        self._logins._save_unlocked(SavedLogin(self._server, email, refresh_token), current=False)
        self._entry = {"email": email, "refresh_token": refresh_token}
