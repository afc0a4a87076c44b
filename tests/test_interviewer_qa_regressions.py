"""The offline interviewer in the conversation a QA candidate had on Valid Anagram (issue 14
QA): what it said that read wrong, replayed through the engine's interview API on a real
temporary SQLite store."""

from __future__ import annotations

import asyncio
from pathlib import Path

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.models import SessionCreate
from coach_engine.store import SQLiteStore


async def _replies(path: Path, lines: list[str]) -> list[str]:
    engine = Engine(SQLiteStore.open(path), Config())
    session = await engine.sessions.create(SessionCreate(problem_slug="valid-anagram"))
    await engine.interview.begin(session.id)
    said = [(await engine.interview.send(session.id, line)).content for line in lines]
    engine.close()
    return said


def test_it_asks_for_edge_cases_without_first_saying_go_and_code(tmp_path: Path) -> None:
    """It said "Go ahead and code it. Before coding, which edge cases would you test?"."""
    replies = asyncio.run(
        _replies(
            tmp_path / "qa.db",
            [
                "I think I would count the letters of each string with a hash map and compare "
                "the counts.",
                "O(n) time and O(1) space since the alphabet is fixed.",
            ],
        )
    )
    last = replies[-1]
    assert "which edge cases would you test?" in last, last
    assert "code it" not in last and "Before coding" not in last, last


def test_choosing_an_approach_already_weighed_is_taken_as_the_choice(tmp_path: Path) -> None:
    """After "which one will you code?", "I will code the counting one" got "You're suggesting
    code the counting one: that's the count letters approach, and it would work too."."""
    replies = asyncio.run(
        _replies(
            tmp_path / "qa.db",
            [
                "I think I would count the letters of each string with a hash map and compare "
                "the counts.",
                "O(n) time and O(1) space since the alphabet is fixed.",
                "What about sorting both strings instead?",
                "I will code the counting one. Edge cases: different lengths and empty strings.",
            ],
        )
    )
    asked, chose = replies[-2], replies[-1]
    assert "Which one will you code?" in asked, asked
    assert "You're suggesting" not in chose and "would work too" not in chose, chose
    assert "count letters approach" in chose, chose  # it names what was chosen
    assert "ctrl+r" in chose, chose  # edge cases given: on to the tests


def test_a_python_compile_error_is_quoted_by_its_error_not_its_file_header(
    tmp_path: Path,
) -> None:
    """A run with an indentation error got "It doesn't compile yet: `File "solution.py", line
    1`. What does the compiler point at?" — the header, not what is wrong (the real sandbox)."""

    async def main() -> str:
        engine = Engine(SQLiteStore.open(tmp_path / "ce.db"), Config())
        session = await engine.sessions.create(SessionCreate(problem_slug="valid-anagram"))
        await engine.interview.begin(session.id)
        code = (
            "        return sorted(s) == sorted(s)class Solution:\n"
            "    def isAnagram(self, s: str, t: str) -> bool:\n"
            "        \n"
        )
        run = await engine.interview.run(session.id, code, "python")
        assert run.verdict == "CE"
        said = (await engine.sessions.messages(session.id))[-1].content
        engine.close()
        return said

    said = asyncio.run(main())
    assert "IndentationError: unexpected indent" in said and "line 1" in said, said
    assert 'File "solution.py"' not in said, said
