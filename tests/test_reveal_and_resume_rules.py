"""Resume before a second start (QA #20): ``Interviews.unfinished_for`` finds the interview on
a problem the candidate can still work in, which the front ends offer to resume."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.models import SessionStatus
from coach_engine.store import SQLiteStore


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    engine = Engine(SQLiteStore.open(tmp_path / "r.db"), Config())
    yield engine
    await engine.aclose()


async def test_a_paused_interview_is_found_by_its_problem_and_the_latest_wins(
    engine: Engine,
) -> None:
    flows = engine.interviews
    assert await flows.unfinished_for("two-sum") is None
    older = await flows.start("two-sum", language="python")
    await engine.interview.begin(older.id)
    paused = await flows.leave(older.id)
    assert paused.status == SessionStatus.PAUSED
    other = await flows.start("valid-anagram", language="python")  # another problem
    found = await flows.unfinished_for("two-sum")
    assert found is not None and found.id == older.id
    assert (await flows.unfinished_for("valid-anagram")).id == other.id  # type: ignore[union-attr]

    newer = await flows.start("two-sum", language="python")  # the candidate chose "new"
    found = await flows.unfinished_for("two-sum")
    assert found is not None and found.id == newer.id


async def test_an_ended_interview_is_not_offered(engine: Engine) -> None:
    flows = engine.interviews
    session = await flows.start("two-sum", language="python")
    await engine.sessions.cancel(session.id)
    assert await flows.unfinished_for("two-sum") is None


async def test_another_users_paused_interview_is_not_offered(engine: Engine) -> None:
    mine = await engine.interviews.start("two-sum", language="python")
    theirs = engine.create_user("Someone Else")
    assert await theirs.interviews.unfinished_for("two-sum") is None
    found = await engine.interviews.unfinished_for("two-sum")
    assert found is not None and found.id == mine.id
