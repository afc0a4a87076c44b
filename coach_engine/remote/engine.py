"""``RemoteEngine``: the engine API a front end uses, served by a Coach server.

It offers the attributes the TUI and the read-only CLI commands use on a local ``Engine`` —
``sessions``, ``interview``, ``interviews``, ``feedback``, ``drills``, ``custom_input``,
``events``, ``config``, ``provider_status``, ``connect_provider``, ``stop_background`` — with the
same method names, arguments and return types: every call is one REST request
(``coach_engine/server``) answered with the engine's own pydantic models, validated back into
them here, so a screen cannot tell the two apart. What is derived from the problem bank and no
one's data — the listing, a session's ``Problem``, a custom input's example — comes from the
client's own bundled bank (the same package as the server's); the person's data lives on the
server only.

Events: ``events`` is a plain local ``EventBus``; subscribing to a session opens that session's
WebSocket (``connection(session_id)``, a ``SessionConnection`` from ``remote/connection.py``,
which reconnects and resynchronises) and every event it receives is published on the bus, so a
``Subscription`` behaves as locally. ``RemoteEngine(http, connect=...)`` takes another
connection factory (tests).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from coach_engine.event_bus import EventBus, Subscription
from coach_engine.models import (
    InterviewSession,
    User,
)
from coach_engine.remote.auth import Logins
from coach_engine.remote.drills import RemoteDrills, RemoteFeedback
from coach_engine.remote.http import RemoteHttp
from coach_engine.remote.interviews import RemoteCustomInput, RemoteInterviews
from coach_engine.remote.scope import Connection
from coach_engine.remote.sessions import RemoteInterview, RemoteSessions

if TYPE_CHECKING:
    from coach_engine.config import Config
    from coach_engine.dashboard.models import Dashboard
    from coach_engine.events import Event
    from coach_engine.export import Packet
    from coach_engine.problems import Problem, ProblemBank

log = logging.getLogger(__name__)

DRAIN_S, DRAIN_POLL_S = 5.0, 0.05
"""Leaving or ending waits this long for the socket's outbox to be delivered."""


ConnectFactory = Callable[[RemoteHttp, str, Callable[["Event"], object]], Connection]


def _default_connect(
    http: RemoteHttp, session_id: str, publish: Callable[[Event], object]
) -> Connection:
    from coach_engine.remote.connection import SessionConnection

    connection: Connection = SessionConnection(http, session_id, publish)
    return connection


class RemoteEvents(EventBus):
    """The local bus the session connections publish on; subscribing to a session opens its
    WebSocket."""

    def __init__(self, engine: RemoteEngine) -> None:
        super().__init__()
        self._engine = engine

    def subscribe(self, session_id: str | None = None) -> Subscription:
        subscription = super().subscribe(session_id)
        if session_id is not None:
            self._engine.open_connection(session_id)
        return subscription


# the facade --------------------------------------------------------------------------------------
class RemoteEngine:
    """The engine API over a Coach server, for one signed-in user (see the module docstring).

    Build it with ``await RemoteEngine.open(server)`` (the saved login of ``coach login``);
    close it with ``await engine.aclose()``.
    """

    remote = True
    """Front ends that must tell (a dashboard computed on the server) read this."""

    def __init__(
        self,
        http: RemoteHttp,
        user: User,
        *,
        config: Config | None = None,
        bank: ProblemBank | None = None,
        connect: ConnectFactory | None = None,
    ) -> None:
        self.http = http
        self.server = http.server
        self.user = user
        self.user_id = user.id
        self._config = config
        self._bank = bank
        self._connect = connect or _default_connect
        self.connections: dict[str, Connection] = {}
        self._starting: dict[str, asyncio.Task[None]] = {}
        self.events = RemoteEvents(self)
        self.sessions = RemoteSessions(http, user.id)
        self.interview = RemoteInterview(self)
        self.interviews = RemoteInterviews(self)
        self.feedback = RemoteFeedback(http)
        self.drills = RemoteDrills(http)
        self.custom_input = RemoteCustomInput(self)
        self.provider_status = f"server {self.server}"
        """What drives the interviewer, as the header shows it."""

    @classmethod
    async def open(
        cls,
        server: str | None = None,
        *,
        connect: ConnectFactory | None = None,
        logins: Logins | None = None,
    ) -> RemoteEngine:
        """The engine of the saved login for ``server`` (default: the last one signed in to).

        Raises:
            NotSignedIn: no saved login (the message names ``coach login URL``), or the
                server refused it. ServerUnreachable: no answer. ValidationError: a bad URL.
        """
        logins = logins or Logins()
        login = logins.find(server)
        http = RemoteHttp(login.server, logins)
        try:
            body = await http.get("/auth/me")
        except BaseException:
            await http.aclose()
            raise
        user = User(id=body["id"], email=body.get("email"), full_name=body.get("full_name", ""))
        return cls(http, user, connect=connect)

    # what the client keeps itself ----------------------------------------------------------------
    @property
    def config(self) -> Config:
        """This machine's settings (the editor, the theme, the autosave period)."""
        if self._config is None:
            from coach_engine import config as config_mod

            self._config = config_mod.load()
        return self._config

    @property
    def bank(self) -> ProblemBank:
        if self._bank is None:
            from coach_engine.problems import ProblemBank

            self._bank = ProblemBank()
        return self._bank

    def problem(self, session: InterviewSession) -> Problem:
        """The session's problem from the client's bank.

        Raises:
            ProblemError: the server's problem is not in this install's bank (update Coach).
        """
        from coach_engine.errors import ProblemError

        try:
            return self.bank.get(session.problem_slug or "")
        except ProblemError as exc:
            raise ProblemError(
                f"the server's problem {session.problem_slug!r} is not in this Coach's bank "
                f"({exc.message}); install the server's version of Coach",
                title="Unknown problem",
            ) from None

    # the session connections ---------------------------------------------------------------------
    def open_connection(self, session_id: str) -> Connection:
        """The session's WebSocket, opened (in a task) on first use."""
        connection = self.connections.get(session_id)
        if connection is None:
            connection = self._connect(self.http, session_id, self.events.publish)
            self.connections[session_id] = connection
            task = asyncio.get_running_loop().create_task(connection.start())
            task.add_done_callback(_log_failure)
            self._starting[session_id] = task
        return connection

    async def started(self, session_id: str) -> None:
        """Wait until the session's connection has connected once (its error raised)."""
        task = self._starting.get(session_id)
        if task is not None:
            await asyncio.shield(task)

    def connection(self, session_id: str) -> Connection | None:
        return self.connections.get(session_id)

    def live_connection(self, session_id: str) -> Connection | None:
        """The session's connection unless it is offline for good (then REST is used, and its
        errors say why)."""
        connection = self.connections.get(session_id)
        if connection is None or connection.state == "offline":
            return None
        return connection

    async def drain(self, session_id: str, timeout_s: float = DRAIN_S) -> None:
        """Wait (at most ``timeout_s``) until the session's connection has delivered what its
        outbox holds, while it is connected; a link that is down keeps it queued."""
        connection = self.connections.get(session_id)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while (
            connection is not None
            and connection.pending
            and connection.state == "connected"
            and loop.time() < deadline
        ):
            await asyncio.sleep(DRAIN_POLL_S)

    async def close_connection(self, session_id: str) -> None:
        connection = self.connections.pop(session_id, None)
        task = self._starting.pop(session_id, None)
        if task is not None and not task.done():
            task.cancel()
        if connection is not None:
            await connection.close()

    # what the local engine also offers -----------------------------------------------------------
    async def connect_provider(self) -> str:
        return self.provider_status

    async def dashboard(self, *, tz: str | None = None) -> Dashboard:
        from coach_engine.dashboard.models import Dashboard

        return Dashboard.model_validate(await self.http.get("/dashboard", tz=tz))

    async def export_packet(self, session: str | None = None, *, all_: bool = False) -> Packet:
        """The packet of one session (id or unique prefix) or of all, as ``export_packet``.

        Raises:
            ValidationError: neither or both of ``session`` and ``all_``. NotFoundError.
        """
        from coach_engine.errors import ValidationError
        from coach_engine.export import Packet

        if (session is None) == (not all_):
            raise ValidationError(
                "give a SESSION id or --all (not both)", title="Nothing to export"
            )
        body = await self.http.get("/me/export", format="json", session=session)
        return Packet.model_validate(body)

    async def stop_background(self) -> None:
        """Close every session's WebSocket (the server keeps the interviews)."""
        for session_id in list(self.connections):
            await self.close_connection(session_id)

    async def aclose(self) -> None:
        await self.stop_background()
        await self.http.aclose()


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("session connection failed: %s", type(task.exception()).__name__)
