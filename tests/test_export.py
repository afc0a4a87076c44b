"""`coach export` packets (JSON round trip against the store, markdown content), `coach history`
still working, and `coach delete --all` leaving no row of the person in any table."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from coach_engine.dashboard.service import dashboard
from coach_engine.engine import Engine
from coach_engine.export import Packet, render, session_packet
from coach_engine.models import (
    CodeRun,
    ContentType,
    Drill,
    DrillType,
    FeedbackRun,
    Note,
    Role,
    SessionCreate,
    SnapshotReason,
    TestOutcome,
    User,
)
from coach_engine.providers.calllog import LLMCall
from tests.cli_in_process import run_in_process as in_process

CODE = "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}  # ``` inside\n"


async def rich_session(engine: Engine) -> str:
    """A finished two-sum interview with something in every part of a packet."""
    uid = engine.user.id
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum", language="python"))
    await engine.sessions.start(s.id)
    await engine.sessions.add_message(s.id, Role.AI, "Walk me through your approach.")
    await engine.sessions.add_message(s.id, Role.USER, "A hash map from value to index.")
    await engine.sessions.add_message(s.id, Role.USER, CODE, ContentType.CODE, "python")
    await engine.sessions.save_code(s.id, "class Solution: pass", "python")
    await engine.sessions.save_code(s.id, CODE, "python", SnapshotReason.RUN)
    tests = [
        TestOutcome(
            index=0,
            verdict="AC",
            input={"nums": [2, 7], "target": 9},
            expected=[0, 1],
            actual=[0, 1],
            time_ms=1.5,
        ),
        TestOutcome(index=1, hidden=True, verdict="WA", input=None, expected=None, actual=None),
    ]
    for submission in (False, True):
        await engine.sessions.record_run(
            CodeRun(
                session_id=s.id,
                user_id=uid,
                is_submission=submission,
                language="python",
                code=CODE,
                verdict="WA",
                passed=1,
                total=2,
                tests=tests,
            )
        )
    await engine.sessions.add_note(s.id, "Remember duplicates.")
    await engine.sessions.submit(s.id)
    await engine.sessions.complete(s.id, score=64)
    fb = engine.store.add_feedback(FeedbackRun(session_id=s.id, user_id=uid))
    engine.store.update_feedback(
        uid,
        fb.id,
        {
            "status": "COMPLETED",
            "overall_score": 64,
            "criterion_scores": {"correctness": 50, "communication": 70},
            "strengths": ["Clear plan"],
            "weaknesses": ["Missed the duplicate case"],
            "suggestions": ["Test [3,3] before submitting"],
            "detailed_feedback": "## Details\nok",
            "complexity": {"time": "O(n)", "space": "O(n)", "how": "timing on growing inputs"},
        },
    )
    drill = engine.store.add_drill(
        Drill(
            user_id=uid,
            feedback_run_id=fb.id,
            title="Duplicates",
            prompt="Handle [3,3].",
            drill_type=DrillType.CONCEPT_REVIEW,
            target_skill="testing",
            key_points=["same value twice"],
        )
    )
    await engine.drills.answer(drill.id, "Check the same value twice.")
    return s.id


async def build(second: bool = True) -> tuple[str, str | None]:
    with Engine.open() as engine:
        sid = await rich_session(engine)
        other = None
        if second:
            other = (await engine.sessions.create(SessionCreate(problem_slug="binary-search"))).id
        return sid, other


async def test_json_export_round_trips_to_the_store(coach: Any, tmp_path: Path) -> None:
    sid, other = await build()
    out = tmp_path / "packets" / "one.json"
    proc = coach("export", sid[:10], "--format", "json", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and "Exported 1 session(s)" in proc.stderr
    packet = Packet.model_validate_json(out.read_text(encoding="utf-8"))
    assert len(packet.sessions) == 1
    p = packet.sessions[0]
    with Engine.open() as engine:
        store, uid = engine.store, engine.user.id
        assert p.session == store.get_session(uid, sid)
        assert p.transcript == store.list_messages(uid, sid) and len(p.transcript) == 3
        assert p.latest_code == store.latest_snapshot(uid, sid)
        assert [s.reason for s in p.snapshots] == [SnapshotReason.RUN]
        assert p.runs == store.list_runs(uid, sid) and len(p.runs[1].tests) == 2
        assert p.notes == store.list_notes(uid, sid)
        assert p.feedback == store.list_feedback(uid, sid)
        fb_id = p.feedback[0].id
        assert p.drills == store.list_drills(uid, feedback_run_id=fb_id) and len(p.drills) == 1
        assert p.drills[0].attempts == 1
        problem = engine.bank.get("two-sum")
    assert p.problem is not None
    assert (p.problem.title, p.problem.language) == ("Two Sum", "python")
    assert p.problem.statement == problem.statement
    assert p.problem.starter == problem.starter("python")

    proc = in_process("export", "--all", "--format", "json")  # the real coach: just above
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["format"] == "coach-interview-packet" and data["version"] == 1
    assert [s["session"]["id"] for s in data["sessions"]] == [sid, other]


async def test_markdown_packet_has_transcript_code_runs_and_feedback(coach: Any) -> None:
    sid, _ = await build(second=False)
    proc = coach("export", sid)
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout
    for text in (
        "# Coach interview packet",
        f"## Two Sum — {sid[:8]}",
        "### Problem",
        "Starter (python):",
        "**ai**",
        "Walk me through your approach.",
        "A hash map from value to index.",
        "````python\n" + CODE.rstrip() + "\n````",  # a longer fence: the code holds ```
        "### Submission 2: WA, 1/2 passed — 1 wrong answer (",
        # tests numbered from 1, as everywhere else; times as people read them
        '| 1 | AC | 1.50 ms |  | {"nums": [2, 7], "target": 9} | [0, 1] | [0, 1] |',
        "| 2 (hidden) | WA | 0.00 ms |  |  |  |  |",
        "Remember duplicates.",
        "### Feedback 1: COMPLETED, 64/100",
        "| Correctness | 50 |",
        "- Missed the duplicate case",
        "*Time:* O(n)",
        "*How:* timing on growing inputs",
        "- **Duplicates** (concept_review, pending, score ",
    ):
        assert text in md, text


async def test_export_usage_errors(coach: Any) -> None:
    sid, _ = await build(second=False)
    for args, message in (
        ((), "give a SESSION id or --all"),
        ((sid, "--all"), "give a SESSION id or --all"),
        ((sid, "--format", "xml"), "use md or json"),
        (("ffffffff",), "no session"),
    ):
        proc = in_process("export", *args)  # the real coach exports in the tests above
        assert proc.returncode == 2 and message in proc.stderr, (args, proc.stderr)


async def test_markdown_without_problem_or_messages(tmp_path: Path) -> None:
    from coach_engine.config import Config
    from coach_engine.store import SQLiteStore

    engine = Engine(SQLiteStore.open(tmp_path / "x.db"), Config())
    s = await engine.sessions.create(SessionCreate(kind="behavioral", topic="Conflict"))
    md = render(Packet(sessions=[session_packet(engine, s)]), "md")
    assert f"## Conflict — {s.id[:8]}" in md and "(no messages)" in md
    assert "### Problem" not in md


def user_tables(db: Path) -> dict[str, str]:
    """Every table with a ``user_id`` column, discovered from the schema, with the column that
    names the person (``id`` for ``users`` itself)."""
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {}
        for name in names:
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
            if "user_id" in columns:
                found[name] = "user_id"
        found["users"] = "id"
        return found
    finally:
        conn.close()


def rows_of(db: Path, user_id: str) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        sql = "SELECT count(*) FROM {} WHERE {} = ?"
        return {
            table: conn.execute(sql.format(table, col), (user_id,)).fetchone()[0]
            for table, col in user_tables(db).items()
        }
    finally:
        conn.close()


async def test_delete_all_leaves_no_row_of_the_person(coach: Any, coach_home: Path) -> None:
    await build()
    with Engine.open() as engine:
        uid, db = engine.user.id, Path(engine.store.location)
        await dashboard(engine)  # weekly goals, skills from the feedback, skill sources
        engine.store.add_llm_call(
            LLMCall(user_id=uid, provider="openai", model="gpt-x", cost_usd=0.01)
        )
        other = engine.store.create_user(User(full_name="Teammate", provider="server"))
        s = engine.store.create_session(other.id, SessionCreate(problem_slug="two-sum"))
        engine.store.add_note(Note(session_id=s.id, user_id=other.id, content="theirs"))
    before = rows_of(db, uid)
    for table in (
        "interview_sessions",
        "messages",
        "code_snapshots",
        "code_runs",
        "test_results",
        "notes",
        "feedback_runs",
        "drills",
        "drill_reviews",
        "user_skills",
        "skill_sources",
        "weekly_goals",
        "llm_calls",
        "users",
    ):
        assert before[table] > 0, table
    assert len(json.loads(in_process("history", "--json").stdout)["items"]) == 2

    refused = in_process("delete", "--all", input="")  # stdin not a terminal, as piped
    assert refused.returncode == 2 and "add --yes" in refused.stderr
    assert rows_of(db, uid) == before
    assert in_process("delete", "--all", "--yes", "x").returncode == 2  # not both

    done = coach("delete", "--all", "--yes", input="")  # the real coach
    assert done.returncode == 0, done.stderr
    assert "Deleted all your data (2 sessions)" in done.stdout
    left = {table: n for table, n in rows_of(db, uid).items() if n}
    assert left == {}, left
    theirs = rows_of(db, other.id)
    assert theirs["interview_sessions"] == 1 and theirs["notes"] == 1 and theirs["users"] == 1
    assert json.loads(in_process("history", "--json").stdout)["total"] == 0


def _outcome(i: int, verdict: str, **kw: Any) -> TestOutcome:
    return TestOutcome(index=i, verdict=verdict, input=[[i], i], expected=[i], **kw)


async def test_markdown_reads_like_the_app(tmp_path: Path) -> None:
    """Complexity as classes, verdict counts in words, tests from 1, a compile error as its
    message, a timed-out test's time, and the judge's report without repeating the lists."""
    from coach_engine.config import Config
    from coach_engine.store import SQLiteStore

    engine = Engine(SQLiteStore.open(tmp_path / "x.db"), Config())
    uid = engine.user.id
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum", language="python"))
    await engine.sessions.start(s.id)
    compile_error = "SyntaxError: expected ':'"
    runs = [
        [
            _outcome(i, "CE", stderr=f'  File "solution.py", line 2\n{compile_error}')
            for i in (0, 1)
        ],
        [_outcome(i, "AC", actual=[i], time_ms=0.4) for i in range(7)]
        + [_outcome(7, "WA", actual=[8], time_ms=0.5), _outcome(8, "WA", actual=[9])]
        + [_outcome(9, "TLE", time_ms=709.4)]
        + [_outcome(10, "TLE", stderr="not run: the run's total time limit was used up")],
    ]
    for tests in runs:
        verdict = tests[0].verdict if tests[0].verdict == "CE" else "WA"
        passed = sum(t.verdict == "AC" for t in tests)
        await engine.sessions.record_run(
            CodeRun(
                session_id=s.id,
                user_id=uid,
                language="python",
                code=CODE,
                verdict=verdict,
                passed=passed,
                total=len(tests),
                tests=tests,
            )
        )
    fb = engine.store.add_feedback(FeedbackRun(session_id=s.id, user_id=uid))
    time = {
        "big_o": "O(n log n)",
        "confidence": "high",
        "how": "timed at n = 1,000..8,000",
        "empirical": {"big_o": "O(n log n)", "points": [{"n": 1000, "ms": 0.5}]},
        "static": {"big_o": "O(n log n)", "evidence": ["line 3: sort"]},
        "optimal": "O(n)",
        "versus_optimal": "worse",
    }
    engine.store.update_feedback(
        uid,
        fb.id,
        {
            "status": "COMPLETED",
            "overall_score": 55,
            "criterion_scores": {"correctness": 60},
            "strengths": ["Clear plan"],
            "complexity": {"time": time, "space": {"big_o": "O(1)", "how": "static"}},
            "detailed_feedback": (
                "## two-sum (python): 55/100 (below the 70 bar)\n\n"
                "| criterion | weight | score | why |\n|---|---:|---:|---|\n"
                "| correctness | 0.30 | 60 | passed 7/11 tests |\n"
                "| communication | 0.15 | n/a | no transcript: not assessed |\n\n"
                "### Correctness: WA, 7/11 tests\n\n- evidence the report alone has\n\n"
                "### Strengths\n\n- Clear plan\n"
            ),
        },
    )
    md = render(Packet(sessions=[session_packet(engine, s)]), "md")
    for text in (
        "### Run 1: CE, compile error, the 2 tests did not run (",
        compile_error,
        "### Run 2: WA, 7/11 passed — 2 wrong answers, 2 over the time limit (",
        "| 1 | AC | 0.40 ms |",  # numbered from 1
        "| 8 | WA | 0.50 ms |",
        "| 10 | TLE | 709 ms |",  # the time it ran to
        "| 11 | TLE | not run |",
        "| **Time** | O(n log n) | O(n log n) | O(n log n) | O(n) | worse | high |",
        "| **Space** | O(1) |",
        "*Time:* timed at n = 1,000..8,000",
        "| Correctness | 60 | passed 7/11 tests |",
        "| Communication | n/a | no transcript: not assessed |",
        "#### Correctness: WA, 7/11 tests",
        "- evidence the report alone has",
    ):
        assert text in md, text
    assert md.count("- Clear plan") == 1  # the judge's report does not repeat the lists
    assert "{'" not in md and '{"big_o"' not in md and "big_o" not in md  # no dict reprs
    assert "\n| 0 | AC" not in md  # no test 0
    engine.close()
