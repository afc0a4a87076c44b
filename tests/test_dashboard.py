"""Dashboard, skills and weekly goals: a realistic history built through the engine, every figure
checked against values worked out by hand, in UTC and in UTC+2; `coach dashboard` and
`coach goals` through the real entry point."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach_engine.config import Config
from coach_engine.dashboard.clock import streak
from coach_engine.dashboard.service import dashboard
from coach_engine.dashboard.skills import record_feedback_skills
from coach_engine.engine import Engine
from coach_engine.errors import NotFoundError, ValidationError
from coach_engine.goals import add_goal, remove_goal, set_goal, week_goals
from coach_engine.models import (
    CodeRun,
    Drill,
    DrillStatus,
    DrillType,
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    SessionCreate,
    SessionStatus,
)
from coach_engine.providers.offline import OfflineProvider
from coach_engine.providers.types import ChatMessage
from coach_engine.store import SQLiteStore
from tests.cli_in_process import run_in_process as in_process

S = SessionStatus
NOW = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)  # Thursday of ISO week 2026-W11 (Mon 9 March)
HELSINKI = "Europe/Helsinki"  # UTC+2 in March 2026 (summer time starts 29 March)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(SQLiteStore.open(tmp_path / "dash.db"), Config())


async def add_session(
    engine: Engine,
    slug: str,
    status: SessionStatus,
    *,
    created: datetime,
    completed: datetime | None = None,
    score: int | None = None,
    active: float = 0.0,
    resumed: datetime | None = None,
) -> InterviewSession:
    """A session moved through the real lifecycle, then given the history's timestamps."""
    s = await engine.sessions.create(SessionCreate(problem_slug=slug))
    if status != S.CREATED:
        await engine.sessions.start(s.id)
    if status == S.COMPLETED:
        await engine.sessions.submit(s.id)
        await engine.sessions.complete(s.id, score=score)
    elif status == S.CANCELLED:
        await engine.sessions.cancel(s.id)
    engine.store.update_session(
        engine.user.id,
        s.id,
        {"created_at": created, "completed_at": completed, "active_seconds": active}
        | {"resumed_at": resumed},
    )
    return engine.store.get_session(engine.user.id, s.id)


def add_run(
    engine: Engine,
    s: InterviewSession,
    verdict: str,
    passed: int,
    total: int,
    when: datetime,
    submission: bool = True,
) -> None:
    engine.store.add_run(
        CodeRun(
            session_id=s.id,
            user_id=engine.user.id,
            is_submission=submission,
            language="python",
            code="class Solution: ...",
            verdict=verdict,
            passed=passed,
            total=total,
            created_at=when,
        )
    )


def add_feedback(
    engine: Engine, s: InterviewSession, scores: dict[str, int], overall: int
) -> FeedbackRun:
    fb = engine.store.add_feedback(FeedbackRun(session_id=s.id, user_id=engine.user.id))
    changes = {"status": "COMPLETED", "overall_score": overall, "criterion_scores": scores}
    engine.store.update_feedback(engine.user.id, fb.id, changes)
    return engine.store.get_feedback(engine.user.id, fb.id)


def add_drill(engine: Engine, skill: str, status: DrillStatus = DrillStatus.PENDING) -> Drill:
    return engine.store.add_drill(
        Drill(
            user_id=engine.user.id,
            title=f"Drill on {skill}",
            prompt="Explain.",
            drill_type=DrillType.CONCEPT_REVIEW,
            target_skill=skill,
            key_points=["hash map", "O(n)"],
            status=status,
        )
    )


def review(engine: Engine, drill: Drill, when: datetime, score: int) -> None:
    """What DrillService records when an answer is graded (at a chosen time)."""
    engine.store.update_drill(engine.user.id, drill.id, {"last_reviewed_at": when, "score": score})


def crit(
    correctness: int, approach: int, quality: int, comm: int, time: int, space: int
) -> dict[str, int]:
    return {
        "correctness": correctness,
        "approach": approach,
        "code_quality": quality,
        "communication": comm,
        "time_complexity": time,
        "space_complexity": space,
    }


async def build_history(engine: Engine) -> dict[str, InterviewSession]:
    """Six sessions over a week, three feedback runs, drills reviewed, skipped and pending."""
    s6 = await add_session(
        engine,
        "binary-search",
        S.COMPLETED,
        created=at(5, 11),
        completed=at(5, 12),
        score=None,
        active=900,
    )
    s1 = await add_session(
        engine,
        "two-sum",
        S.COMPLETED,
        created=at(8, 22),
        completed=at(8, 22, 30),
        score=60,
        active=1200,
    )
    s2 = await add_session(
        engine,
        "valid-parentheses",
        S.COMPLETED,
        created=at(10, 23),
        completed=at(10, 23, 30),
        score=80,
        active=1500,
    )
    s4 = await add_session(
        engine, "edit-distance", S.CANCELLED, created=at(11, 9), completed=at(11, 9, 5), active=300
    )
    s3 = await add_session(
        engine,
        "trapping-rain-water",
        S.COMPLETED,
        created=at(12, 7),
        completed=at(12, 8),
        score=90,
        active=2400,
    )
    s5 = await add_session(
        engine,
        "contains-duplicate",
        S.IN_PROGRESS,
        created=at(12, 9, 40),
        active=60,
        resumed=at(12, 9, 50),
    )
    add_run(engine, s1, "WA", 6, 10, at(8, 22, 20))
    add_run(engine, s3, "WA", 2, 3, at(12, 7, 30), submission=False)
    add_run(engine, s3, "AC", 10, 10, at(12, 7, 50))
    add_run(engine, s4, "WA", 3, 10, at(11, 9, 3))  # a hard problem, not solved
    add_feedback(engine, s1, crit(50, 70, 60, 40, 50, 70), 60)
    add_feedback(engine, s2, crit(90, 70, 70, 30, 80, 80), 80)
    add_feedback(engine, s3, crit(100, 90, 80, 20, 90, 100), 90)
    failed = engine.store.add_feedback(FeedbackRun(session_id=s4.id, user_id=engine.user.id))
    engine.store.update_feedback(engine.user.id, failed.id, {"status": "FAILED"})
    d1 = add_drill(engine, "complexity-analysis")
    review(engine, d1, at(9, 10), 40)
    review(engine, d1, at(11, 18), 70)
    add_drill(engine, "code-quality", DrillStatus.SKIPPED)
    add_drill(engine, "communication")
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4, "s5": s5, "s6": s6}


def skill_rows(views: Sequence[Any]) -> list[tuple[str, int, int | None, str]]:
    return [(v.name, v.progress, v.previous, v.trend) for v in views]


async def test_every_figure_of_the_dashboard_in_utc(engine: Engine) -> None:
    ss = await build_history(engine)
    board = await dashboard(engine, now=NOW, tz="UTC")

    assert (board.generated_at, board.timezone, board.week) == (NOW, "UTC", "2026-W11")
    # scores of the completed sessions: 60, 80, 90 (s6 has none) -> 230 / 3 = 76.67 -> 77
    assert (board.overall_score, board.scored_sessions, board.interviews_completed) == (77, 3, 4)
    # active days (UTC): 5, 8, 9 (drill), 10, 11 (drill), 12 -> 12..8 = 5 days
    assert board.current_streak_days == 5
    # 900 + 1200 + 1500 + 300 (cancelled) + 2400 + in progress 60 + 10 min live = 6960 s
    assert board.time_invested_seconds == 6960
    assert board.time_invested_hours == 1.9
    # a day later s5 is still running: its live time stops at its planned 45 minutes
    later = await dashboard(engine, now=NOW + timedelta(days=1), tz="UTC")
    assert later.time_invested_seconds == 6960 - 660 + 45 * 60
    assert (board.drills_reviewed, board.drills_skipped) == (2, 1)

    # Skills, EMA weight 0.3 (see coach_engine.dashboard.skills for the mapping):
    # F1 two-sum (tests 6/10): arrays-hashing mean(50,70,60)=60, complexity mean(50,70)=60,
    #    code-quality 60, communication 40
    # F2 valid-parentheses [stack, strings->arrays-hashing] (no runs): stack mean(90,70)=80,
    #    arrays-hashing .7*60+.3*80=66, complexity .7*60+.3*80=66, quality .7*60+.3*70=63,
    #    communication .7*40+.3*30=37
    # F3 trapping-rain-water [two-pointers, stack] (submission 10/10): tags mean(100,90,100)=97
    #    two-pointers 97, stack .7*80+.3*97=85.1->85, complexity .7*66+.3*95=74.7->75,
    #    quality .7*63+.3*80=68.1->68, communication .7*37+.3*20=31.9->32
    skills = board.skills
    assert skill_rows(skills.strengths) == [
        ("two-pointers", 97, None, "stable"),
        ("stack", 85, 80, "up"),
        ("complexity-analysis", 75, 66, "up"),
    ]
    assert skill_rows(skills.areas_to_improve) == [
        ("communication", 32, 37, "down"),
        ("arrays-hashing", 66, 60, "up"),
        ("code-quality", 68, 63, "up"),
    ]
    assert [v.name for v in skills.improving] == [
        "complexity-analysis",  # +9
        "arrays-hashing",  # +6
        "code-quality",  # +5
        "stack",  # +5
    ]
    assert (skills.weakest, skills.strongest) == ("communication", "two-pointers")

    # Week 11 (Mon 9 - Sun 15 March, UTC): completed s2 and s3 (s1 ended Sunday 8th at 22:30),
    # drill reviews on the 9th and 11th, trapping-rain-water accepted on the 12th.
    goals = [
        (g.label, g.current, g.total, g.priority.value, g.is_completed, g.percent)
        for g in board.goals
    ]
    assert goals == [
        ("Complete 3 interviews", 2, 3, "HIGH", False, 66),
        ("Do 10 drills", 2, 10, "MEDIUM", False, 20),
        ("Solve a hard problem", 1, 1, "LOW", True, 100),
    ]

    recent = [
        (r.id, r.title, r.difficulty, r.status, r.score, r.duration_minutes)
        for r in board.recent_sessions
    ]
    assert recent == [
        (ss["s5"].id, "Contains Duplicate", "EASY", "IN_PROGRESS", None, 11),
        (ss["s3"].id, "Trapping Rain Water", "HARD", "COMPLETED", 90, 40),
        (ss["s4"].id, "Edit Distance", "HARD", "CANCELLED", None, 5),
        (ss["s2"].id, "Valid Parentheses", "EASY", "COMPLETED", 80, 25),
        (ss["s1"].id, "Two Sum", "EASY", "COMPLETED", 60, 20),
        (ss["s6"].id, "Binary Search", "EASY", "COMPLETED", None, 15),
    ]
    history = [(p.session_id, p.day.isoformat(), p.score) for p in board.score_history]
    assert history == [
        (ss["s1"].id, "2026-03-08", 60),
        (ss["s2"].id, "2026-03-10", 80),
        (ss["s3"].id, "2026-03-12", 90),
    ]
    assert board.insight.source == "offline" and board.insight.note is None
    assert board.insight.text == (
        "communication is your weakest skill at 32/100, down from 37. Next: work through your "
        "1 pending communication drill (`coach drills run`)."
    )


async def test_the_23_30_utc_session_counts_for_the_next_day_in_utc_plus_2(engine: Engine) -> None:
    ss = await build_history(engine)
    board = await dashboard(engine, now=NOW, tz=HELSINKI)
    assert (board.timezone, board.week) == (HELSINKI, "2026-W11")
    # Helsinki days: s6 5th, s1 9th 00:30, drill 9th, s2 11th 01:30, drill 11th, s3 12th:
    # the 10th is now empty, so the streak is 12, 11 = 2 (5 in UTC)
    assert board.current_streak_days == 2
    # s1 (Sunday 22:30 UTC) is Monday 00:30 in Helsinki: three interviews this week
    assert [(g.current, g.is_completed) for g in board.goals] == [(3, True), (2, False), (1, True)]
    assert [p.day.isoformat() for p in board.score_history] == [
        "2026-03-09",
        "2026-03-11",
        "2026-03-12",
    ]
    assert board.overall_score == 77 and board.recent_sessions[0].id == ss["s5"].id
    # and back in UTC the stored progress follows the zone asked for
    utc = await dashboard(engine, now=NOW, tz="UTC")
    assert [g.current for g in utc.goals] == [2, 2, 1]


async def test_streak_ends_today_or_yesterday_and_time_zones_extend_it(engine: Engine) -> None:
    for completed in (at(10, 10), at(10, 23, 30), at(12, 8)):
        await add_session(engine, "two-sum", S.COMPLETED, created=completed, completed=completed)

    async def streak_at(now: datetime, tz: str) -> int:
        return (await dashboard(engine, now=now, tz=tz)).current_streak_days

    # UTC days 10, 12: the 11th is empty
    assert await streak_at(at(12, 9), "UTC") == 1
    # Helsinki: 10th 12:00, 11th 01:30, 12th 10:00 -> three days in a row
    assert await streak_at(at(12, 9), HELSINKI) == 3
    # Bogota (UTC-5): 10th 05:00, 10th 18:30, 12th 03:00 -> 1
    assert await streak_at(at(12, 9), "America/Bogota") == 1
    # the next day, before any activity, the streak still stands; a day later it is gone
    assert await streak_at(at(13, 9), HELSINKI) == 3
    assert await streak_at(at(14, 9), HELSINKI) == 0
    # 21:59 UTC on the 13th is 23:59 in Helsinki (streak alive), 22:00 is the 14th (broken)
    assert await streak_at(at(13, 21, 59), HELSINKI) == 3
    assert await streak_at(at(13, 22, 0), HELSINKI) == 0


def test_streak_rule() -> None:
    d = NOW.date()
    assert streak([], d) == 0
    assert streak([d], d) == 1
    assert streak([d - timedelta(days=1), d - timedelta(days=2)], d) == 2
    assert streak([d - timedelta(days=2)], d) == 0


async def test_feedback_is_blended_into_skills_once(engine: Engine) -> None:
    s = await add_session(engine, "two-sum", S.COMPLETED, created=at(8, 9), completed=at(8, 10))
    add_run(engine, s, "WA", 3, 4, at(8, 9, 50))
    fb = add_feedback(engine, s, crit(60, 80, 70, 50, 40, 60), 65)
    recorded = record_feedback_skills(engine.store, engine.bank, fb, s)
    # arrays-hashing mean(60, 80, 75% of tests) = 71.67 -> 72; complexity mean(40, 60) = 50
    assert recorded == {
        "arrays-hashing": 72,
        "complexity-analysis": 50,
        "code-quality": 70,
        "communication": 50,
    }
    assert record_feedback_skills(engine.store, engine.bank, fb, s) == {}
    await dashboard(engine, now=NOW, tz="UTC")  # the sync finds nothing new
    assert {k.skill: k.progress for k in engine.store.list_skills(engine.user.id)} == recorded
    pending = engine.store.add_feedback(FeedbackRun(session_id=s.id, user_id=engine.user.id))
    assert pending.status == FeedbackStatus.PENDING
    assert record_feedback_skills(engine.store, engine.bank, pending, s) == {}


async def test_system_design_feedback_feeds_its_own_skill(engine: Engine) -> None:
    s = await engine.sessions.create(SessionCreate(kind="system-design", topic="URL shortener"))
    await engine.sessions.start(s.id)
    await engine.sessions.complete(s.id, score=55)
    s = await engine.sessions.get(s.id)
    fb = add_feedback(engine, s, {"requirements": 60, "communication": 45}, 55)
    assert record_feedback_skills(engine.store, engine.bank, fb, s) == {
        "system-design": 55,
        "communication": 45,
    }


async def test_provider_insight_gets_the_numbers_and_is_logged(engine: Engine) -> None:
    await build_history(engine)
    seen: list[str] = []

    def responder(messages: Sequence[ChatMessage]) -> str:
        seen.append(messages[-1].content)
        return "Communication fell from 37 to 32.\nNarrate your approach first."

    board = await dashboard(engine, now=NOW, tz="UTC", provider=OfflineProvider(responder))
    assert board.insight.source == "provider"
    assert board.insight.text == "Communication fell from 37 to 32. Narrate your approach first."
    stats = json.loads(seen[0].split("practice:\n\n", 1)[1].split("\n\nWrite one insight")[0])
    assert stats["overall_score"] == 77 and stats["streak_days"] == 5
    assert stats["interviews_per_week"] == {
        "2026-W08": 0,
        "2026-W09": 0,
        "2026-W10": 2,
        "2026-W11": 2,
    }
    assert stats["recent_criterion_scores_oldest_first"]["communication"] == [40, 30, 20]
    assert (stats["drills_reviewed"], stats["drills_skipped"]) == (2, 1)
    calls = engine.store.list_llm_calls(engine.user.id)
    assert [(c.prompt_id, c.outcome) for c in calls] == [("dashboard_insight", "ok")]

    def broken(messages: Sequence[ChatMessage]) -> str:
        raise RuntimeError("rules crashed")

    board = await dashboard(engine, now=NOW, tz="UTC", provider=OfflineProvider(broken))
    assert board.insight.source == "offline" and "did not answer" in (board.insight.note or "")
    assert board.insight.text.startswith("communication is your weakest skill at 32/100")


async def test_unusable_provider_falls_back_to_the_offline_insight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    for fallback in (True, False):
        config = Config.model_validate(
            {"provider": {"name": "openai", "fallback_offline": fallback}}
        )
        engine = Engine(SQLiteStore.open(tmp_path / f"p{fallback}.db"), config)
        board = await dashboard(engine, now=NOW, tz="UTC")
        assert board.insight.source == "offline", fallback
        assert (board.insight.note or "").startswith("openai is not available (no API key")
        assert board.insight.text.startswith("No completed interviews yet.")
        assert engine.store.list_llm_calls(engine.user.id) == []


async def test_empty_dashboard_and_bad_time_zone(engine: Engine) -> None:
    board = await dashboard(engine, now=NOW, tz="UTC")
    assert (board.overall_score, board.interviews_completed, board.current_streak_days) == (
        None,
        0,
        0,
    )
    assert board.insight.text.startswith("No completed interviews yet.")
    with pytest.raises(ValidationError, match="unknown time zone"):
        await dashboard(engine, now=NOW, tz="Mars/Olympus")


# weekly goals ------------------------------------------------------------------------------
async def test_defaults_for_a_new_week_then_edits_carry_over(engine: Engine) -> None:
    goals = await week_goals(engine, now=NOW, tz="UTC")
    assert [
        (g.label, g.total, g.priority.value, g.metric.value, g.week_number, g.year) for g in goals
    ] == [
        ("Complete 3 interviews", 3, "HIGH", "interviews", 11, 2026),
        ("Do 10 drills", 10, "MEDIUM", "drills", 11, 2026),
        ("Solve a hard problem", 1, "LOW", "hard_problems", 11, 2026),
    ]
    assert await week_goals(engine, now=NOW, tz="UTC") == goals  # created once
    # a second process starting the same week finds it started and adds nothing
    assert not engine.store.start_goal_week(engine.user.id, 2026, 11, goals)

    goals = await set_goal(engine, "do 10 DRILLS", total=5, now=NOW, tz="UTC")
    assert [g.total for g in goals] == [3, 5, 1]
    hard = next(g for g in goals if g.label == "Solve a hard problem")
    goals = await set_goal(engine, hard.id[:6], priority="high", now=NOW, tz="UTC")
    assert [g.label for g in goals][:2] == ["Complete 3 interviews", "Solve a hard problem"]
    goals = await add_goal(engine, "Read a design chapter", 2, priority="low", now=NOW, tz="UTC")
    manual = goals[-1]
    assert (manual.metric.value, manual.current, manual.is_completed) == ("manual", 0, False)
    goals = await set_goal(engine, manual.label, current=2, now=NOW, tz="UTC")
    assert goals[-1].is_completed and goals[-1].current == 2
    removed = await remove_goal(engine, "Complete 3 interviews", now=NOW, tz="UTC")
    goals = await week_goals(engine, now=NOW, tz="UTC")
    assert removed.id not in {g.id for g in goals} and len(goals) == 3

    # next week starts from this week's goals (edited totals kept, the removed one left out)
    nxt = await week_goals(engine, now=NOW + timedelta(days=7), tz="UTC")
    assert [(g.label, g.total, g.current, g.week_number) for g in nxt] == [
        ("Solve a hard problem", 1, 0, 12),
        ("Do 10 drills", 5, 0, 12),
        ("Read a design chapter", 2, 0, 12),
    ]
    # removing every goal of a week does not bring the defaults back
    for g in nxt:
        await remove_goal(engine, g.id, now=NOW + timedelta(days=7), tz="UTC")
    assert await week_goals(engine, now=NOW + timedelta(days=7), tz="UTC") == []


async def test_goal_edits_are_validated(engine: Engine) -> None:
    await week_goals(engine, now=NOW, tz="UTC")
    with pytest.raises(ValidationError, match="positive number, not 0"):
        await add_goal(engine, "Complete 5 interviews", 0, now=NOW, tz="UTC")
    with pytest.raises(ValidationError, match="use high, medium or low"):
        await add_goal(engine, "Complete 5 interviews", 5, priority="urgent", now=NOW, tz="UTC")
    with pytest.raises(ValidationError, match="positive number, not -2"):
        await set_goal(engine, "Do 10 drills", total=-2, now=NOW, tz="UTC")
    with pytest.raises(ValidationError, match="only manual goals take --current"):
        await set_goal(engine, "Do 10 drills", current=4, now=NOW, tz="UTC")
    with pytest.raises(ValidationError, match="already has a goal"):
        await add_goal(engine, "do 10 drills", 4, now=NOW, tz="UTC")
    with pytest.raises(NotFoundError, match="no goal 'Swim'"):
        await set_goal(engine, "Swim", total=2, now=NOW, tz="UTC")


async def test_goal_progress_follows_completed_sessions_and_drill_reviews(engine: Engine) -> None:
    """Real clock, real services: complete an interview, answer a drill."""
    counts = [g.current for g in await week_goals(engine, tz="UTC")]
    assert counts == [0, 0, 0]
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.sessions.start(s.id)
    await engine.sessions.submit(s.id)
    assert [g.current for g in await week_goals(engine, tz="UTC")] == [0, 0, 0]  # not done yet
    await engine.sessions.complete(s.id, score=70)
    drill = add_drill(engine, "arrays-hashing")
    await engine.drills.answer(drill.id, "A hash map gives O(n).")
    await engine.drills.answer(drill.id, "Again: hash map, O(n).")
    goals = await week_goals(engine, tz="UTC")
    assert [g.current for g in goals] == [1, 2, 0]
    assert len(engine.store.list_drill_reviews(engine.user.id)) == 2


# through the real entry point --------------------------------------------------------------
def open_engine() -> Engine:
    return Engine.open()


async def small_history() -> str:
    """One interview completed now with feedback, in the COACH_HOME the CLI uses."""
    with open_engine() as engine:
        s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
        await engine.sessions.start(s.id)
        await engine.sessions.submit(s.id)
        await engine.sessions.complete(s.id, score=80)
        s = await engine.sessions.get(s.id)
        engine.store.update_session(engine.user.id, s.id, {"active_seconds": 1800})
        add_feedback(engine, s, crit(90, 80, 60, 50, 70, 70), 80)
        return s.id


async def test_coach_dashboard_json_and_readable(coach: Any) -> None:
    sid = await small_history()
    proc = coach("dashboard", "--json", "--tz", "UTC")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["overall_score"], data["interviews_completed"], data["current_streak_days"]) == (
        80,
        1,
        1,
    )
    assert (data["time_invested_hours"], data["timezone"]) == (0.5, "UTC")
    assert [(g["label"], g["current"]) for g in data["goals"]][0] == ("Complete 3 interviews", 1)
    assert data["recent_sessions"][0]["id"] == sid
    assert [p["score"] for p in data["score_history"]] == [80]
    # two-sum: arrays-hashing mean(90, 80) = 85; code-quality 60; communication 50
    weakest = data["skills"]["areas_to_improve"][0]
    assert (weakest["name"], weakest["progress"]) == ("communication", 50)
    assert data["insight"]["source"] == "offline"

    proc = in_process("dashboard", "--tz", "UTC")  # the real coach: the JSON above
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for text in (
        "Overall score",
        "80/100",
        "Streak",
        "1 day",
        "0.5 h",
        "Weekly goals",
        "Complete 3 interviews",
        "1/3",
        "Two Sum",
        "Insight (offline)",
        "communication is your weakest skill at 50/100",
    ):
        assert text in out, text
    assert "▇" in out or "█" in out  # the score chart

    bad = in_process("dashboard", "--tz", "Mars/Olympus")
    assert bad.returncode == 2 and "unknown time zone" in bad.stderr


def test_coach_goals_cli(coach: Any) -> None:
    # the real coach for listing and removing; the other command lines in process
    proc = coach("goals", "--json", "--tz", "UTC")
    assert proc.returncode == 0, proc.stderr
    assert [g["label"] for g in json.loads(proc.stdout)] == [
        "Complete 3 interviews",
        "Do 10 drills",
        "Solve a hard problem",
    ]
    proc = in_process("goals", "set", "Do 10 drills", "--total", "4", "--json")
    assert proc.returncode == 0, proc.stderr
    assert [g["total"] for g in json.loads(proc.stdout)] == [3, 4, 1]
    proc = in_process("goals", "add", "Review system design", "--total", "2", "--priority", "high")
    assert proc.returncode == 0 and "Review system design" in proc.stdout
    bad = in_process("goals", "add", "Swim", "--total", "0")
    assert bad.returncode == 2 and "total must be a positive number" in bad.stderr
    bad = in_process("goals", "add", "Swim", "--total", "3", "--priority", "urgent")
    assert bad.returncode == 2 and "use high, medium or low" in bad.stderr
    bad = in_process("goals", "set", "Do 10 drills", "--total", "-1")
    assert bad.returncode == 2 and "positive number" in bad.stderr
    goal_id = json.loads(in_process("goals", "list", "--json").stdout)[0]["id"]
    proc = coach("goals", "remove", goal_id[:8])
    assert proc.returncode == 0 and "Removed goal" in proc.stdout
    left = json.loads(in_process("goals", "--json").stdout)
    assert goal_id not in [g["id"] for g in left] and len(left) == 3
