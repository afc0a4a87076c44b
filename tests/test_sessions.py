"""The session engine API: the lifecycle state machine, events, timing, content."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, cast

import pytest
from fakes.llm_server import FakeLLMServer

from coach_engine import goals
from coach_engine.config import Config
from coach_engine.dashboard.service import dashboard
from coach_engine.engine import Engine
from coach_engine.errors import LifecycleError, NotFoundError, ValidationError
from coach_engine.events import CodeResultEvent, InterviewHintEvent, SessionStatusEvent
from coach_engine.export import export_packet
from coach_engine.feedback_jobs import FeedbackResult, Progress
from coach_engine.interview import InterviewService
from coach_engine.lifecycle import TRANSITIONS, Action
from coach_engine.models import (
    CodeRun,
    Drill,
    DrillType,
    FeedbackStatus,
    InterviewSession,
    Role,
    SessionCreate,
    SessionStatus,
    SnapshotReason,
)
from coach_engine.store import SQLiteStore, Store

S = SessionStatus


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(SQLiteStore.open(tmp_path / "e.db"), Config())


# The shortest path of actions from CREATED to each state.
PATHS = {
    S.CREATED: [],
    S.IN_PROGRESS: [Action.START],
    S.PAUSED: [Action.START, Action.PAUSE],
    S.AWAITING_FEEDBACK: [Action.START, Action.SUBMIT],
    S.COMPLETED: [Action.START, Action.COMPLETE],
    S.CANCELLED: [Action.CANCEL],
}


async def _at(engine: Engine, state: SessionStatus) -> InterviewSession:
    session = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    for action in PATHS[state]:
        session = await getattr(engine.sessions, action.value)(session.id)
    assert session.status == state
    return session


@pytest.mark.parametrize(("state", "action"), list(itertools.product(S, Action)))
async def test_every_transition(engine: Engine, state: SessionStatus, action: Action) -> None:
    session = await _at(engine, state)
    before = engine.store.get_session(engine.user.id, session.id)
    expected = TRANSITIONS.get((state, action))
    if expected is None:
        with pytest.raises(LifecycleError, match=f"cannot {action.value}.*{state.value}"):
            await getattr(engine.sessions, action.value)(session.id)
        after = engine.store.get_session(engine.user.id, session.id)
        assert after == before  # the row is untouched
    else:
        moved = await getattr(engine.sessions, action.value)(session.id)
        assert moved.status == expected
        assert engine.store.get_session(engine.user.id, session.id).status == expected


def test_transition_table_is_complete() -> None:
    # every non-terminal state can be cancelled; terminal states have no way out
    for state in (S.CREATED, S.IN_PROGRESS, S.PAUSED, S.AWAITING_FEEDBACK):
        assert (state, Action.CANCEL) in TRANSITIONS
    assert not [k for k in TRANSITIONS if k[0] in (S.COMPLETED, S.CANCELLED)]


async def test_racing_transition_loses_cleanly(engine: Engine) -> None:
    session = await _at(engine, S.IN_PROGRESS)
    # another process pauses it behind our back between our read and our write
    other = Engine(SQLiteStore.open(Path(engine.store.location)), Config())
    stale = engine.store.get_session(engine.user.id, session.id)
    await other.sessions.pause(session.id)
    ok = engine.store.transition_session(
        engine.user.id, session.id, expected=stale.status, new=S.AWAITING_FEEDBACK, changes={}
    )
    assert not ok
    assert engine.store.get_session(engine.user.id, session.id).status == S.PAUSED


async def test_events_stream_status_and_results(engine: Engine) -> None:
    async with engine.events.subscribe() as sub:
        session = await engine.sessions.create(SessionCreate())
        await engine.sessions.start(session.id)
        await engine.sessions.record_run(
            CodeRun(
                session_id=session.id,
                user_id=engine.user.id,
                language="python",
                code="",
                verdict="WA",
                passed=1,
                total=3,
            )
        )
        events = [await sub.get(timeout=1) for _ in range(3)]
    assert [e.event for e in events] == ["session_status", "session_status", "code_result"]
    moved, result = events[1], events[2]
    assert isinstance(moved, SessionStatusEvent) and isinstance(result, CodeResultEvent)
    assert (moved.data.status, moved.data.previous) == ("IN_PROGRESS", "CREATED")
    assert result.data.tests_passed == 1 and result.session_id == session.id


async def test_session_filtered_subscription(engine: Engine) -> None:
    a = await engine.sessions.create(SessionCreate())
    b = await engine.sessions.create(SessionCreate())
    sub = engine.events.subscribe(session_id=b.id)
    await engine.sessions.start(a.id)
    await engine.sessions.start(b.id)
    event = await sub.get(timeout=1)
    assert event.session_id == b.id
    sub.close()
    with pytest.raises(asyncio.TimeoutError):
        await engine.events.subscribe(session_id=a.id).get(timeout=0.05)


async def test_active_time_excludes_pauses(engine: Engine) -> None:
    before = time.monotonic()
    session = await _at(engine, S.IN_PROGRESS)
    await asyncio.sleep(0.2)
    paused = await engine.sessions.pause(session.id)
    # at least the sleep, at most the time that passed (however loaded the machine)
    assert 0.2 <= paused.active_seconds <= time.monotonic() - before + 0.05
    await asyncio.sleep(0.3)  # paused time does not count
    resumed = await engine.sessions.resume(session.id)
    assert resumed.resumed_at is not None
    assert resumed.elapsed_seconds(now=resumed.resumed_at) == paused.active_seconds
    done = await engine.sessions.complete(session.id, score=0)
    assert done.score == 0 and done.completed_at is not None


async def test_content_api_and_resume_target(engine: Engine) -> None:
    first = await _at(engine, S.COMPLETED)
    second = await _at(engine, S.PAUSED)
    assert (await engine.sessions.most_recent_unfinished()).id == second.id  # type: ignore[union-attr]
    await engine.sessions.add_message(second.id, Role.AI, "Hi! Here is the problem.")
    await engine.sessions.add_message(second.id, Role.USER, "Can the array be empty?")
    await engine.sessions.save_code(second.id, "class Solution: ...", "python")
    await engine.sessions.save_code(
        second.id, "class Solution:\n  pass", "python", SnapshotReason.RUN
    )
    await engine.sessions.add_note(second.id, "check negatives")
    assert [m.role for m in await engine.sessions.messages(second.id[:7])] == [Role.AI, Role.USER]
    latest = await engine.sessions.latest_code(second.id)
    assert latest is not None and latest.reason == SnapshotReason.RUN
    assert [n.content for n in await engine.sessions.notes(second.id)] == ["check negatives"]
    with pytest.raises(ValidationError):
        await engine.sessions.add_note(second.id, "  ")
    with pytest.raises(ValidationError):
        await engine.sessions.complete(second.id, score=101)
    await engine.sessions.delete(first.id)
    with pytest.raises(NotFoundError):
        await engine.sessions.get(first.id)


async def test_list_with_status_filter_strings(engine: Engine) -> None:
    await _at(engine, S.PAUSED)
    await _at(engine, S.COMPLETED)
    await _at(engine, S.IN_PROGRESS)
    page = await engine.sessions.list_sessions(status="in_progress, paused")
    assert {s.status for s in page.items} == {S.IN_PROGRESS, S.PAUSED}
    with pytest.raises(ValidationError, match="unknown status 'finished'.*in_progress"):
        await engine.sessions.list_sessions(status="finished")


def test_session_create_validates_input() -> None:
    with pytest.raises(Exception, match="language"):
        SessionCreate(language="cobol")
    with pytest.raises(Exception, match="duration_minutes"):
        SessionCreate(duration_minutes=1)


# async safety: no blocking SQLite call on the event loop; read-modify-write is compare-and-set
GOOD = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)


def _record_loop_calls(store: SQLiteStore) -> list[str]:
    """Wrap every public store method so a call made on the event loop's thread is recorded
    (AsyncStore runs them in worker threads; a direct call would block every session)."""
    loop_thread = threading.get_ident()
    on_loop: list[str] = []
    for name in dir(Store):
        if name.startswith("_") or not callable(getattr(Store, name)):
            continue
        method = getattr(store, name)

        def wrapped(*args: object, _name: str = name, _m: Any = method, **kw: object) -> Any:
            if threading.get_ident() == loop_thread:
                on_loop.append(_name)
            return _m(*args, **kw)

        setattr(store, name, wrapped)
    return on_loop


async def _scripted(session: InterviewSession, progress: Progress) -> FeedbackResult:
    progress(0.5, "judging")
    return FeedbackResult(overall_score=70, criterion_scores={"time_complexity": 30})


async def test_services_never_call_the_store_on_the_event_loop(tmp_path: Path) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "loop.db"), Config(), producer=_scripted)
    on_loop = _record_loop_calls(cast(SQLiteStore, engine.store))
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.interview.begin(s.id)
    await engine.interview.send(s.id, "Can the array be empty?")
    await engine.interview.hint(s.id)
    await engine.sessions.save_code(s.id, GOOD, "python")
    await engine.sessions.add_note(s.id, "one pass")
    await engine.sessions.pause(s.id)
    await engine.sessions.resume(s.id)
    await engine.interview.run(s.id, GOOD, "python")
    await engine.interview.submit(s.id, GOOD, "python")
    job = (await engine.feedback.for_session(s.id))[-1]
    done = await engine.feedback.wait(job.id)
    assert done.status == FeedbackStatus.COMPLETED
    # an accepted submission keeps the interview open (submit again until it ends)
    assert (await engine.sessions.get(s.id)).status == S.IN_PROGRESS
    assert len(await engine.interview.submissions(s.id)) == 1
    await engine.interviews.end(s.id)
    assert (await engine.sessions.get(s.id)).status == S.COMPLETED
    await engine.sessions.list_sessions(status="completed")
    drill = await _concept_drill(engine)
    await engine.drills.hint(drill.id)
    await engine.drills.answer(drill.id, "a hash map: O(n) time")
    await engine.drills.queue()
    await engine.feedback.resume()
    # the goals and the dashboard too (the insight is offline: no provider configured)
    await goals.add_goal(engine, "Read 3 papers", 3)
    await goals.set_goal(engine, "Read 3 papers", total=4)
    await goals.remove_goal(engine, "Read 3 papers")
    board = await dashboard(engine)
    assert board.interviews_completed == 1
    packet = await export_packet(engine, all_=True)
    assert [p.session.id for p in packet.sessions] == [s.id]
    assert len(on_loop) == 0, f"store called on the event loop: {sorted(set(on_loop))}"
    # the recorder itself works: a direct call on the loop is seen
    engine.store.list_skills(engine.user.id)
    assert on_loop == ["list_skills"]
    await engine.aclose()


async def _concept_drill(engine: Engine) -> Drill:
    drill = Drill(
        user_id=engine.user.id,
        title="Cost of a hash map lookup",
        prompt="What does one pass with a hash map cost?",
        drill_type=DrillType.CONCEPT_REVIEW,
        key_points=["hash map", "O(n) time"],
        hints=["think of lookups", "each is O(1)"],
        target_skill="complexity-analysis",
    )
    return await engine.astore.run(engine.store.add_drill, drill)


async def test_concurrent_hints_each_count(engine: Engine) -> None:
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.interview.begin(s.id)
    sub = engine.events.subscribe(s.id)
    await asyncio.gather(*(engine.interview.hint(s.id) for _ in range(3)))
    assert (await engine.sessions.get(s.id)).hints_used == 3  # none lost to a race
    levels = sorted(e.data.level for e in sub.pending() if isinstance(e, InterviewHintEvent))
    assert levels == [1, 2, 3]


async def test_concurrent_drill_answers_are_two_reviews(engine: Engine) -> None:
    drill = await _concept_drill(engine)
    await asyncio.gather(
        engine.drills.answer(drill.id, "a hash map: O(n) time"),
        engine.drills.answer(drill.id, "a hash map: O(n) time"),
    )
    after = await engine.drills.get(drill.id)
    assert after.attempts == 2 and after.repetitions == 2  # the second built on the first
    hints = await asyncio.gather(*(engine.drills.hint(drill.id) for _ in range(2)))
    assert sorted(hints) == sorted(drill.hints)  # two callers, two different hints
    assert (await engine.drills.get(drill.id)).hints_used == 2


async def test_metadata_writes_merge(engine: Engine) -> None:
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.interview.begin(s.id)
    # two keys written at once by different paths (a reply and the clock) both land
    await asyncio.gather(
        engine.interview._remember(s, a=1),
        engine.interview._remember(s, b=2),
    )
    meta = (await engine.sessions.get(s.id)).session_metadata
    assert meta["a"] == 1 and meta["b"] == 2


# Only checks neighbouring pairs: right on the visible examples, wrong on most hidden tests.
BUGGY = (
    "class Solution:\n    def twoSum(self, nums, target):\n"
    "        for i in range(len(nums) - 1):\n"
    "            if nums[i] + nums[i + 1] == target:\n                return [i, i + 1]\n"
    "        return []\n"
)


async def test_concurrent_reveals_are_two_different_steps(engine: Engine) -> None:
    # no feedback service: the submission stays awaiting feedback, as in the interviewer tests
    service = InterviewService(engine.sessions, engine.events, engine.bank)
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum", language="python"))
    await service.begin(s.id)
    submission = await service.submit(s.id, BUGGY, "python")  # the real sandbox
    assert submission.verdict == "WA"  # the interview stays open: reveals during it
    first, second = await asyncio.gather(service.reveal(s.id), service.reveal(s.id))
    one, two = sorted([first.content, second.content], key=lambda t: "Its input shape" in t)
    assert one.startswith("The failing hidden test is")  # step 1 once
    assert "Its input shape" in two and "Its input shape" not in one  # and step 2 once
    after = await engine.sessions.get(s.id)
    assert after.reveals_used == 2
    # the first failing hidden test is shown in the results, free: the ladder is the next one's
    failing = [t for t in submission.tests if t.hidden and t.verdict != "AC"][1]
    assert after.session_metadata[f"reveal:{failing.index}"] == 2  # the ladder of that test
    # the ladder goes on from there and stops at its last step
    third, fourth, fifth = [await service.reveal(s.id) for _ in range(3)]
    assert "A small input your code also gets wrong" in third.content
    assert fourth.content.startswith("The full failing input")
    assert fifth.content.startswith("The full failing input")  # the last step, again
    assert (await engine.sessions.get(s.id)).reveals_used == 4  # shown again, not charged


async def test_session_calls_make_one_store_hop(engine: Engine) -> None:
    """The ownership check and the operation share one worker-thread hop (each hop is a thread
    switch; the concurrency bench measures what two cost)."""
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.sessions.start(s.id)
    other = engine.create_user("Bob")
    hops: list[str] = []
    real_run = engine.astore.run

    async def counted(fn: Any, /, *args: Any, **kw: Any) -> Any:
        hops.append(getattr(fn, "__name__", "?"))
        return await real_run(fn, *args, **kw)

    engine.astore.run = counted  # type: ignore[method-assign]
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        "add_message": lambda: engine.sessions.add_message(s.id, Role.USER, "hi"),
        "messages": lambda: engine.sessions.messages(s.id),
        "save_code": lambda: engine.sessions.save_code(s.id, GOOD, "python"),
        "latest_code": lambda: engine.sessions.latest_code(s.id),
        "add_note": lambda: engine.sessions.add_note(s.id, "one pass"),
        "notes": lambda: engine.sessions.notes(s.id),
        "runs": lambda: engine.sessions.runs(s.id),
        "pause": lambda: engine.sessions.pause(s.id),
        "resume": lambda: engine.sessions.resume(s.id),
    }
    for name, call in calls.items():
        hops.clear()
        await call()
        assert len(hops) == 1, f"{name} took {len(hops)} store hops: {hops}"
    # the check is still there: another user's session id is refused in that one hop
    with pytest.raises(NotFoundError):
        await other.sessions.add_message(s.id, Role.USER, "not mine")
    assert len(await engine.sessions.messages(s.id)) == 1


LLM_KEY = "sk-loop-guard-test-key"


async def test_an_interview_with_an_llm_provider_never_calls_the_store_on_the_loop(
    tmp_path: Path,
) -> None:
    """The guard above, with a hosted provider (the loopback fake speaking OpenAI's wire
    format): the client's budget reservation, its log rows and their settlement, the feedback's
    narrative and the dashboard's insight all run their store work in worker threads."""
    with FakeLLMServer(api_key=LLM_KEY) as server:
        config = Config.model_validate(
            {
                "provider": {
                    "name": "openai",
                    "model": "gpt-4o-mini",
                    "base_url": server.openai_url,
                    "fallback_offline": False,  # a provider failure fails the test
                },
                "keys": {"openai": LLM_KEY},
            }
        )
        engine = Engine(SQLiteStore.open(tmp_path / "llm.db"), config)
        on_loop = _record_loop_calls(cast(SQLiteStore, engine.store))
        assert await engine.connect_provider() == "openai"
        s = await engine.sessions.create(SessionCreate(problem_slug="two-sum", language="python"))
        await engine.interview.begin(s.id)
        await engine.interview.send(s.id, "Can the array be empty?")
        await engine.interview.hint(s.id)
        await engine.sessions.save_code(s.id, GOOD, "python")
        await engine.interview.run(s.id, GOOD, "python")
        await engine.interview.tick(s.id)
        await engine.interview.submit(s.id, GOOD, "python")
        job = (await engine.feedback.for_session(s.id))[-1]
        await engine.feedback.wait(job.id)
        await dashboard(engine)
        assert on_loop == [], f"store called on the event loop: {sorted(set(on_loop))}"
        calls = engine.store.list_llm_calls(engine.user.id)
        posted = [r for r in server.requests if r.method == "POST"]
        assert len(calls) == len(posted) >= 4  # greeting, reply, hint, run reaction, ...
        assert {c.outcome for c in calls} <= {"ok", "invalid_output"}  # none left pending
        await engine.aclose()
