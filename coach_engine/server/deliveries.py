"""Exactly-once delivery of a client's WebSocket actions across reconnects.

A client that loses its connection cannot know whether the frame it sent last arrived, so it
sends every unacknowledged action again after reconnecting (``coach_engine/remote/connection.py``).
Each action frame may carry a client-generated ``"id"``; the server remembers the ids a
session's sockets received — with a future that resolves when the action has run — so an id seen
again is only acknowledged (once its first delivery finished), never run twice. What a socket
that closed still had queued with an id runs anyway (``ws.py``), except a run waiting for the
sandbox: that one is dropped and its id forgotten, so its resend runs it.

The memory is the server process's: a restarted server runs a resent action whose first
delivery it had finished but not acknowledged (the client resends only what was not acked, so
this is the action in flight at the moment of the crash).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

PER_SESSION = 256
"""Ids remembered per session (a client has at most a few unacknowledged at once)."""
SESSIONS = 4096
"""Sessions remembered (least recently used forgotten first)."""


class Deliveries:
    """The action ids each session's sockets received, and whether each has run."""

    def __init__(self, per_session: int = PER_SESSION, sessions: int = SESSIONS) -> None:
        self.per_session = per_session
        self.sessions = sessions
        self._seen: OrderedDict[tuple[str, str], OrderedDict[str, asyncio.Future[bool]]] = (
            OrderedDict()
        )

    def claim(
        self, user_id: str, session_id: str, client_id: str
    ) -> tuple[asyncio.Future[bool], bool]:
        """The delivery's future (True: the action ran, False: it failed) and whether this is
        its first arrival (the caller runs it and resolves the future) or a resend (the caller
        only acknowledges it once the future resolves)."""
        key = (user_id, session_id)
        ids = self._seen.get(key)
        if ids is None:
            ids = self._seen[key] = OrderedDict()
            while len(self._seen) > self.sessions:
                self._seen.popitem(last=False)
        self._seen.move_to_end(key)
        found = ids.get(client_id)
        if found is not None and not found.cancelled():
            return found, False
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        ids[client_id] = future
        while len(ids) > self.per_session:
            ids.popitem(last=False)
        return future, True

    def release(self, user_id: str, session_id: str, client_id: str) -> None:
        """The action never ran: forget its id (a resend runs it), and cancel its future so a
        resend waiting on it claims it afresh."""
        ids = self._seen.get((user_id, session_id))
        future = ids.pop(client_id, None) if ids is not None else None
        if future is not None and not future.done():
            future.cancel()
