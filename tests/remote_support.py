"""Helpers for remote-mode tests (the client side of ``coach serve``): a real server on loopback,
and a TCP proxy in front of it whose link a test cuts and restores — the network dropping,
as a client sees it, without touching the server."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import httpx

from coach_engine.config import Config, ServerConfig
from coach_engine.engine import Engine
from coach_engine.remote.auth import API_PREFIX, Logins, SavedLogin, normalize_server
from coach_engine.server.runner import BackgroundServer
from coach_engine.store import SQLiteStore

SECRET = "remote-test-secret-" + "y" * 40
PASSWORD = "correct horse battery"
_emails = itertools.count()


@contextmanager
def remote_server(home: Path, heartbeat_s: float = 15.0) -> Iterator[BackgroundServer]:
    """A real server (uvicorn, SQLite in ``home``, the real sandbox, offline interviewer)."""
    engine = Engine(SQLiteStore.open(home / "coach.db"), Config(server=ServerConfig(secret=SECRET)))
    try:
        with BackgroundServer(engine, heartbeat_s=heartbeat_s) as server:
            yield server
    finally:
        engine.close()


def signup(api_url: str, name: str = "remote") -> tuple[str, str]:
    """A new account on the server: its e-mail (the password is ``PASSWORD``) and refresh
    token."""
    email = f"{name}-{next(_emails)}@example.com"
    with httpx.Client(base_url=api_url, timeout=60) as client:
        reply = client.post(
            "/auth/signup", json={"full_name": name, "email": email, "password": PASSWORD}
        )
    assert reply.status_code == 201, reply.text
    return email, str(reply.json()["refresh_token"])


def saved_login(server: str, path: Path, name: str = "remote") -> Logins:
    """A new account on ``server`` (``http://host:port``), saved as ``coach login`` saves it
    (one password hash, no sign-in: the signup's refresh token is the login's)."""
    email, refresh = signup(server + API_PREFIX, name)
    logins = Logins(path)
    logins.save(SavedLogin(normalize_server(server), email, refresh))
    return logins


class LinkProxy:
    """A TCP proxy on a free loopback port in front of ``target_port``, in its own thread.

    ``cut()`` closes every proxied connection and refuses new ones (accepted, then closed at
    once, as a dead route looks to a reconnecting client); ``restore()`` lets them through
    again."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self.connections = 0
        """Connections let through so far."""
        self._up = True
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LinkProxy:
        self._thread.start()
        self._call(self._listen())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._call(self._stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)

    def cut(self) -> None:
        self._call(self._set(False))

    def restore(self) -> None:
        self._call(self._set(True))

    def _call(self, coro: object) -> None:
        asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=30)  # type: ignore[arg-type]

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        await self._set(False)
        if self._server is not None:
            self._server.close()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    async def _set(self, up: bool) -> None:
        self._up = up
        if not up:
            for writer in list(self._writers):
                writer.transport.abort()
            self._writers.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self._up:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self.connections += 1
        self._writers |= {writer, up_writer}
        await asyncio.gather(
            self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while chunk := await reader.read(65536):
                writer.write(chunk)
                await writer.drain()
        finally:
            self._writers.discard(writer)
            writer.transport.abort()
