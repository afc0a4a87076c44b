"""Multi-user isolation: one engine, two users — B can never see or change A's data.

A's world is built through the engine on a real SQLite store in a temp dir, with the real
sandbox (a submission and the drills' reference checks): sessions, messages, code snapshots,
notes, runs, a completed feedback, drills, skills and weekly goals. Then B calls **every public
method of every service of its scope** (enumerated, not hand-picked: a new service or method
without an isolation case fails ``test_every_service_method_has_an_isolation_case``) aimed at
A's ids. Each call must fail with "not found" or return only B's own data; afterwards A's rows
are exactly as before.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

import pytest
from samples import GOOD, weak_feedback

from coach_engine.config import Config
from coach_engine.engine import Engine, UserEngine
from coach_engine.errors import NotFoundError, ProviderError, ValidationError
from coach_engine.events import ErrorEvent, Event, Subscription
from coach_engine.feedback_jobs import FeedbackResult, Progress
from coach_engine.interviewer.base import Context, Interviewer, RevealStep
from coach_engine.interviewer.offline import OfflineInterviewer
from coach_engine.models import (
    CodeRun,
    DrillType,
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    Role,
    SessionCreate,
    SnapshotReason,
)
from coach_engine.store import SQLiteStore


async def scripted_feedback(session: InterviewSession, progress: Progress) -> FeedbackResult:
    """Feedback with weak criteria, so drills of every kind are generated from it. (The judge
    itself is tested elsewhere; here only whose rows it reads and writes matters.)"""
    progress(0.5, "judging")
    return weak_feedback()


@dataclass
class World:
    engine: Engine
    a: UserEngine
    b: UserEngine
    done: InterviewSession  # submitted, feedback completed, drills generated
    live: InterviewSession  # in progress, with a message, code and a note
    fresh: InterviewSession  # created, never started
    feedback: FeedbackRun
    drill_ids: list[str]
    goal_id: str
    b_events: Subscription
    b_watching_a: Subscription
    a_events: Subscription
    a_ids: set[str] = field(default_factory=set)

    def a_session_ids(self) -> set[str]:
        return {self.done.id, self.live.id, self.fresh.id}


def snapshot(engine: Engine, user_id: str) -> dict[str, Any]:
    """Every row of the user, read from the store directly (the ground truth)."""
    store = engine.store
    sessions = store.list_sessions(user_id, limit=500).items
    per_session = {
        s.id: {
            "messages": store.list_messages(user_id, s.id),
            "snapshots": store.list_snapshots(user_id, s.id),
            "notes": store.list_notes(user_id, s.id),
            "runs": store.list_runs(user_id, s.id),
            "feedback": store.list_feedback(user_id, s.id),
        }
        for s in sessions
    }
    data = {
        "sessions": sessions,
        "content": per_session,
        "drills": store.list_drills(user_id),
        "skills": store.list_skills(user_id),
        "goals": store.list_goals(user_id, include_removed=True),
        "reviews": store.list_drill_reviews(user_id),
        "skill_sources": sorted(store.list_skill_sources(user_id)),
        "llm_calls": store.list_llm_calls(user_id),
        "rows": store.count_rows(user_id),
    }
    return cast(dict[str, Any], json.loads(_dump(data)))


def _dump(value: Any) -> str:
    def default(o: Any) -> Any:
        if hasattr(o, "model_dump"):
            return o.model_dump(mode="json")
        if hasattr(o, "__dataclass_fields__"):
            return {k: getattr(o, k) for k in o.__dataclass_fields__}
        if isinstance(o, set | frozenset):
            return sorted(o, key=str)
        return str(o)

    return json.dumps(value, default=default, sort_keys=True)


def mentioned(ids: set[str], value: Any) -> set[str]:
    """Which of ``ids`` appear anywhere in ``value`` (models, lists, dicts, dataclasses)."""
    text = _dump(value)
    return {i for i in ids if i in text}


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    engine = Engine(SQLiteStore.open(tmp_path / "multi.db"), Config(), producer=scripted_feedback)
    a = engine.create_user("Ann")
    b = engine.create_user("Bob")
    b_events = b.events.subscribe()
    a_events = a.events.subscribe()

    from coach_engine import goals

    done = await a.sessions.create(SessionCreate(problem_slug="two-sum"))
    await a.interview.begin(done.id)
    await a.interview.send(done.id, "Can the array be empty?")
    await a.interview.hint(done.id)
    await a.sessions.save_code(done.id, GOOD, "python")
    await a.sessions.add_note(done.id, "hash map, one pass")
    await a.interview.run(done.id, GOOD, "python")
    await a.interview.submit(done.id, GOOD, "python")  # real sandbox; queues feedback
    job = a.store.list_feedback(a.user_id, done.id)[-1]
    feedback = await a.feedback.wait(job.id)
    assert feedback.status == FeedbackStatus.COMPLETED, feedback.error_message
    await a.interviews.end(done.id)  # an accepted submission leaves it open until it ends
    drills = await a.drills.generate(feedback.id)  # reference solutions run in the sandbox
    assert drills
    concept = next(d for d in drills if d.drill_type == DrillType.CONCEPT_REVIEW)
    await a.drills.hint(concept.id)
    await a.drills.answer(concept.id, "O(n) time with a hash map, O(n) space.")
    week = await goals.add_goal(cast(Any, a), "Read 3 papers", 3)
    goal = next(g for g in week if g.label == "Read 3 papers")

    live = await a.sessions.create(SessionCreate(problem_slug="two-sum"))
    await a.interview.begin(live.id)
    await a.sessions.save_code(live.id, GOOD, "python", SnapshotReason.MANUAL)
    await a.sessions.add_note(live.id, "try sorting first")
    fresh = await a.sessions.create(SessionCreate(problem_slug="valid-parentheses"))

    # B has data of its own too, so "own" answers are not trivially empty
    own = await b.sessions.create(SessionCreate(problem_slug="two-sum"))
    await b.interview.begin(own.id)

    w = World(
        engine=engine,
        a=a,
        b=b,
        done=await a.sessions.get(done.id),
        live=await a.sessions.get(live.id),
        fresh=fresh,
        feedback=feedback,
        drill_ids=[d.id for d in drills],
        goal_id=goal.id,
        b_events=b_events,
        b_watching_a=b.events.subscribe(done.id),
        a_events=a_events,
    )
    before = snapshot(engine, a.user_id)
    w.a_ids = _row_ids(before)
    yield w
    await engine.aclose()


def _row_ids(data: dict[str, Any]) -> set[str]:
    """Ids of A's rows (sessions, messages, snapshots, notes, runs, feedback, drills, goals)."""
    out: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str) and len(value["id"]) >= 16:
                out.add(value["id"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return out


# the cases: how B aims each method at A's data ---------------------------------------------
Call = Callable[[UserEngine, World], Any]
DENIED = "denied"  # must raise NotFoundError (A's rows look like missing ones)
OWN = "own"  # must succeed (or fail for B's own reasons) and mention no row of A
LAST = "last"  # destructive on B's own data: run after the others, then checked as OWN


@dataclass(frozen=True)
class Case:
    call: Call
    expect: str = DENIED
    errors: tuple[type[Exception], ...] = (NotFoundError,)


def d(call: Call, *errors: type[Exception]) -> Case:
    return Case(call, DENIED, errors or (NotFoundError,))


def own(call: Call) -> Case:
    return Case(call, OWN)


def _goals(name: str) -> Any:
    return getattr(importlib.import_module("coach_engine.goals"), name)


def _get_session(b: UserEngine, w: World, *, prefix: str) -> Awaitable[InterviewSession]:
    return b.sessions.get(prefix)


def _run_for_a(w: World, user_id: str) -> CodeRun:
    return CodeRun(
        session_id=w.done.id,
        user_id=user_id,
        language="python",
        code=GOOD,
        verdict="AC",
        passed=1,
        total=1,
    )


SERVICE_CASES: dict[str, dict[str, Case]] = {
    "sessions": {
        "create": own(lambda b, w: b.sessions.create(SessionCreate(problem_slug="two-sum"))),
        "get": d(lambda b, w: b.sessions.get(w.done.id)),
        "list_sessions": own(lambda b, w: b.sessions.list_sessions(limit=100)),
        "most_recent_unfinished": own(lambda b, w: b.sessions.most_recent_unfinished()),
        "delete": d(lambda b, w: b.sessions.delete(w.fresh.id)),
        "start": d(lambda b, w: b.sessions.start(w.fresh.id)),
        "pause": d(lambda b, w: b.sessions.pause(w.live.id)),
        "resume": d(lambda b, w: b.sessions.resume(w.live.id)),
        "submit": d(lambda b, w: b.sessions.submit(w.live.id)),
        "attempt": d(lambda b, w: b.sessions.attempt(w.live.id)),
        "complete": d(lambda b, w: b.sessions.complete(w.live.id, score=100)),
        "cancel": d(lambda b, w: b.sessions.cancel(w.live.id)),
        "add_message": d(lambda b, w: b.sessions.add_message(w.live.id, Role.USER, "hi")),
        "messages": d(lambda b, w: b.sessions.messages(w.done.id)),
        "save_code": d(lambda b, w: b.sessions.save_code(w.live.id, "x", "python")),
        "latest_code": d(lambda b, w: b.sessions.latest_code(w.live.id)),
        "add_note": d(lambda b, w: b.sessions.add_note(w.live.id, "mine now")),
        "notes": d(lambda b, w: b.sessions.notes(w.done.id)),
        # a run naming A's session under B's id, or A's id outright
        "record_run": d(lambda b, w: b.sessions.record_run(_run_for_a(w, b.user_id))),
        "runs": d(lambda b, w: b.sessions.runs(w.done.id)),
    },
    "interview": {
        "problem": own(lambda b, w: b.interview.problem(w.fresh)),  # public bank content
        "interviewer_for": own(lambda b, w: b.interview.interviewer_for(w.live)),
        "context": d(lambda b, w: b.interview.context(w.live.id)),
        "begin": d(lambda b, w: b.interview.begin(w.fresh.id)),
        "send": d(lambda b, w: b.interview.send(w.live.id, "what did A say?")),
        "hint": d(lambda b, w: b.interview.hint(w.live.id)),
        "reveal": d(lambda b, w: b.interview.reveal(w.done.id)),
        "reveal_offer": d(lambda b, w: b.interview.reveal_offer(w.done.id)),
        "run": d(lambda b, w: b.interview.run(w.live.id, GOOD, "python")),
        "submit": d(lambda b, w: b.interview.submit(w.live.id, GOOD, "python")),
        "submissions": d(lambda b, w: b.interview.submissions(w.done.id)),
        "feedback_on_end": d(lambda b, w: b.interview.feedback_on_end(w.done.id)),
        "request_feedback": d(lambda b, w: b.interview.request_feedback(w.done.id)),
        "tick": d(lambda b, w: b.interview.tick(w.live.id)),
        "watch": d(lambda b, w: b.interview.watch(w.live.id)),
    },
    "feedback": {
        "request": d(lambda b, w: b.feedback.request(w.done.id)),
        "status": d(lambda b, w: b.feedback.status(w.feedback.id)),
        "for_session": d(lambda b, w: b.feedback.for_session(w.done.id)),
        "wait": d(lambda b, w: b.feedback.wait(w.feedback.id)),
        "resume": own(lambda b, w: b.feedback.resume()),
    },
    "drills": {
        "generate": d(lambda b, w: b.drills.generate(w.feedback.id)),
        "queue": own(lambda b, w: b.drills.queue(include_done=True)),
        "get": d(lambda b, w: b.drills.get(w.drill_ids[0])),
        "hint": d(lambda b, w: b.drills.hint(w.drill_ids[0])),
        "skip": d(lambda b, w: b.drills.skip(w.drill_ids[-1])),
        "answer": d(lambda b, w: b.drills.answer(w.drill_ids[1], "O(n) with a hash map")),
        "submit_code": d(lambda b, w: b.drills.submit_code(w.drill_ids[0], GOOD, "python")),
    },
    "interviews": {
        "solved_slugs": own(lambda b, w: b.interviews.solved_slugs()),
        "problem_stats": own(lambda b, w: b.interviews.problem_stats()),
        "problems": own(lambda b, w: b.interviews.problems()),
        "listing": own(lambda b, w: b.interviews.listing()),  # the bank's, no one's data
        "unfinished": own(lambda b, w: b.interviews.unfinished(limit=50)),
        "unfinished_for": own(lambda b, w: b.interviews.unfinished_for(w.live.problem_slug or "")),
        "recent": own(lambda b, w: b.interviews.recent(limit=50)),
        "start": own(lambda b, w: b.interviews.start("two-sum")),
        "feedback_jobs": d(lambda b, w: b.interviews.feedback_jobs(w.done.id)),
        "latest_feedback": d(lambda b, w: b.interviews.latest_feedback(w.done.id)),
        "latest_completed_feedback": d(
            lambda b, w: b.interviews.latest_completed_feedback(w.done.id)
        ),
        "view": d(lambda b, w: b.interviews.view(w.done.id)),
        "editor_code": d(lambda b, w: b.interviews.editor_code(w.live.id)),
        "requeue_lost_feedback": d(lambda b, w: b.interviews.requeue_lost_feedback(w.done.id)),
        "save_if_changed": d(
            lambda b, w: b.interviews.save_if_changed(w.live.id, "x", "python", SnapshotReason.RUN)
        ),
        "autosave": d(lambda b, w: b.interviews.autosave(w.live.id, "x", "python")),
        "leave": d(lambda b, w: b.interviews.leave(w.live.id, "x", "python")),
        "switch_language": d(lambda b, w: b.interviews.switch_language(w.live.id, "java")),
        "end": d(lambda b, w: b.interviews.end(w.live.id)),
        "summary": d(lambda b, w: b.interviews.summary(w.done.id)),
        "drill_editor": d(lambda b, w: b.interviews.drill_editor(w.drill_ids[0])),
        "mark_unsaved": d(lambda b, w: b.interviews.mark_unsaved(w.live.id, None)),
        "unsaved_work_lost": d(lambda b, w: b.interviews.unsaved_work_lost(w.live.id)),
    },
    "account": {
        "row_counts": own(lambda b, w: b.account.row_counts()),
        "delete_all": Case(lambda b, w: b.account.delete_all(), LAST),
    },
    "custom_input": {
        "run_in_interview": d(
            lambda b, w: b.custom_input.run_in_interview(w.live.id, GOOD, "python", "[1,2]\n3")
        ),
    },
}

EXEMPT_METHODS: dict[str, dict[str, str]] = {
    "custom_input": {
        name: "runs code the caller passes in on a problem of the shared bank; reads and "
        "writes no stored row (tests/test_custom_input.py)"
        for name in ("example", "check", "run", "arun")
    },
    "solution_feedback": {
        "review": "judges code the caller passes in; reads no stored row of anyone and logs "
        "provider usage under its own user id (covered by tests/test_feedback_service.py)",
    },
}

NOT_SERVICES: dict[str, str] = {
    "engine": "the process-wide engine the scope belongs to (server code, not a client)",
    "user": "the scope's own user row",
    "user_id": "the scope's own user id",
    "store": "the raw store: every method takes the user id explicitly",
    "astore": "the raw store's calls as coroutines: every method takes the user id explicitly",
    "config": "process-wide configuration, no user rows",
    "bank": "the shared problem bank: public content, no user rows",
    "events": "the user's event bus: checked by test_events_reach_only_their_user",
    "llm_client": "provider client that logs under the scope's user id (None offline)",
    "interviewer": "which interviewer speaks (no user rows)",
}

# module-level per-user entry points (first parameter: the engine or scope)
FUNCTION_MODULES = ("coach_engine.goals", "coach_engine.export", "coach_engine.dashboard.service")
FUNCTION_CASES: dict[str, Case] = {
    "coach_engine.goals.week_goals": own(lambda b, w: _goals("week_goals")(b)),
    "coach_engine.goals.add_goal": own(lambda b, w: _goals("add_goal")(b, "Read 3 papers", 3)),
    "coach_engine.goals.set_goal": d(lambda b, w: _goals("set_goal")(b, w.goal_id, total=9)),
    "coach_engine.goals.remove_goal": d(lambda b, w: _goals("remove_goal")(b, w.goal_id)),
    "coach_engine.export.export_packet": d(
        lambda b, w: importlib.import_module("coach_engine.export").export_packet(b, w.done.id)
    ),
    "coach_engine.export.session_packet": own(  # handed A's session object: still none of A's rows
        lambda b, w: (
            importlib.import_module("coach_engine.export")
            .session_packet(b, w.done)
            .model_copy(update={"session": None})
        )
    ),
    "coach_engine.dashboard.service.dashboard": own(
        lambda b, w: importlib.import_module("coach_engine.dashboard.service").dashboard(b)
    ),
}


def _services(scope: UserEngine) -> dict[str, object]:
    names = [n for n in dir(scope) if not n.startswith("_")]
    return {n: getattr(scope, n) for n in names if n not in NOT_SERVICES}


def _public_methods(service: object) -> list[str]:
    return sorted(
        name
        for name, member in inspect.getmembers(type(service))
        if not name.startswith("_") and (inspect.isfunction(member) or inspect.ismethod(member))
    )


def _scoped_functions() -> list[str]:
    found = []
    for module_name in FUNCTION_MODULES:
        module = importlib.import_module(module_name)
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module_name:
                continue
            params = list(inspect.signature(fn).parameters)
            if params and params[0] in ("engine", "scope", "user"):
                found.append(f"{module_name}.{name}")
    return sorted(found)


def test_every_service_method_has_an_isolation_case(tmp_path: Path) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "enum.db"), Config())
    scope = engine.create_user("Enumerated")
    missing = []
    for name, service in _services(scope).items():
        cases = SERVICE_CASES.get(name, {})
        exempt = EXEMPT_METHODS.get(name, {})
        if not cases and not exempt:
            missing.append(f"UserEngine.{name} (a new service?)")
            continue
        missing += [
            f"UserEngine.{name}.{m}"
            for m in _public_methods(service)
            if m not in cases and m not in exempt
        ]
    missing += [f for f in _scoped_functions() if f not in FUNCTION_CASES]
    assert not missing, (
        "no isolation case for: " + ", ".join(missing) + " — add one to SERVICE_CASES / "
        "FUNCTION_CASES in tests/test_multi_user.py (how user B aims it at A's data)"
    )
    stale = [n for n in SERVICE_CASES if n not in _services(scope)]
    assert not stale, f"cases for services the scope no longer has: {stale}"
    engine.close()


async def _attempt(case: Case, b: UserEngine, w: World) -> tuple[str, Any]:
    try:
        result = case.call(b, w)
        if inspect.isawaitable(result):
            result = await result
    except Exception as exc:
        return "raised", exc
    return "returned", result


def _check(label: str, case: Case, outcome: tuple[str, Any], w: World) -> str | None:
    kind, value = outcome
    if case.expect == DENIED:
        if kind == "raised" and isinstance(value, case.errors):
            return None
        return f"{label}: expected {[e.__name__ for e in case.errors]}, got {kind} {value!r:.200}"
    if kind == "raised" and not isinstance(value, ValidationError | NotFoundError):
        return f"{label}: failed on B's own data with {value!r:.200}"
    leaked = mentioned(w.a_ids, value) if kind == "returned" else set()
    return f"{label}: returned A's rows {sorted(leaked)[:3]}" if leaked else None


async def test_user_b_can_neither_see_nor_change_user_a(world: World) -> None:
    w = world
    before = snapshot(w.engine, w.a.user_id)
    assert before["drills"] and before["skills"] and before["goals"]  # A has all kinds of data
    assert all(before["content"][s][k] for s in (w.done.id,) for k in before["content"][s])
    problems: list[str] = []
    last: list[tuple[str, Case]] = []
    for service, cases in SERVICE_CASES.items():
        for method, case in cases.items():
            label = f"{service}.{method}"
            if case.expect == LAST:
                last.append((label, case))
                continue
            problems.append(_check(label, case, await _attempt(case, w.b, w), w) or "")
    for fn, case in FUNCTION_CASES.items():
        problems.append(_check(fn, case, await _attempt(case, w.b, w), w) or "")
    # id prefixes are resolved within the user's own sessions only
    for prefix in (w.done.id[:8], w.done.id[:4]):
        by_prefix = d(partial(_get_session, prefix=prefix))
        outcome = await _attempt(by_prefix, w.b, w)
        problems.append(_check(f"sessions.get({prefix!r})", by_prefix, outcome, w) or "")
    # a run recorded under A's user id by B's service is refused
    run_as_a = d(lambda b, _w: b.sessions.record_run(_run_for_a(_w, _w.a.user_id)), ValidationError)
    problems.append(_check("record_run(as A)", run_as_a, await _attempt(run_as_a, w.b, w), w) or "")
    for label, case in last:  # B deletes everything of its own
        outcome = await _attempt(case, w.b, w)
        problems.append(_check(label, Case(case.call, OWN), outcome, w) or "")
    assert [p for p in problems if p] == []
    assert snapshot(w.engine, w.a.user_id) == before  # A's rows exactly as they were
    with pytest.raises(NotFoundError):  # B's own delete-all removed B, and B only
        w.engine.for_user(w.b.user_id)
    assert w.engine.for_user(w.a.user_id).user == w.a.user


async def test_events_reach_only_their_user(world: World) -> None:
    w = world
    await w.a.interview.send(w.live.id, "I would use a hash map")
    b_seen = _pending(w.b_events)
    a_seen = _pending(w.a_events)
    assert {e.session_id for e in a_seen} >= {w.done.id, w.live.id}  # A saw its own events
    assert {e.event for e in a_seen} >= {"ai_token", "code_result", "feedback", "session_status"}
    assert not [e for e in b_seen if e.session_id in w.a_session_ids()]
    assert _pending(w.b_watching_a) == []  # subscribing to A's session id gives B nothing
    # B's own job runs on the shared worker and is announced to B only
    mine = await w.b.sessions.create(SessionCreate(problem_slug="two-sum"))
    await w.b.interview.begin(mine.id)
    await w.b.interview.submit(mine.id, GOOD, "python")
    job = w.b.store.list_feedback(w.b.user_id, mine.id)[-1]
    assert (await w.b.feedback.wait(job.id)).status == FeedbackStatus.COMPLETED
    assert any(e.event == "feedback" and e.session_id == mine.id for e in _pending(w.b_events))
    assert not [e for e in _pending(w.a_events) if e.session_id == mine.id]


def _pending(sub: Subscription) -> list[Event]:
    return sub.pending()


async def test_unknown_user_is_a_clear_error(tmp_path: Path) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "u.db"), Config())
    with pytest.raises(NotFoundError, match="no user 'nobody'; create it"):
        engine.for_user("nobody")
    with pytest.raises(NotFoundError, match="no user 'nobody'; create it"):
        await engine.user_scope("nobody")  # the async form, for request handlers
    with pytest.raises(ValidationError, match="user id is required"):
        engine.for_user("  ")
    with pytest.raises(ValidationError, match="at most 200 characters"):
        engine.for_user("x" * 10_000)
    assert engine.for_user(engine.user.id) is engine.local
    scope = engine.create_user("Cy")
    again = engine.for_user(scope.user_id)
    assert again.user == scope.user and again.events is scope.events  # one bus per user
    assert (await engine.user_scope(scope.user_id)).user == scope.user
    engine.close()


class FailsForOneSession(Interviewer):
    """An 'LLM' interviewer whose provider fails while answering in the sessions in
    ``failing``; everything but replies is the offline interviewer's."""

    def __init__(self) -> None:
        self.failing: set[str] = set()
        self.answered: list[str] = []
        self.offline = OfflineInterviewer()

    def reply(self, ctx: Context, message: str) -> AsyncIterator[str]:
        return self._scripted(ctx)

    async def _scripted(self, ctx: Context) -> AsyncIterator[str]:
        if ctx.session.id in self.failing:
            raise ProviderError("provider returned 503", title="Provider unavailable")
        self.answered.append(ctx.session.id)
        yield "LLM answer"

    def greet(self, ctx: Context) -> AsyncIterator[str]:
        return self.offline.greet(ctx)

    def react_to_run(self, ctx: Context, run: CodeRun) -> AsyncIterator[str]:
        return self.offline.react_to_run(ctx, run)

    def hint(self, ctx: Context, level: int) -> AsyncIterator[str]:
        return self.offline.hint(ctx, level)

    def reveal(self, ctx: Context, step: RevealStep) -> AsyncIterator[str]:
        return self.offline.reveal(ctx, step)

    def nudge(self, ctx: Context) -> AsyncIterator[str]:
        return self.offline.nudge(ctx)

    def time_warning(self, ctx: Context) -> AsyncIterator[str]:
        return self.offline.time_warning(ctx)


async def test_provider_failure_falls_back_for_that_session_only(tmp_path: Path) -> None:
    llm = FailsForOneSession()
    engine = Engine(SQLiteStore.open(tmp_path / "fb.db"), Config(), interviewer=llm)
    a, b = engine.create_user("A"), engine.create_user("B")
    a1 = await a.sessions.create(SessionCreate(problem_slug="two-sum"))
    a2 = await a.sessions.create(SessionCreate(problem_slug="two-sum"))
    b1 = await b.sessions.create(SessionCreate(problem_slug="two-sum"))
    for scope, s in ((a, a1), (a, a2), (b, b1)):
        await scope.interview.begin(s.id)
    a_events, b_events = a.events.subscribe(), b.events.subscribe()
    llm.failing.add(a1.id)
    fell_back = await a.interview.send(a1.id, "Can the array be empty?")
    assert fell_back.content != "LLM answer"  # the offline interviewer answered
    llm.failing.clear()  # the provider is back: other sessions use it, a1 stays offline
    assert (await a.interview.send(a2.id, "hello")).content == "LLM answer"
    assert (await b.interview.send(b1.id, "hello")).content == "LLM answer"
    assert (await a.interview.send(a1.id, "and now?")).content != "LLM answer"
    assert llm.answered == [a2.id, b1.id]
    errors = [e for e in _pending(a_events) if isinstance(e, ErrorEvent)]
    assert [e.session_id for e in errors] == [a1.id]
    assert f"for session {a1.id[:8]}" in errors[0].data.message
    assert not [e for e in _pending(b_events) if e.event == "error"]
    stored = await a.sessions.get(a1.id)
    assert "503" in stored.session_metadata["interviewer_fallback"]
    # a restarted engine keeps that session offline
    restarted = Engine(SQLiteStore.open(tmp_path / "fb.db"), Config(), interviewer=llm)
    again = restarted.for_user(a.user_id)
    assert (await again.interview.send(a1.id, "still there?")).content != "LLM answer"
    engine.close()
    restarted.close()


async def test_users_interviewing_at_once_stay_apart(tmp_path: Path) -> None:
    """Many users' interviews interleaved on one engine (one event loop, the store's worker
    threads): each user's sessions, messages, hint counts and events are their own."""
    engine = Engine(SQLiteStore.open(tmp_path / "busy.db"), Config())
    scopes = [engine.create_user(f"user {i}") for i in range(6)]
    subs = [scope.events.subscribe() for scope in scopes]

    async def interview(scope: UserEngine, hints: int) -> InterviewSession:
        s = await scope.sessions.create(SessionCreate(problem_slug="two-sum"))
        await scope.interview.begin(s.id)
        await scope.interview.send(s.id, f"I am {scope.user.full_name}")
        await asyncio.gather(*(scope.interview.hint(s.id) for _ in range(hints)))
        await scope.sessions.save_code(s.id, f"# {scope.user_id}", "python")
        return await scope.sessions.get(s.id)

    sessions = await asyncio.gather(*(interview(s, 1 + i % 3) for i, s in enumerate(scopes)))
    for i, (scope, session, sub) in enumerate(zip(scopes, sessions, subs, strict=True)):
        assert session.user_id == scope.user_id and session.hints_used == 1 + i % 3
        said = [m.content for m in await scope.sessions.messages(session.id) if m.role == Role.USER]
        assert said == [f"I am {scope.user.full_name}"]
        code = await scope.sessions.latest_code(session.id)
        assert code is not None and code.code == f"# {scope.user_id}"
        page = await scope.sessions.list_sessions()
        assert [s.id for s in page.items] == [session.id]
        assert {e.session_id for e in sub.pending()} == {session.id}
    await engine.aclose()
