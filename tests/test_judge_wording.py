"""The judge's sentences count in words (issue 14 QA: the feedback read "1 class step(s)",
"0 finding(s)", "0 hint(s), 3 reveal(s)", "ran the visible tests 2 time(s)")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import coach_engine.judge
from coach_engine.judge.wording import aids, counted


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [(0, "finding", "0 findings"), (1, "hint", "1 hint"), (3, "submission", "3 submissions")],
)
def test_a_count_takes_the_noun_in_its_number(n: int, noun: str, text: str) -> None:
    assert counted(n, noun) == text


def test_the_help_taken_names_only_what_was_used() -> None:
    assert aids(0, 3) == "3 reveals"
    assert aids(1, 0) == "1 hint"
    assert aids(2, 1) == "2 hints and 1 reveal"


def test_no_judge_sentence_says_s_in_brackets() -> None:
    root = Path(coach_engine.judge.__file__).parent
    said = [
        f"{path.name}: {line.strip()}"
        for path in root.rglob("*.py")
        for line in path.read_text().splitlines()
        if re.search(r"\w\(s\)", line) and ('f"' in line or "f'" in line)
    ]
    assert said == []
