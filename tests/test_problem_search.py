"""Searching and sorting the problem listing (``coach_engine.problem_catalog``, issue 14 item 4):
the one logic the home screen's search box, ``coach problems list --search/--sort`` and the server
share — on the real bundled bank and a real SQLite store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach_engine.api import (
    SORTS,
    CodeRun,
    Engine,
    InterviewSession,
    ProblemBank,
    ProblemStats,
    ValidationError,
    check_sort,
    list_problems,
    search_problems,
    sort_problems,
)
from coach_engine.config import Config
from coach_engine.problems import DIFFICULTIES
from coach_engine.store import SQLiteStore

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _slugs(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.slug for p in problems]


# search ----------------------------------------------------------------------------------------
def test_a_title_phrase_finds_its_problem_whatever_the_case() -> None:
    problems = list_problems()
    for query in ("two sum", "TWO SUM", "Two-Sum", "two_sum"):
        assert _slugs(search_problems(problems, query)) == ["two-sum"], query


def test_a_tag_fragment_finds_every_problem_with_the_tag_and_nothing_else() -> None:
    problems = list_problems()
    dp = search_problems(problems, "dp")
    assert dp and {p.slug for p in dp} == {
        p.slug for p in problems if any(t.startswith("dp") for t in p.tags)
    }
    hashing = search_problems(problems, "hash")
    assert "two-sum" in _slugs(hashing) and "group-anagrams" in _slugs(hashing)
    assert all("arrays-hashing" in p.tags for p in hashing)


def test_each_word_may_begin_a_word_of_title_slug_or_tags() -> None:
    problems = list_problems()
    found = _slugs(search_problems(problems, "bin tree"))
    assert "binary-tree-maximum-path-sum" in found and "maximum-depth-of-binary-tree" in found
    assert "binary-search" not in found  # "tree" begins no word of it
    # a word inside another word is not a prefix: "ary" is in "binary" but begins nothing
    assert search_problems(problems, "ary path") == []
    # while a whole phrase may sit anywhere in a field (3Sum holds "sum")
    assert "3sum" in _slugs(search_problems(problems, "sum"))


def test_an_empty_query_keeps_everything_and_nonsense_finds_nothing() -> None:
    problems = list_problems()
    assert search_problems(problems, "") == problems
    assert search_problems(problems, "  -  ") == problems
    assert search_problems(problems, "zzqx") == []


def test_summaries_and_full_problems_search_alike() -> None:
    summaries = list_problems()
    full = ProblemBank().list()
    for query in ("two sum", "dp", "graph", "lin list", "stack"):
        assert _slugs(search_problems(summaries, query)) == _slugs(search_problems(full, query))


# sort ------------------------------------------------------------------------------------------
def test_difficulty_order_is_the_schemas_easy_to_hard_then_slug() -> None:
    from coach_engine.problem_catalog import _RANK

    assert list(_RANK) == list(DIFFICULTIES)  # the fast path's copy of the schema's order
    problems = list_problems()
    ordered = sort_problems(reversed(problems), "difficulty")
    keys = [(DIFFICULTIES.index(p.difficulty), p.slug) for p in ordered]
    assert keys == sorted(keys) and len(ordered) == len(problems)


def test_acceptance_puts_the_highest_rate_first_and_unsubmitted_problems_last() -> None:
    problems = list_problems()
    stats = {
        "house-robber": ProblemStats(submissions=4, accepted=1),  # 25 %
        "two-sum": ProblemStats(submissions=2, accepted=2),  # 100 %
        "edit-distance": ProblemStats(submissions=3, accepted=0),  # 0 %
        "3sum": ProblemStats(submissions=2, accepted=1),  # 50 %
        "coin-change": ProblemStats(last_attempted=T0),  # attempted, never submitted
    }
    ordered = _slugs(sort_problems(problems, "acceptance", stats))
    assert ordered[:4] == ["two-sum", "3sum", "house-robber", "edit-distance"]
    rest = sort_problems([p for p in problems if p.slug not in ordered[:4]], "difficulty")
    assert ordered[4:] == _slugs(rest)  # no rate: by difficulty, then slug


def test_last_attempted_puts_the_most_recent_first_and_never_attempted_last() -> None:
    problems = list_problems()
    stats = {
        "coin-change": ProblemStats(last_attempted=T0),
        "two-sum": ProblemStats(last_attempted=T0 + timedelta(hours=2)),
        "subsets": ProblemStats(last_attempted=T0 + timedelta(hours=1)),
    }
    ordered = _slugs(sort_problems(problems, "last-attempted", stats))
    assert ordered[:3] == ["two-sum", "subsets", "coin-change"]
    assert len(ordered) == len(problems)


def test_sort_names_are_forgiving_about_case_and_separators_and_strict_otherwise() -> None:
    assert check_sort("Last Attempted") == check_sort("last_attempted") == "last-attempted"
    assert [check_sort(s) for s in SORTS] == list(SORTS)
    with pytest.raises(ValidationError) as err:
        sort_problems(list_problems(), "speed")
    assert "speed" in str(err.value) and all(s in str(err.value) for s in SORTS)


# a person's record, from the store --------------------------------------------------------------
async def _session(engine: Engine, slug: str) -> InterviewSession:
    session = await engine.interviews.start(slug)
    return await engine.sessions.start(session.id)


async def _run(engine: Engine, session: InterviewSession, verdict: str, submit: bool) -> None:
    await engine.sessions.record_run(
        CodeRun(
            session_id=session.id,
            user_id=session.user_id,
            is_submission=submit,
            language="python",
            code="class Solution: pass\n",
            verdict=verdict,
            passed=3 if verdict == "AC" else 1,
            total=3,
        )
    )


async def test_stats_count_submissions_not_runs_and_solved_needs_an_ended_interview(
    tmp_path: Path,
) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "e.db"), Config())
    try:
        first = await _session(engine, "two-sum")
        await _run(engine, first, "WA", submit=True)
        await _run(engine, first, "AC", submit=False)  # a run: not an attempt at acceptance
        await engine.interviews.end(first.id)
        second = await _session(engine, "two-sum")
        await _run(engine, second, "AC", submit=True)
        await engine.interviews.end(second.id)
        open_one = await _session(engine, "coin-change")
        await _run(engine, open_one, "AC", submit=True)  # still in progress: not solved yet

        stats = await engine.interviews.problem_stats()
        assert set(stats) == {"two-sum", "coin-change"}
        two = stats["two-sum"]
        assert (two.submissions, two.accepted, two.acceptance, two.solved) == (2, 1, 0.5, True)
        coin = stats["coin-change"]
        assert (coin.submissions, coin.accepted, coin.solved) == (1, 1, False)
        assert coin.last_attempted is not None and two.last_attempted is not None
        assert coin.last_attempted >= two.last_attempted  # the newest session
        assert {s for s, st in stats.items() if st.solved} == await engine.interviews.solved_slugs()

        ordered = sort_problems(list_problems(), "last-attempted", stats)
        assert _slugs(ordered)[:2] == ["coin-change", "two-sum"]
    finally:
        engine.close()
