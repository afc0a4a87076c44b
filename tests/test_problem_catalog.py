"""The problem listing's index: the same answer as parsing every problem, and never a stale one.

A hit lists without importing the problem schema (checked in a fresh interpreter); a new,
edited or broken problem is a miss that lists (or fails) exactly as the full parse does; an
unusable cache directory only costs the speed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach_engine.api import ProblemBank, list_problems
from coach_engine.errors import ProblemError
from coach_engine.problems.loader import bundled_root

ROOT = Path(__file__).resolve().parent.parent


def _summaries_by_parsing() -> list[tuple[str, str, str, tuple[str, ...], str]]:
    return [(p.slug, p.title, p.difficulty, tuple(p.tags), p.origin) for p in ProblemBank().list()]


def _listed() -> list[tuple[str, str, str, tuple[str, ...], str]]:
    return [(p.slug, p.title, p.difficulty, p.tags, p.origin) for p in list_problems()]


def _user_copy(home: Path, slug: str = "two-sum-again") -> Path:
    target = home / "problems" / slug
    shutil.copytree(Path(str(bundled_root().joinpath("two-sum"))), target)
    toml = target / "problem.toml"
    toml.write_text(toml.read_text().replace('slug = "two-sum"', f'slug = "{slug}"', 1))
    return toml


def test_the_index_answers_as_the_full_parse_and_skips_the_schema(coach_home: Path) -> None:
    expected = _summaries_by_parsing()
    assert _listed() == expected  # a miss: parsed, and the index written
    assert (coach_home / "cache" / "problem-index.json").is_file()
    assert _listed() == expected  # a hit
    assert [p.slug for p in list_problems(difficulty="hard")] == [
        s for s, _, d, _, _ in expected if d == "hard"
    ]
    assert {p.slug for p in list_problems(tag="graphs")} == {
        s for s, _, _, tags, _ in expected if "graphs" in tags
    }
    probe = (
        "import sys\n"
        "from coach_engine.api import list_problems\n"
        "assert len(list_problems()) > 40\n"
        "print('coach_engine.problems.schema' in sys.modules, 'sandbox.spec' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_a_new_an_edited_and_a_broken_problem_are_seen(coach_home: Path) -> None:
    list_problems()  # index written
    toml = _user_copy(coach_home)
    assert ("two-sum-again", "Two Sum", "easy", ("arrays-hashing",), "user") in _listed()
    toml.write_text(toml.read_text().replace('title = "Two Sum"', 'title = "Two Sum, again"'))
    assert ("two-sum-again", "Two Sum, again", "easy", ("arrays-hashing",), "user") in _listed()
    toml.write_text(toml.read_text().replace('difficulty = "easy"', 'difficulty = "trivial"'))
    with pytest.raises(ProblemError, match="difficulty"):
        list_problems()
    shutil.rmtree(toml.parent)
    assert _listed() == _summaries_by_parsing()


def test_unknown_filters_are_the_banks_errors_on_a_hit(coach_home: Path) -> None:
    list_problems()
    with pytest.raises(ProblemError, match="unknown difficulty 'extreme'"):
        list_problems(difficulty="extreme")
    with pytest.raises(ProblemError, match="did you mean graphs"):
        list_problems(tag="graph")


def test_an_unusable_cache_directory_only_costs_speed(coach_home: Path) -> None:
    (coach_home / "cache").write_text("a file where the cache directory would be")
    assert _listed() == _summaries_by_parsing()
    assert _listed() == _summaries_by_parsing()


def test_a_damaged_index_is_rebuilt(coach_home: Path) -> None:
    list_problems()
    index = coach_home / "cache" / "problem-index.json"
    index.write_text('{"format": 1, "problems": [')
    assert _listed() == _summaries_by_parsing()
    assert index.read_text().startswith('{"format": 1')
    assert len(list_problems()) == len(ProblemBank())


def test_the_listing_carries_the_schemas_vocabulary_on_a_miss_and_a_hit(coach_home: Path) -> None:
    from coach_engine.problem_catalog import problem_listing
    from coach_engine.problems import DIFFICULTIES, TAGS

    for _ in ("miss", "hit"):
        listing = problem_listing()
        assert listing.difficulties == DIFFICULTIES and listing.tags == TAGS
        assert [(p.slug, p.title, p.difficulty, p.tags, p.origin) for p in listing.problems] == (
            _summaries_by_parsing()
        )
    _user_copy(coach_home).write_text('title = "no slug, no tests"\n')
    with pytest.raises(ProblemError):
        problem_listing()
