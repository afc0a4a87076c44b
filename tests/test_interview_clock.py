"""The interview clock runs in the engine: silence nudges, the time warning and time-up, each once,
as typed events and interviewer messages; nothing after pause or completion.

Time is a fake ``now`` the tests move; ``SessionClock.step()`` looks at the clock once, so no test
sleeps real minutes. One test lets the real background task run (period 10 ms) and waits for the
event it must emit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach_engine.clock import SILENCE_NUDGE_S, WARNING_LEFT_S, SessionClock, due
from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.events import (
    AiMessageCompleteData,
    AiMessageCompleteEvent,
    AiTokenData,
    AiTokenEvent,
    SilenceNudgeEvent,
    Subscription,
    TimeUpEvent,
    TimeWarningEvent,
)
from coach_engine.models import InterviewSession, Message, Role, SessionCreate, SessionStatus
from coach_engine.store import SQLiteStore

CLOCK_EVENTS = ("silence_nudge", "time_warning", "time_up")


class FakeTime:
    """The engine's ``now``: moved by the test, never by the wall clock."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def at(self, seconds: float) -> None:
        self.now = self.start + timedelta(seconds=seconds)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = Engine(SQLiteStore.open(tmp_path / "clock.db"), Config())
    engine.clocks.period_s = 3600  # background ticks off: the tests step the clock themselves
    yield engine
    engine.close()


async def _begin(engine: Engine, minutes: int = 45) -> tuple[str, FakeTime, SessionClock]:
    session = await engine.sessions.create(
        SessionCreate(problem_slug="two-sum", duration_minutes=minutes)
    )
    await engine.interview.begin(session.id)  # starts the session, greets, starts its clock
    started = (await engine.sessions.get(session.id)).resumed_at
    assert started is not None
    time = FakeTime(started)
    engine.clocks.now = time
    clock = engine.clocks.get(session.id)
    assert clock is not None, "begin() starts the session's clock"
    return session.id, time, clock


def _clock_events(sub: Subscription) -> list[object]:
    return [e for e in sub.pending() if e.event in CLOCK_EVENTS]


async def test_nudge_after_a_silence_once_per_silence(engine: Engine) -> None:
    sid, time, clock = await _begin(engine)
    sub = engine.events.subscribe(sid)
    time.at(SILENCE_NUDGE_S - 1)
    assert await clock.step() is None
    assert _clock_events(sub) == []

    time.at(SILENCE_NUDGE_S)
    nudge = await clock.step()
    assert isinstance(nudge, Message) and "quiet" in nudge.content
    events = sub.pending()
    assert isinstance(events[0], SilenceNudgeEvent)  # the cue first, then the spoken nudge
    assert events[0].data.silent_s == SILENCE_NUDGE_S
    assert [e.event for e in events[1:]][-1] == "ai_message_complete"
    assert {e.event for e in events[1:-1]} == {"ai_token"}
    assert (await engine.sessions.messages(sid))[-1].id == nudge.id

    time.at(SILENCE_NUDGE_S + 60)
    assert await clock.step() is None  # the same silence is nudged once
    assert _clock_events(sub) == []


async def test_a_new_silence_after_the_candidate_speaks_is_nudged_again(engine: Engine) -> None:
    sid, time, clock = await _begin(engine)
    time.at(SILENCE_NUDGE_S)
    assert await clock.step() is not None
    await engine.interview.send(sid, "I'd use a hash map from value to index")
    said = (await engine.sessions.messages(sid))[-2].timestamp
    time.now = said + timedelta(seconds=SILENCE_NUDGE_S - 1)
    assert await clock.step() is None
    time.now = said + timedelta(seconds=SILENCE_NUDGE_S)
    again = await clock.step()
    assert again is not None and "quiet" in again.content


async def test_warning_at_the_threshold_then_time_up_and_nothing_after(engine: Engine) -> None:
    sid, time, clock = await _begin(engine, minutes=45)
    sub = engine.events.subscribe(sid)
    duration = 45 * 60
    time.at(SILENCE_NUDGE_S)
    assert await clock.step() is not None  # the start's silence, out of the way
    sub.pending()

    time.at(duration - WARNING_LEFT_S - 1)
    assert await clock.step() is None
    time.at(duration - WARNING_LEFT_S)
    warning = await clock.step()
    assert warning is not None and "Five minutes left" in warning.content
    [warned] = _clock_events(sub)
    assert isinstance(warned, TimeWarningEvent) and warned.data.remaining_s == WARNING_LEFT_S

    for seconds in (duration - WARNING_LEFT_S + 1, duration - 60, duration - 1):
        time.at(seconds)
        assert await clock.step() is None  # no duplicate warnings
    assert _clock_events(sub) == []

    time.at(duration)
    up = await clock.step()
    assert up is not None and "minutes are up" in up.content
    [ended] = _clock_events(sub)
    assert isinstance(ended, TimeUpEvent)
    assert ended.data.elapsed_s == duration and ended.data.duration_s == duration

    for seconds in (duration + 1, duration + SILENCE_NUDGE_S * 3, duration * 2):
        time.at(seconds)
        assert await clock.step() is None  # no nudge, warning or second time-up after it
    assert _clock_events(sub) == []
    ai = [m for m in await engine.sessions.messages(sid) if m.role == Role.AI]
    assert len(ai) == 4  # greeting, nudge, warning, time-up


async def test_time_up_when_resumed_past_the_end_skips_the_warning(engine: Engine) -> None:
    sid, time, clock = await _begin(engine, minutes=5)
    sub = engine.events.subscribe(sid)
    time.at(5 * 60 + 30)
    assert await clock.step() is not None
    assert [e.event for e in _clock_events(sub)] == ["time_up"]
    time.at(5 * 60 + 31)
    assert await clock.step() is None


async def test_nothing_after_pause_and_the_pause_is_not_silence(engine: Engine) -> None:
    sid, time, clock = await _begin(engine)
    sub = engine.events.subscribe(sid)
    await engine.sessions.pause(sid)
    assert engine.clocks.get(sid) is None and sid not in engine.clocks.running()
    time.at(SILENCE_NUDGE_S * 10)
    assert await clock.step() is None  # the stopped clock does not look again
    assert await engine.interview.tick(sid, time.now) is None  # nor does a paused session
    assert _clock_events(sub) == []
    await clock.wait_stopped()

    await engine.interview.begin(sid)  # resume: a new clock, silence counted from the resume
    resumed = engine.clocks.get(sid)
    assert resumed is not None and resumed is not clock
    resumed_at = (await engine.sessions.get(sid)).resumed_at
    assert resumed_at is not None
    time.now = resumed_at + timedelta(seconds=SILENCE_NUDGE_S - 1)
    assert await resumed.step() is None
    time.now = resumed_at + timedelta(seconds=SILENCE_NUDGE_S)
    assert await resumed.step() is not None


async def test_nothing_after_submit_or_complete(engine: Engine) -> None:
    sid, time, clock = await _begin(engine)
    sub = engine.events.subscribe(sid)
    await engine.sessions.submit(sid)
    assert engine.clocks.get(sid) is None
    await engine.sessions.complete(sid, score=50)
    assert (await engine.sessions.get(sid)).status == SessionStatus.COMPLETED
    time.at(45 * 60 * 2)
    assert await clock.step() is None
    assert await engine.interview.tick(sid, time.now) is None
    assert _clock_events(sub) == []


async def test_the_background_task_emits_and_stops_by_itself(engine: Engine) -> None:
    engine.clocks.period_s = 0.01
    sid, time, clock = await _begin(engine)
    sub = engine.events.subscribe(sid)
    await engine.interview.begin(sid)  # already running: the same clock, no second one
    assert engine.clocks.get(sid) is clock and engine.clocks.running() == [sid]
    time.at(SILENCE_NUDGE_S)  # the task, not the test, looks at the clock
    while not isinstance(await sub.get(timeout=30), SilenceNudgeEvent):
        pass
    while (await sub.get(timeout=30)).event != "ai_message_complete":
        pass
    await engine.sessions.pause(sid)
    await clock.wait_stopped()  # ended on its own after the pause
    assert engine.clocks.running() == []


async def test_a_deleted_session_ends_its_clock(engine: Engine) -> None:
    engine.clocks.period_s = 0.01
    sid, _time, clock = await _begin(engine)
    await engine.sessions.delete(sid)
    await asyncio.wait_for(clock.wait_stopped(), 30)
    assert engine.clocks.running() == []


async def test_the_clock_keeps_quiet_while_the_interviewer_speaks(engine: Engine) -> None:
    sid, time, _clock = await _begin(engine)
    clocks = engine.clocks
    assert not clocks.speaking(sid)
    engine.events.publish(
        AiTokenEvent(data=AiTokenData(session_id=sid, token="Hm", message_id="m"))
    )
    assert clocks.speaking(sid)
    time.at(59)
    assert clocks.speaking(sid)
    time.at(61)
    assert not clocks.speaking(sid)  # an answer that stopped streaming does not hold it forever
    engine.events.publish(
        AiTokenEvent(data=AiTokenData(session_id=sid, token="Hm", message_id="m"))
    )
    done = AiMessageCompleteData(session_id=sid, message_id="m", stored_id="s", full_content="Hm")
    engine.events.publish(AiMessageCompleteEvent(data=done))
    assert not clocks.speaking(sid)


async def test_engine_shutdown_stops_every_clock(engine: Engine) -> None:
    first, _time, one = await _begin(engine)
    second, _time2, two = await _begin(engine)
    assert sorted(engine.clocks.running()) == sorted([first, second])
    await engine.stop_background()
    assert engine.clocks.running() == []
    await one.wait_stopped()
    await two.wait_stopped()


async def test_each_users_clock_speaks_on_that_users_stream(engine: Engine) -> None:
    other = engine.create_user("B")
    session = await other.sessions.create(SessionCreate(problem_slug="two-sum"))
    await other.interview.begin(session.id)
    clock = engine.clocks.get(session.id)
    assert clock is not None
    started = (await other.sessions.get(session.id)).resumed_at
    assert started is not None
    engine.clocks.now = lambda: started + timedelta(seconds=SILENCE_NUDGE_S)
    mine, theirs = engine.events.subscribe(), other.events.subscribe()
    assert await clock.step() is not None
    assert [e.event for e in theirs.pending() if e.event in CLOCK_EVENTS] == ["silence_nudge"]
    assert mine.pending() == []
    nudges = [m for m in await other.sessions.messages(session.id) if "quiet" in m.content]
    assert len(nudges) == 1


def _row(**changes: object) -> InterviewSession:
    base = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    values: dict[str, object] = {
        "id": "s",
        "user_id": "u",
        "kind": "coding",
        "topic": "",
        "difficulty": "EASY",
        "language": "python",
        "status": SessionStatus.IN_PROGRESS,
        "duration_minutes": 45,
        "started_at": base,
        "resumed_at": base,
        "created_at": base,
        "updated_at": base,
    }
    return InterviewSession.model_validate(values | changes)


def test_due_decides_from_the_session_alone() -> None:
    start = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    later = start + timedelta(hours=5)
    assert due(_row(status=SessionStatus.PAUSED), [], later) is None
    assert due(_row(status=SessionStatus.COMPLETED), [], later) is None
    # back from a long pause (resumed a minute ago, 10 minutes of active time): not a silence
    back = _row(active_seconds=600, resumed_at=later - timedelta(minutes=1))
    assert due(back, [], later) is None
    cue = due(back, [], later + timedelta(minutes=2))
    assert cue is not None and cue.cue == "silence_nudge" and cue.silent_s == 180
    # a recorded time-up silences everything, even a long silence near the end
    over = _row(active_seconds=44 * 60, session_metadata={"time_up": True})
    assert due(over, [], later) is None
