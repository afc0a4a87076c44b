"""The engine's event stream (PRODUCT.md §5): one async iterator for the TUI and the server.

Event names come from the seeds: ``ai_token``, ``ai_message_complete``, ``code_result``,
``feedback``, ``interview_hint``, ``session_status``, ``connection_quality``, ``error``. Each
event is a pydantic model with ``type``, ``session_id``, ``timestamp`` and a ``data`` dict, so the
WebSocket server can send ``event.model_dump_json()`` unchanged.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from coach_engine.models import utcnow

EventType = Literal[
    "ai_token",
    "ai_message_complete",
    "code_result",
    "feedback",
    "interview_hint",
    "session_status",
    "connection_quality",
    "error",
]


class Event(BaseModel):
    type: EventType
    session_id: str | None = None
    timestamp: datetime = Field(default_factory=utcnow)
    data: dict[str, Any] = Field(default_factory=dict)


class Subscription:
    """An async iterator over events, optionally for one session. Close it (or use ``async with``)
    to stop receiving."""

    def __init__(self, bus: EventBus, session_id: str | None) -> None:
        self._bus = bus
        self.session_id = session_id
        self.queue: asyncio.Queue[Event | None] = asyncio.Queue()

    def __aiter__(self) -> AsyncIterator[Event]:
        return self

    async def __anext__(self) -> Event:
        event = await self.queue.get()
        if event is None:
            raise StopAsyncIteration
        return event

    async def get(self, timeout: float | None = None) -> Event:
        """The next event; raises TimeoutError after ``timeout`` seconds."""
        event = await asyncio.wait_for(self.queue.get(), timeout)
        if event is None:
            raise StopAsyncIteration
        return event

    def close(self) -> None:
        self._bus._subscribers.discard(self)
        self.queue.put_nowait(None)

    async def __aenter__(self) -> Subscription:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()


class EventBus:
    """Fan-out of engine events to every subscriber. Publishing never blocks."""

    def __init__(self) -> None:
        self._subscribers: set[Subscription] = set()

    def subscribe(self, session_id: str | None = None) -> Subscription:
        sub = Subscription(self, session_id)
        self._subscribers.add(sub)
        return sub

    def publish(self, event: Event) -> None:
        for sub in list(self._subscribers):
            if sub.session_id is None or sub.session_id == event.session_id:
                sub.queue.put_nowait(event)

    def emit(self, type: EventType, session_id: str | None = None, **data: Any) -> Event:
        event = Event(type=type, session_id=session_id, data=data)
        self.publish(event)
        return event
