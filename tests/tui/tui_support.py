"""Helpers for the TUI tests: a temporary engine with a scripted feedback producer, waiting for
the app to settle, reading what is on screen, and a deterministic seeded database."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.css.query import NoMatches
from textual.pilot import Pilot

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.feedback_jobs import FeedbackResult, Producer, Progress
from coach_engine.models import InterviewSession
from coach_engine.store import SQLiteStore
from coach_tui.factory import AppOptions

BAD = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"
GOOD = (
    "class Solution:\n"
    "    def twoSum(self, nums, target):\n"
    "        seen = {}\n"
    "        for i, x in enumerate(nums):\n"
    "            if target - x in seen:\n"
    "                return [seen[target - x], i]\n"
    "            seen[x] = i\n"
)

FEEDBACK = FeedbackResult(
    overall_score=82,
    criterion_scores={
        "approach": 90,
        "code_quality": 80,
        "communication": 75,
        "time_complexity": 90,
        "space_complexity": 85,
        "correctness": 100,
    },
    strengths=["Found the one-pass hash map and explained its cost."],
    weaknesses=["Did not test duplicate values before submitting."],
    suggestions=["Walk through an input with repeated values before you submit."],
    detailed_feedback="All hidden tests pass; timing grows linearly with n.",
    complexity={
        "time": {"measured": "O(n)", "stated": "O(n)"},
        "space": {"measured": "O(n)", "stated": "O(n)"},
        "how": "timed on growing inputs and static analysis",
    },
)


def scripted_producer(result: FeedbackResult = FEEDBACK, delay: float = 0.05) -> Producer:
    """A feedback producer that reports progress and returns ``result`` (no judge needed)."""

    async def produce(session: InterviewSession, progress: Progress) -> FeedbackResult:
        progress(0.3, "running the tests and timing the solution")
        await asyncio.sleep(delay)
        progress(0.9, "scored")
        return result

    return produce


def make_engine(database: Path, producer: Producer | None = None) -> Engine:
    return Engine(SQLiteStore.open(database), Config(), producer=producer or scripted_producer())


def options(**overrides: object) -> AppOptions:
    values: dict[str, object] = {}
    values.update(overrides)
    return AppOptions(**values)  # type: ignore[arg-type]


POLL_SECONDS = 0.05
"""How often ``until`` checks its predicate."""


async def until(
    pilot: Pilot[Any], predicate: Callable[[], object], what: str, timeout: float = 60.0
) -> None:
    """Let the app run until ``predicate()`` holds. ``timeout`` only guards against a hang: on a
    loaded machine workers, messages, focus, styles and repaints all lag, so tests wait for the
    state they assert rather than for a fixed time."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        if _holds(predicate):
            if not waited:
                return
            # Once it holds, let every widget of the screen handle what is already queued
            # (focus moves, mounts) before the test acts, as pilot.pause() does; then look again.
            await pilot.pause(0)
            waited = False
            continue
        if app._exception is not None:
            raise AssertionError(f"the app failed while waiting for: {what}") from app._exception
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}\n{screen_text(app)}")
        # A plain sleep between checks: the app runs meanwhile and paints on its own timer.
        # pilot.pause() on every check posted a callback to every widget of the screen and
        # forced a repaint, ~0.1 s of CPU per second waited (measured on an idle interview screen).
        await asyncio.sleep(POLL_SECONDS)
        waited = True


def _holds(predicate: Callable[[], object]) -> bool:
    try:
        return bool(predicate())
    except NoMatches:  # a widget the predicate reads is not composed yet: the screen was pushed
        return False  # before its children mounted


async def until_shown(pilot: Pilot[Any], *texts: str, timeout: float = 60.0) -> str:
    """Let the app run until every one of ``texts`` is on screen (painted, not just set on a
    widget: the screen repaints after the data arrives); returns the screen's text."""

    def shown() -> bool:
        text = screen_text(pilot.app)
        return all(t in text for t in texts)

    await until(pilot, shown, f"on screen: {texts!r}", timeout)
    return screen_text(pilot.app)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for every worker except the long-lived event pump, then for the screen."""
    app = pilot.app
    for _ in range(3):
        busy = [w for w in app.workers if w.group != "events" and not w.is_finished]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()


def screen_text(app: App[Any]) -> str:
    """The characters on screen, one line per row.

    Rendering a 120x40 screen costs ~3 ms of CPU and tests poll it 20 times a second, so the text
    is kept until anything could change it: every change to what a screen renders goes through
    ``Widget.refresh``/``_set_dirty`` or a screen layout/compositor refresh, which
    ``count_repaints`` (installed for every TUI test by conftest.py) counts."""
    screen = app.screen
    key = (id(app), id(screen), screen._compositor.size, _Repaints.count)
    last = _Repaints.last_text
    if _Repaints.installed and last is not None and last[0] == key:
        return last[1]
    text = "\n".join(strip.text for strip in screen._compositor.render_strips())
    _Repaints.last_text = (key, text)
    return text


class _Repaints:
    count = 0
    """How many times anything was marked for repaint (or laid out, scrolled, composited)."""
    installed = False
    last_text: tuple[tuple[object, ...], str] | None = None


def count_repaints(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count every call that can change what a screen renders (``screen_text``'s cache key)."""
    from textual.screen import Screen
    from textual.widget import Widget

    def counted(cls: type, name: str) -> None:
        real = getattr(cls, name)

        @functools.wraps(real)
        def call(*args: Any, **kwargs: Any) -> Any:
            _Repaints.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(cls, name, call)

    for name in ("refresh", "_set_dirty", "_refresh_scroll"):
        counted(Widget, name)
    for name in ("_refresh_layout", "_compositor_refresh"):
        counted(Screen, name)
    monkeypatch.setattr(_Repaints, "installed", True)
    monkeypatch.setattr(_Repaints, "last_text", None)


def notifications(app: App[Any]) -> list[str]:
    """Every notification shown so far, expired toasts included (``notification_log`` in
    conftest.py keeps them), else the ones still on screen."""
    log = app.__dict__.get("_notification_log")
    return list(log) if log is not None else [f"{n.title}: {n.message}" for n in app._notifications]


FIXED = datetime(2025, 1, 15, 9, 0, tzinfo=UTC)
"""The frozen 'now' of the snapshot tests (shown at TZ=UTC)."""


def at(minutes: float) -> datetime:
    return FIXED + timedelta(minutes=minutes)


SNAPSHOT_PROBLEMS = ("two-sum", "valid-parentheses", "merge-intervals", "trapping-rain-water")


def snapshot_engine(database: Path) -> Engine:
    """An engine over a fixed set of bundled problems (new problems must not churn snapshots)."""
    from coach_engine.problems import ProblemBank, bundled_root

    root = Path(str(bundled_root()))
    bank = ProblemBank([root / slug for slug in SNAPSHOT_PROBLEMS], bundled=False, user_packs=False)
    return Engine(SQLiteStore.open(database), Config(), bank=bank, producer=scripted_producer())


def seed(engine: Engine) -> tuple[str, str]:
    """A deterministic history: a live two-sum interview 12:34 in (chat, code, a failing run)
    and a completed one with an accepted submission and feedback. Returns (live, done) ids."""
    return asyncio.run(_seed(engine))


async def _seed(engine: Engine) -> tuple[str, str]:
    from coach_engine.models import (
        CodeRun,
        CodeSnapshot,
        ContentType,
        FeedbackRun,
        FeedbackStatus,
        Message,
        Role,
        SessionCreate,
        SnapshotReason,
        TestOutcome,
    )

    store, user = engine.store, engine.user.id
    sessions = engine.sessions

    def create() -> SessionCreate:
        return SessionCreate.model_validate({"problem_slug": "two-sum", "difficulty": "EASY"})

    done = await sessions.create(create())
    await sessions.start(done.id)
    await sessions.submit(done.id)
    await sessions.complete(done.id, score=FEEDBACK.overall_score)
    store.update_session(
        user,
        done.id,
        {
            "created_at": at(-1440),
            "started_at": at(-1440),
            "completed_at": at(-1410),
            "active_seconds": 1800.0,
        },
    )
    store.add_run(
        CodeRun(
            session_id=done.id,
            user_id=user,
            is_submission=True,
            language="python",
            code=GOOD,
            verdict="AC",
            passed=33,
            total=33,
            created_at=at(-1412),
        )
    )
    store.add_feedback(
        FeedbackRun(
            session_id=done.id,
            user_id=user,
            status=FeedbackStatus.COMPLETED,
            progress=1.0,
            created_at=at(-1411),
            completed_at=at(-1410),
            **FEEDBACK.model_dump(exclude={"input_tokens", "output_tokens", "total_cost_usd"}),
        )
    )

    live = await sessions.create(create())
    await sessions.start(live.id)
    store.update_session(
        user, live.id, {"created_at": FIXED, "started_at": FIXED, "resumed_at": FIXED}
    )
    said = [
        (
            0.1,
            Role.AI,
            ContentType.TEXT,
            "Hi! I'm your interviewer today. The problem is "
            "**Two Sum** (easy). Walk me through your approach before you code.",
        ),
        (3.0, Role.USER, ContentType.TEXT, "A hash map of complements: O(n) time, O(n) space."),
        (3.1, Role.AI, ContentType.TEXT, "Right: O(n) time and O(n) extra space. Go ahead."),
        (
            6.0,
            Role.AI,
            ContentType.HINT,
            "A nudge: store each value's index as you go.\n\n```python\nseen[x] = i\n```",
        ),
    ]
    for minute, role, kind, text in said:
        store.add_message(
            Message(
                session_id=live.id,
                user_id=user,
                role=role,
                content=text,
                content_type=kind,
                timestamp=at(minute),
            )
        )
    store.save_snapshot(
        CodeSnapshot(
            session_id=live.id,
            user_id=user,
            language="python",
            code=BAD,
            reason=SnapshotReason.RUN,
            created_at=at(10),
        )
    )
    outcomes = [
        ([[2, 7, 11, 15], 9], [0, 1], [0, 1]),
        ([[3, 2, 4], 6], [1, 2], [0, 1]),
        ([[3, 3], 6], [0, 1], [0, 1]),
    ]
    store.add_run(
        CodeRun(
            session_id=live.id,
            user_id=user,
            language="python",
            code=BAD,
            verdict="WA",
            passed=2,
            total=3,
            created_at=at(10.5),
            tests=[
                TestOutcome(
                    index=i,
                    verdict="AC" if actual == expected else "WA",
                    time_ms=0.05,
                    memory_kb=12_800,
                    input=args,
                    expected=expected,
                    actual=actual,
                )
                for i, (args, expected, actual) in enumerate(outcomes)
            ],
        )
    )
    return live.id, done.id


def fake_runner(request: object) -> object:
    """A sandbox stand-in: every test passes unless the code says ``BUG`` (then test 2 fails)."""
    from sandbox.spec import RunRequest, RunResult, TestResult, Verdict

    assert isinstance(request, RunRequest)
    tests = []
    for i, case in enumerate(request.tests):
        bad = "BUG" in request.code and i == 1
        tests.append(
            TestResult(
                index=i,
                hidden=case.hidden,
                verdict=Verdict.WA if bad else Verdict.AC,
                time_ms=1.5,
                memory_kb=2048,
                input=case.args,
                expected=case.expected,
                actual="[/x] [bold]" if bad else case.expected,  # markup-like output
            )
        )
    passed = sum(t.verdict == Verdict.AC for t in tests)
    verdict = Verdict.AC if passed == len(tests) else Verdict.WA
    return RunResult(
        language=request.language, verdict=verdict, passed=passed, total=len(tests), tests=tests
    )


def fake_sandbox_engine(database: Path, runner: Callable[..., object] = fake_runner) -> Engine:
    return Engine(
        SQLiteStore.open(database),
        Config(),
        producer=scripted_producer(),
        runner=runner,  # type: ignore[arg-type]
    )
