"""What the remote services need of their ``RemoteEngine`` and of a session's WebSocket, as
protocols: the services (``sessions.py``, ``interviews.py``) are built by the engine and call
back into it, without importing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from coach_engine.models import InterviewSession
    from coach_engine.problems import Problem, ProblemBank
    from coach_engine.remote.http import RemoteHttp


class Connection(Protocol):
    """What the remote engine needs of a session's WebSocket (``connection.SessionConnection``
    is the one)."""

    @property
    def state(self) -> str: ...

    @property
    def pending(self) -> int: ...

    async def start(self) -> None: ...
    async def send(self, event: str, data: dict[str, Any]) -> Sent: ...
    async def close(self) -> None: ...


class Sent(Protocol):
    """A queued action (``connection.Delivery``): ``wait`` gives the server's answer (True ran,
    False refused) or None when it has not come within ``timeout``."""

    async def wait(self, timeout: float | None = None) -> bool | None: ...


class RemoteScope(Protocol):
    """The remote engine as its services see it."""

    http: RemoteHttp
    user_id: str

    @property
    def bank(self) -> ProblemBank: ...

    def problem(self, session: InterviewSession) -> Problem: ...

    def connection(self, session_id: str) -> Connection | None: ...

    def live_connection(self, session_id: str) -> Connection | None: ...

    async def started(self, session_id: str) -> None: ...

    async def drain(self, session_id: str) -> None: ...

    async def close_connection(self, session_id: str) -> None: ...
