"""``coach run FILE --problem SLUG --input '…'`` through the real ``coach`` entry point: the
candidate's output beside the reference's, ``--json``, ``@FILE`` and ``-`` inputs, and a bad
input as a clear error with exit status 2 and no traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

RIGHT = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)
WRONG = (
    "class Solution:\n    def twoSum(self, nums, target):\n"
    "        print('checked', len(nums))\n        return [0, len(nums) - 1]\n"
)


@pytest.fixture
def solutions(tmp_path: Path) -> dict[str, Path]:
    paths = {"right": tmp_path / "right.py", "wrong": tmp_path / "wrong.py"}
    paths["right"].write_text(RIGHT)
    paths["wrong"].write_text(WRONG)
    return paths


def test_outputs_side_by_side_and_exit_status(coach: Any, solutions: dict[str, Path]) -> None:
    same = coach("run", str(solutions["right"]), "-p", "two-sum", "--input", "[3,8,1,5]\n6")
    assert same.returncode == 0, same.stderr
    assert "same output as the reference" in same.stdout
    assert "your output" in same.stdout and "expected (reference)" in same.stdout
    assert same.stdout.count("[2,3]") == 2

    differ = coach("run", str(solutions["wrong"]), "-p", "two-sum", "--input", r"[3,8,1,5]\n6")
    assert differ.returncode == 1, differ.stderr
    assert "different from the reference" in differ.stdout
    assert "[0,3]" in differ.stdout and "[2,3]" in differ.stdout
    assert "checked 4" in differ.stdout  # the candidate's print, shown as its stdout


def test_json_and_input_from_a_file_or_stdin(
    coach: Any, solutions: dict[str, Path], tmp_path: Path
) -> None:
    case = tmp_path / "case.txt"
    case.write_text("nums = [3,8,1,5], target = 6\n")
    from_file = coach(
        "run", str(solutions["wrong"]), "-p", "two-sum", "--input", f"@{case}", "--json"
    )
    assert from_file.returncode == 1, from_file.stderr
    data = json.loads(from_file.stdout)
    assert data["verdict"] == "different"
    assert data["input"]["args"] == [[3, 8, 1, 5], 6]
    assert data["candidate"]["output"] == [0, 3] and data["reference"]["output"] == [2, 3]

    piped = coach(
        "run", str(solutions["right"]), "-p", "two-sum", "-i", "-", "--json", input="[3,3]\n6\n"
    )
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["verdict"] == "same"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[2,7,11,15]\nnine", ["line 2 (target, int)", "not valid JSON", "e.g. 9"]),
        ("[1]\n1", ["line 1 (nums)", "2 <= nums.length <= 10^4", "nums.length is 1"]),
        ("", ["empty", "one value per parameter"]),
    ],
    ids=["not-json", "constraint", "empty"],
)
def test_bad_input_is_a_clear_error_exit_2(
    coach: Any, solutions: dict[str, Path], text: str, words: list[str]
) -> None:
    result = coach("run", str(solutions["right"]), "-p", "two-sum", "--input", text)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: Invalid test input: "), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert result.stdout == ""


def test_input_and_all_tests_conflict(coach: Any, solutions: dict[str, Path]) -> None:
    result = coach(
        "run", str(solutions["right"]), "-p", "two-sum", "--tests", "all", "--input", "[3,3]\n6"
    )
    assert result.returncode == 2
    assert "--input" in result.stderr and "Traceback" not in result.stderr
