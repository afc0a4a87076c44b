"""Two candidate-facing rules the engine decides for every front end (issue 14, QA #6 and #20).

Reveals (#6): what a submission's results already show — the first failing hidden test's input,
expected and actual (PRODUCT.md §4) — is free; the priced ladder reveals only failing hidden
tests not shown, and ``reveal_offer`` says the price before anything is charged.
Resume (#20): ``Interviews.unfinished_for`` finds the interview on a problem the candidate can
still work in, which the front ends offer to resume before starting a second one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from samples import BUGGY, wrong_only_on

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.errors import ValidationError
from coach_engine.judge.costs import REVEAL_PRICE
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


async def _submitted(engine: Engine, code: str) -> tuple[str, list[int]]:
    """A begun two-sum interview with ``code`` submitted (the real sandbox); the indexes of its
    failing hidden tests."""
    session = await engine.interviews.start("two-sum", language="python")
    await engine.interview.begin(session.id)
    run = await engine.interview.submit(session.id, code, "python")
    return session.id, [t.index for t in run.tests if t.hidden and t.verdict != "AC"]


async def test_the_failing_hidden_test_the_results_show_is_not_sold(engine: Engine) -> None:
    hidden = next(t for t in engine.bank.get("two-sum").tests().all() if t.hidden)
    code = wrong_only_on(hidden.args[0])
    sid, failing = await _submitted(engine, code)
    assert len(failing) == 1  # the one the results table shows in full
    for ask in (engine.interview.reveal_offer, engine.interview.reveal):
        with pytest.raises(ValidationError, match="already show") as caught:
            await ask(sid)
        assert caught.value.title == "No failing hidden test"
    session = await engine.sessions.get(sid)
    assert session.reveals_used == 0 and not any(
        k.startswith("reveal:") for k in session.session_metadata
    )


async def test_the_ladder_prices_the_next_unshown_failing_test_and_says_so_first(
    engine: Engine,
) -> None:
    sid, failing = await _submitted(engine, BUGGY)
    assert len(failing) >= 2
    shown, ladder = failing[0], failing[1]
    offer = await engine.interview.reveal_offer(sid)
    assert (offer.test_number, offer.step, offer.charged) == (ladder + 1, 1, True)
    assert offer.price == REVEAL_PRICE
    assert (await engine.sessions.get(sid)).reveals_used == 0  # asking the price is free

    for step in range(1, 5):
        assert (await engine.interview.reveal_offer(sid)).step == step
        await engine.interview.reveal(sid)
    session = await engine.sessions.get(sid)
    assert session.reveals_used == 4
    assert session.session_metadata[f"reveal:{ladder}"] == 4
    assert f"reveal:{shown}" not in session.session_metadata  # the shown one is never charged
    last = await engine.interview.reveal_offer(sid)
    assert (last.step, last.charged) == (4, False)  # repeating the last step is free
    await engine.interview.reveal(sid)
    assert (await engine.sessions.get(sid)).reveals_used == 4


async def test_nothing_to_reveal_before_a_submission(engine: Engine) -> None:
    session = await engine.interviews.start("two-sum", language="python")
    with pytest.raises(ValidationError, match="submit first"):
        await engine.interview.reveal_offer(session.id)
