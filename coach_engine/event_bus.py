"""The engine's event bus: fan-out of typed events (``coach_engine.events``) to subscribers.

Kept apart from the event models so that building a bus (every user scope has one) imports no
pydantic model: a command that sends no event (``coach history``) does not pay for them.
``coach_engine.events`` re-exports ``EventBus``, ``Subscription`` and ``Listener``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach_engine.events import Event

log = logging.getLogger("coach_engine.events")  # the name these records always had


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
        if not self.queue.empty():  # no wait: wait_for's task and timer cost ~20x the get
            event = self.queue.get_nowait()
        else:
            event = await asyncio.wait_for(self.queue.get(), timeout)
        if event is None:
            raise StopAsyncIteration
        return event

    def pending(self) -> list[Event]:
        """The events received and not consumed yet (without waiting)."""
        out = []
        while not self.queue.empty():
            event = self.queue.get_nowait()
            if event is not None:
                out.append(event)
        return out

    def close(self) -> None:
        self._bus._subscribers.discard(self)
        self.queue.put_nowait(None)

    async def __aenter__(self) -> Subscription:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()


Listener = Callable[["Event"], object]


class EventBus:
    """Fan-out of engine events to every subscriber. Publishing never blocks.

    Listeners are called synchronously on publish, before subscribers see the event; the
    engine's own machinery uses them (the interview clock stops when a session leaves
    IN_PROGRESS). A failing listener is logged and does not stop the event.
    """

    def __init__(self) -> None:
        self._subscribers: set[Subscription] = set()
        self._listeners: list[Listener] = []

    def subscribe(self, session_id: str | None = None) -> Subscription:
        sub = Subscription(self, session_id)
        self._subscribers.add(sub)
        return sub

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def publish(self, event: Event) -> Event:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("event listener failed on %s", type(event).__name__)
        for sub in list(self._subscribers):
            if sub.session_id is None or sub.session_id == event.session_id:
                sub.queue.put_nowait(event)
        return event

    def emit(self, name: str, session_id: str | None = None, **data: Any) -> Event:
        """Build an event from its name and payload fields, validate it and publish it.

        The engine constructs typed events (``bus.publish(AiTokenEvent(data=...))``) so a type
        checker sees every field; this is for callers that hold a name, such as tests.

        Raises:
            ValidationError: unknown name or bad fields.
        """
        from coach_engine.events import parse_event

        event = parse_event({"event": name, "data": {"session_id": session_id, **data}})
        return self.publish(event)
