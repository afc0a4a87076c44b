"""`coach problems list --search/--sort` and a table that never cuts the slug a person must
type (issue 14 item 4), through the real `coach` entry point on a real store (once a test at
least; further command lines of a test run `coach` in process: tests/cli_in_process.py)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from coach_engine.api import CodeRun, list_problems, search_problems
from coach_engine.models import SessionCreate, utcnow
from coach_engine.store import SQLiteStore
from tests.cli_in_process import run_in_process as in_process


def _slugs(proc: Any) -> list[str]:
    assert proc.returncode == 0, proc.stderr
    return [p["slug"] for p in json.loads(proc.stdout)]


def test_search_finds_by_title_slug_and_tag_as_the_engine_does(coach: Any) -> None:
    assert _slugs(coach("problems", "list", "--search", "two sum", "--json")) == ["two-sum"]
    assert _slugs(in_process("problems", "list", "--search=TWO-SUM", "--json")) == ["two-sum"]
    for query in ("dp", "hash", "bin tree"):
        expected = [p.slug for p in search_problems(list_problems(), query)]
        assert expected and _slugs(in_process("problems", "list", "--search", query, "--json")) == (
            expected
        )
    both = _slugs(
        in_process("problems", "list", "--search", "hash", "--difficulty", "easy", "--json")
    )
    assert both and "group-anagrams" not in both and "two-sum" in both  # filters still apply
    none = in_process("problems", "list", "--search", "zzqx")
    assert none.returncode == 0 and "No problem matches" in none.stdout


def _attempt(home: Path, slug: str, verdicts: list[str], minutes_ago: int) -> None:
    """A completed session on ``slug`` with one submission per verdict, ``minutes_ago``."""
    store = SQLiteStore.open(home / "coach.db")
    try:
        user = store.default_user().id
        session = store.create_session(user, SessionCreate(problem_slug=slug))
        when = utcnow() - timedelta(minutes=minutes_ago)
        for verdict in verdicts:
            store.add_run(
                CodeRun(
                    session_id=session.id,
                    user_id=user,
                    is_submission=True,
                    language="python",
                    code="pass",
                    verdict=verdict,
                    passed=1,
                    total=1,
                    created_at=when,
                )
            )
        store.update_session(user, session.id, {"created_at": when})
    finally:
        store.close()


def test_sort_by_acceptance_and_last_attempted_reads_the_persons_record(
    coach: Any, coach_home: Path
) -> None:
    in_process("problems", "list", "--json")  # creates the database
    _attempt(coach_home, "house-robber", ["WA", "AC"], minutes_ago=5)  # 50 %
    _attempt(coach_home, "coin-change", ["AC"], minutes_ago=60)  # 100 %
    _attempt(coach_home, "subsets", ["WA"], minutes_ago=30)  # 0 %

    by_rate = coach("problems", "list", "--sort", "acceptance", "--json")
    assert _slugs(by_rate)[:3] == ["coin-change", "house-robber", "subsets"]
    first = json.loads(by_rate.stdout)[0]
    assert (first["submissions"], first["accepted"]) == (1, 1) and first["last_attempted"]
    recent = _slugs(in_process("problems", "list", "--sort", "last_attempted", "--json"))
    assert recent[:3] == ["house-robber", "subsets", "coin-change"]
    default = _slugs(in_process("problems", "list", "--json"))
    assert default == [p.slug for p in list_problems()]  # difficulty, then slug

    table = in_process("problems", "list", "--sort", "acceptance", "--search", "house")
    assert "acceptance" in table.stdout and "50% of 2" in table.stdout


def test_an_unknown_sort_is_a_usage_error_naming_the_sorts(coach: Any) -> None:
    proc = coach("problems", "list", "--sort", "speed")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "speed" in proc.stderr
    assert all(s in proc.stderr for s in ("difficulty", "acceptance", "last-attempted"))


@pytest.mark.parametrize("columns", ["40", "60", "80", "120"])
def test_every_slug_is_printed_whole_at_any_width(coach: Any, columns: str) -> None:
    run = coach if columns == "80" else in_process  # the real coach at one width
    proc = run("problems", "list", env={"COLUMNS": columns})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    slugs = {p.slug for p in list_problems()}
    # nothing wider than the terminal, but a slug that is: printed alone, for it to wrap
    assert all(len(line) <= int(columns) or line in slugs for line in lines), proc.stdout
    for p in list_problems():
        # the slug, whole, starts a line: the column is never wrapped or shortened
        assert any(line.split()[:1] == [p.slug] for line in lines), (p.slug, proc.stdout)
    if int(columns) >= 80:
        assert "Two Sum" in proc.stdout  # room for the titles too
    assert "…" not in proc.stdout
