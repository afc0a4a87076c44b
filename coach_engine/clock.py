"""The interview clock: silence nudges, the time warning and time-up, run inside the engine.

A front end only renders what the clock does; no timer of its own decides anything. One asyncio
task per interview in progress (``SessionClock``), kept by the process-wide ``InterviewClocks``
on the ``Engine``. ``InterviewService.begin`` starts it when an interview starts or resumes; it
stops when the session leaves IN_PROGRESS (pause, leave, submit, complete, cancel: it listens to
``session_status`` events) and when the engine stops its background work.

Every ``period_s`` the task calls the session's ``InterviewService.tick``, which asks :func:`due`
what, if anything, is due now and acts on it: a typed event (``silence_nudge``, ``time_warning``,
``time_up``) and the interviewer's message. Each cue fires once — what fired is remembered in the
session's metadata, so a restart does not repeat it. Time comes from ``InterviewClocks.now``, so
tests move a fake clock and call ``SessionClock.step()`` instead of sleeping real minutes.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from coach_engine.errors import NotFoundError
from coach_engine.events import (
    AiMessageCompleteEvent,
    AiTokenEvent,
    ErrorEvent,
    Event,
    EventBus,
    SessionStatusEvent,
    SilenceNudgeData,
    SilenceNudgeEvent,
    TimeUpData,
    TimeUpEvent,
    TimeWarningData,
    TimeWarningEvent,
)
from coach_engine.models import InterviewSession, Message, Role, SessionStatus, utcnow

if TYPE_CHECKING:
    from coach_engine.interviewer.base import Context, Interviewer

log = logging.getLogger(__name__)

SILENCE_NUDGE_S = 180.0
"""Seconds of the candidate's silence (active time) before the interviewer nudges."""
WARNING_LEFT_S = 300.0
"""Interview time left when the interviewer warns that time is running out."""
CLOCK_PERIOD_S = 5.0
"""How often a session's clock looks at the time (cues fire at most this late)."""
SPEAKING_STALE_S = 60.0
"""An answer whose last token is older than this no longer holds the clock back (it failed)."""

WARNED_KEY = "warned"
TIME_UP_KEY = "time_up"
NUDGED_KEY = "nudged_after"
"""Session-metadata keys: what the clock already did (the warning, time-up, the last silence)."""


class Cue(StrEnum):
    NUDGE = "silence_nudge"
    WARNING = "time_warning"
    TIME_UP = "time_up"


@dataclass(frozen=True)
class Due:
    """A cue that is due now, with the figures its event carries."""

    cue: Cue
    elapsed_s: float
    duration_s: float
    silent_s: float = 0.0
    remember: dict[str, Any] = field(default_factory=dict)
    """Session metadata to store so the cue does not fire again."""

    @property
    def remaining_s(self) -> float:
        return max(0.0, self.duration_s - self.elapsed_s)

    def event(self, session_id: str) -> Event:
        if self.cue == Cue.TIME_UP:
            return TimeUpEvent(
                data=TimeUpData(
                    session_id=session_id, elapsed_s=self.elapsed_s, duration_s=self.duration_s
                )
            )
        if self.cue == Cue.WARNING:
            return TimeWarningEvent(
                data=TimeWarningData(session_id=session_id, remaining_s=self.remaining_s)
            )
        return SilenceNudgeEvent(
            data=SilenceNudgeData(session_id=session_id, silent_s=self.silent_s)
        )

    def speech(self, interviewer: Interviewer, ctx: Context) -> AsyncIterator[str]:
        """What the interviewer says for this cue."""
        if self.cue == Cue.TIME_UP:
            return interviewer.time_up(ctx)
        if self.cue == Cue.WARNING:
            return interviewer.time_warning(ctx)
        return interviewer.nudge(ctx)


def due(session: InterviewSession, messages: list[Message], now: datetime) -> Due | None:
    """What the clock should do for ``session`` at ``now``, if anything.

    Only an interview IN_PROGRESS has a clock. Time-up comes first and ends the clock's work
    (no warning or nudge after it); the warning fires once when ``WARNING_LEFT_S`` or less is
    left; a silence of ``SILENCE_NUDGE_S`` since the candidate's last message — or since the
    interview (re)started, so a pause is not silence — is nudged once.
    """
    if session.status != SessionStatus.IN_PROGRESS:
        return None
    meta = session.session_metadata
    elapsed = session.elapsed_seconds(now)
    duration = float(session.duration_minutes * 60)
    if meta.get(TIME_UP_KEY):
        return None
    if elapsed >= duration:
        return Due(Cue.TIME_UP, elapsed, duration, remember={TIME_UP_KEY: True, WARNED_KEY: True})
    if duration - elapsed <= WARNING_LEFT_S and not meta.get(WARNED_KEY):
        return Due(Cue.WARNING, elapsed, duration, remember={WARNED_KEY: True})
    said = [m.timestamp for m in messages if m.role == Role.USER]
    starts = [t for t in (session.started_at, session.resumed_at) if t is not None]
    last = max(said + starts, default=None)
    if last is None:
        return None
    silent = (now - last).total_seconds()
    if silent >= SILENCE_NUDGE_S and meta.get(NUDGED_KEY) != last.isoformat():
        return Due(
            Cue.NUDGE, elapsed, duration, silent_s=silent, remember={NUDGED_KEY: last.isoformat()}
        )
    return None


Tick = Callable[[datetime], Awaitable[object]]
"""One step of a session's clock at a given time (``InterviewService.tick`` bound to a session)."""


class SessionClock:
    """The clock task of one interview. Built and started by ``InterviewClocks.start``."""

    def __init__(self, clocks: InterviewClocks, session_id: str, tick: Tick) -> None:
        self.clocks = clocks
        self.session_id = session_id
        self._tick = tick
        self._lock = asyncio.Lock()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        task = self._task
        if task is None or task.done() or self._stopping.is_set():
            return False
        try:  # a task of a loop that is gone (an earlier asyncio.run) is not running
            return task.get_loop() is asyncio.get_running_loop()
        except RuntimeError:
            return False

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(
            self._run(), name=f"interview-clock-{self.session_id[:8]}"
        )

    def stop(self) -> None:
        """Stop after the current step (a nudge being spoken is finished, not cut off)."""
        self._stopping.set()

    async def step(self) -> object:
        """Look at the clock once, now. Steps of one session never overlap."""
        async with self._lock:
            if self._stopping.is_set():
                return None
            return await self._tick(self.clocks.now())

    async def wait_stopped(self) -> None:
        """Wait for the task to end (a task of a loop that is gone has nothing to wait for)."""
        task = self._task
        if task is not None and task.get_loop() is asyncio.get_running_loop():
            await asyncio.gather(task, return_exceptions=True)

    def cancel(self) -> None:
        self._stopping.set()
        if self._task is not None and not self._task.done():
            try:
                self._task.cancel()
            except RuntimeError:  # its event loop is closed: the task will never run again
                pass

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                async with asyncio.timeout(self.clocks.period_s):
                    await self._stopping.wait()
                break
            except TimeoutError:
                pass
            if self.clocks.speaking(self.session_id):
                continue  # never talk over the interviewer's own answer
            try:
                await self.step()
            except NotFoundError:  # the session was deleted: nothing left to time
                self.clocks.stop(self.session_id)
                break
            except Exception:  # a provider or store hiccup must not end the interview's clock
                log.exception("interview clock of %s failed; trying again", self.session_id)


class InterviewClocks:
    """Every running interview clock of the process (one per session in progress).

    ``now`` and ``period_s`` are public so tests (and a front end's test harness) can drive
    time; the engine's default is the wall clock every ``CLOCK_PERIOD_S`` seconds.
    """

    def __init__(
        self, *, now: Callable[[], datetime] = utcnow, period_s: float = CLOCK_PERIOD_S
    ) -> None:
        self.now = now
        self.period_s = period_s
        self._clocks: dict[str, SessionClock] = {}
        self._buses: weakref.WeakSet[EventBus] = weakref.WeakSet()
        self._speaking: dict[str, datetime] = {}

    def start(self, session_id: str, tick: Tick, events: EventBus) -> SessionClock:
        """Run ``tick`` every ``period_s`` for the session until it leaves IN_PROGRESS.

        Idempotent: a session has at most one running clock. ``events`` is the bus the session's
        events go to; the clock listens to it to stop and to keep quiet while the interviewer
        speaks.
        """
        clock = self._clocks.get(session_id)
        if clock is not None and clock.running:
            return clock
        if events not in self._buses:
            events.add_listener(self._on_event)
            self._buses.add(events)
        clock = SessionClock(self, session_id, tick)
        self._clocks[session_id] = clock
        clock.start()
        return clock

    def get(self, session_id: str) -> SessionClock | None:
        """The session's running clock, if any."""
        clock = self._clocks.get(session_id)
        return clock if clock is not None and clock.running else None

    def running(self) -> list[str]:
        """Ids of the sessions whose clock runs."""
        return [sid for sid, clock in self._clocks.items() if clock.running]

    def stop(self, session_id: str) -> None:
        clock = self._clocks.pop(session_id, None)
        self._speaking.pop(session_id, None)
        if clock is not None:
            clock.stop()

    def speaking(self, session_id: str) -> bool:
        """The interviewer is streaming an answer in this session (tokens came recently)."""
        since = self._speaking.get(session_id)
        return since is not None and (self.now() - since).total_seconds() < SPEAKING_STALE_S

    async def aclose(self) -> None:
        """Stop every clock now (engine shutdown): steps in flight are cancelled."""
        clocks = list(self._clocks.values())
        self._clocks.clear()
        self._speaking.clear()
        for clock in clocks:
            clock.cancel()
        for clock in clocks:
            await clock.wait_stopped()

    def _on_event(self, event: Event) -> None:
        sid = event.session_id
        if sid is None:
            return
        if isinstance(event, SessionStatusEvent):
            if event.data.status != SessionStatus.IN_PROGRESS:
                self.stop(sid)
        elif isinstance(event, AiTokenEvent):
            self._speaking[sid] = self.now()
        elif isinstance(event, AiMessageCompleteEvent | ErrorEvent):
            self._speaking.pop(sid, None)
