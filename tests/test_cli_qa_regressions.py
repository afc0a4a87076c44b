"""Regressions found by playing the product as a candidate (issue 14 QA), through the real
``coach`` entry point."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from coach_engine.problems import ProblemBank
from coach_engine.problems.testcase_input import TestcaseInputError, parse_testcase

Coach = Callable[..., CompletedProcess[str]]

WRONG_ANAGRAM = (
    "class Solution:\n"
    "    def isAnagram(self, s: str, t: str) -> bool:\n"
    "        return sorted(s) == sorted(s)\n"
)


def test_custom_input_takes_a_failing_test_as_the_results_show_it(
    coach: Coach, tmp_path: Path
) -> None:
    """The test table shows a failing test's input as ``["rat", "car"]``; a candidate pastes
    that into ``--input`` (or the alt+i box). It used to fail with "['rat', 'car'] is not a
    valid string"; now it is the same input as the two lines ``"rat"`` / ``"car"``."""
    solution = tmp_path / "anagram.py"
    solution.write_text(WRONG_ANAGRAM)
    args = ("run", str(solution), "--problem", "valid-anagram", "--input")
    pasted = coach(*args, '["rat", "car"]')
    lines = coach(*args, '"rat"\n"car"')
    for result in (pasted, lines):  # a run that differs from the reference exits 1, no error
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Error" not in result.stdout + result.stderr
        assert "different from the reference" in result.stdout
        outputs = [row.split("│")[1:3] for row in result.stdout.splitlines() if "│ true" in row]
        assert [[cell.strip() for cell in row] for row in outputs] == [["true", "false"]]


@pytest.mark.parametrize(
    ("slug", "text", "args"),
    [
        ("valid-anagram", '["rat", "car"]', ["rat", "car"]),
        ("two-sum", "[[2,7,11,15], 9]", [[2, 7, 11, 15], 9]),
        ("valid-parentheses", '["()[]"]', ["()[]"]),  # one parameter, shown as a list of one
        ("missing-number", "[3,0,1]", [[3, 0, 1]]),  # one list parameter: the list itself
    ],
)
def test_the_results_form_of_an_input_is_read_as_its_arguments(
    slug: str, text: str, args: list[object]
) -> None:
    assert parse_testcase(text, ProblemBank().get(slug)) == args


def test_a_list_that_does_not_fit_the_signature_is_still_an_error() -> None:
    with pytest.raises(TestcaseInputError) as caught:
        parse_testcase("[[2,7,11,15], 9, 3]", ProblemBank().get("two-sum"))
    assert caught.value.line == 1 and caught.value.param == "nums"
