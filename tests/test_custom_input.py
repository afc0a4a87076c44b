"""Custom test input (issue 14 item 3), through the public API on the real sandbox: a typed
input is parsed and checked against the problem's signature and constraints, the candidate's
code and the reference run on it, and both outputs come back with a verdict; in an interview
the run is stored as a run, not a submission."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest

from coach_engine.api import (
    CustomRun,
    Engine,
    ProblemBank,
    SessionStatus,
    TestcaseInputError,
    run_custom_input,
)
from coach_engine.config import Config
from coach_engine.custom_input import REFERENCE_CACHE
from coach_engine.problems.constraints import read_constraints
from coach_engine.problems.testcase_input import example_text, parse_testcase
from coach_engine.sandbox_policy import SandboxPolicy
from coach_engine.store import SQLiteStore
from sandbox.spec import RunRequest, RunResult

RIGHT = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)
WRONG = (
    "class Solution:\n    def twoSum(self, nums, target):\n"
    "        print('looking at', len(nums))\n        return [0, len(nums) - 1]\n"
)
REVERSED = (  # the right pair in the other order: two-sum compares unordered
    "class Solution:\n    def twoSum(self, nums, target):\n"
    "        for i in range(len(nums)):\n            for j in range(i):\n"
    "                if nums[i] + nums[j] == target:\n                    return [i, j]\n"
)
CRASH = "class Solution:\n    def twoSum(self, nums, target):\n        return nums[len(nums)]\n"
JAVA_RIGHT = """class Solution {
    public int[] twoSum(int[] nums, int target) {
        java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < nums.length; i++) {
            Integer j = seen.get(target - nums[i]);
            if (j != null) return new int[]{j, i};
            seen.put(nums[i], i);
        }
        return new int[0];
    }
}
"""
CPP_WRONG = """class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) { return {0, 0}; }
};
"""


@pytest.fixture(scope="module")
def bank() -> ProblemBank:
    return ProblemBank()


def run(code: str, text: str, slug: str = "two-sum", language: str = "python") -> CustomRun:
    return run_custom_input(slug, code, language, text)


# running -------------------------------------------------------------------------------------
def test_right_solution_gives_the_reference_output() -> None:
    result = run(RIGHT, "[3,8,1,5]\n6")
    assert result.verdict == "same"
    assert result.candidate.status == "ok" and result.candidate.output == [2, 3]
    assert result.reference.status == "ok" and result.reference.output == [2, 3]
    assert result.input.args == [[3, 8, 1, 5], 6]
    assert result.input.unchecked == []  # the bank's generator checks the prose lines


def test_wrong_solution_is_different_and_shows_its_stdout() -> None:
    result = run(WRONG, "[3,8,1,5]\n6")
    assert result.verdict == "different"
    assert result.candidate.output == [0, 3]
    assert result.reference.output == [2, 3]
    assert "looking at 4" in result.candidate.stdout


def test_compare_mode_of_the_problem_applies() -> None:
    assert run(REVERSED, "[3,8,1,5]\n6").verdict == "same"  # [3, 2] is [2, 3], unordered


def test_a_crash_is_an_error_with_its_message() -> None:
    result = run(CRASH, "[3,8,1,5]\n6")
    assert result.verdict == "error"
    assert result.candidate.status == "RE"
    assert "IndexError" in result.candidate.stderr
    assert result.reference.output == [2, 3]  # the expected output is still shown


def test_a_compile_error_shows_the_compiler_message() -> None:
    result = run(
        "class Solution:\n    def twoSum(self, nums, target)\n        return []\n", "[3,3]\n6"
    )
    assert result.verdict == "error" and result.candidate.status == "CE"
    assert "SyntaxError" in result.candidate.compile_output
    assert result.reference.output == [0, 1]


def test_example_notation_is_accepted_on_one_line_or_several() -> None:
    one = run(RIGHT, "nums = [2,7,11,15], target = 9")
    several = run(RIGHT, "nums = [2,7,11,15],\ntarget = 9")
    named = run(RIGHT, "nums = [2,7,11,15]\ntarget = 9")
    for result in (one, several, named):
        assert result.input.args == [[2, 7, 11, 15], 9]
        assert result.verdict == "same"
    assert one.input.text == "[2,7,11,15]\n9"


class Counting:
    """The real sandbox policy, counting the reference's runs."""

    def __init__(self, reference: str) -> None:
        self.policy = SandboxPolicy(Config())
        self.reference = reference
        self.reference_runs = 0

    def __call__(self, request: RunRequest) -> RunResult:
        if request.code == self.reference:
            self.reference_runs += 1
        return self.policy(request)


def test_reference_output_is_cached_per_problem_and_input(
    bank: ProblemBank, tmp_path: Path
) -> None:
    REFERENCE_CACHE.clear()
    runner = Counting(bank.get("two-sum").reference("python"))
    engine = Engine(SQLiteStore.open(tmp_path / "e.db"), Config())
    engine.runner = runner
    service = engine.custom_input
    first = service.run("two-sum", "python", RIGHT, "[4,4,9]\n8")
    again = service.run("two-sum", "python", WRONG, "nums = [4,4,9], target = 8")
    other = service.run("two-sum", "python", RIGHT, "[4,9,4]\n8")
    assert (first.reference_cached, again.reference_cached, other.reference_cached) == (
        False,
        True,
        False,
    )
    assert runner.reference_runs == 2  # one per distinct input, the notation does not matter
    assert again.reference.output == [0, 1] and again.verdict == "different"
    engine.close()


@pytest.mark.slow
def test_java_right_solution_is_the_same() -> None:
    result = run(JAVA_RIGHT, "[3,8,1,5]\n6", language="java")
    assert result.verdict == "same" and result.candidate.output == [2, 3]


@pytest.mark.slow
def test_cpp_wrong_solution_is_different() -> None:
    result = run(CPP_WRONG, "[3,8,1,5]\n6", language="cpp")
    assert result.verdict == "different" and result.candidate.output == [0, 0]


# malformed input ---------------------------------------------------------------------------
MALFORMED: list[tuple[str, str, str, int | None, str | None, list[str]]] = [
    # (slug, text, what, line, param, words the message must hold)
    ("two-sum", "", "empty", None, None, ["empty", "[2,7,11,15]\n9"]),
    ("two-sum", "  \n\n", "blank", None, None, ["empty"]),
    ("two-sum", "[2,7,11,15]", "missing", 2, "target", ["missing", "e.g. 9", "integer"]),
    ("two-sum", "[2,7,11,15]\nabc", "not json", 2, "target", ["not valid JSON", "e.g. 9"]),
    ("two-sum", "[2,7,'x']\n9", "single quotes", 1, "nums", ["double quotes", "[2,7,11,15]"]),
    ("two-sum", "[2,7,11,15]\n9\n3", "extra line", 3, None, ["unexpected", "2 line(s)"]),
    ("two-sum", "[2,7,11,15]\n9999999999", "int range", 2, "target", ["not a valid int"]),
    ("two-sum", "[2,7,True]\n9", "python bool", 1, "nums", ["true, false and null"]),
    ("two-sum", "9\n[2,7,11,15]", "order", 1, "nums", ["expected a list", "JSON list"]),
    ("two-sum", "target = 9\nnums = [1,2]", "names swapped", 1, "nums", ["names 'target'"]),
    ("two-sum", "[2,7,11,15]\n\n9.5", "line numbers", 3, "target", ["9.5 is not a valid int"]),
    ("valid-anagram", 'anagram\n"nagaram"', "bare string", 1, "s", ["double quotes"]),
    ("invert-binary-tree", "[null,1]", "tree root null", 1, "root", ["level-order"]),
    ("number-of-islands", '[["1","10"]]', "char", 1, "grid", ["not a valid char"]),
    ("two-sum", "nums = [2,7], target = x", "example form", 1, "target", ["not JSON"]),
    ("two-sum", "[2,7,11,15] 9", "two on a line", 1, "nums", ["one value per line"]),
]


@pytest.mark.parametrize(
    ("slug", "text", "what", "line", "param", "words"),
    MALFORMED,
    ids=[case[2] for case in MALFORMED],
)
def test_malformed_input_names_line_parameter_form_and_example(
    bank: ProblemBank,
    slug: str,
    text: str,
    what: str,
    line: int | None,
    param: str | None,
    words: list[str],
) -> None:
    with pytest.raises(TestcaseInputError) as caught:
        parse_testcase(text, bank.get(slug))
    err = caught.value
    assert (err.line, err.param) == (line, param), err.message
    for word in words:
        assert word in err.message, err.message
    if line is not None:
        assert err.message.startswith(f"line {line}"), err.message
    assert err.example and err.expected
    assert err.exit_code == 2  # a ValidationError: the CLI exits 2


# constraints -------------------------------------------------------------------------------
VIOLATIONS: list[tuple[str, str, int | None, str | None, list[str]]] = [
    ("two-sum", "[1]\n1", 1, "nums", ['"2 <= nums.length <= 10^4"', "nums.length is 1"]),
    ("two-sum", "[2000000000,1]\n5", 1, "nums", ["10^9 <= nums[i]", "nums[0] is 2000000000"]),
    ("two-sum", "[1,2]\n-2000000000", 2, "target", ["<= target <=", "target is -2000000000"]),
    ("two-sum", "[1,2,3]\n100", None, None, ["exactly one pair"]),  # the generator's check
    ("valid-parentheses", '"(a)"', 1, "s", ["only of the characters", "'a'"]),
    ("number-of-islands", '[["1","2"]]', 1, "grid", ["'0' or '1'", "grid[0][1]"]),
    ("missing-number", "[0,5]", 1, "nums", ["0 <= nums[i] <= n", "nums[1] is 5"]),
    ("invert-binary-tree", str(list(range(101))).replace(" ", ""), 1, "root", ["[0, 100]"]),
    ("course-schedule", "0\n[]", 1, "numCourses", ["1 <= numCourses <= 2000"]),
    ("course-schedule", "2\n[[0,1,1]]", 2, "prerequisites", ["prerequisites[i].length == 2"]),
    ("word-ladder", '"hit"\n"cogs"\n["hot"]', 2, "endWord", ["endWord.length == beginWord"]),
    ("median-of-two-sorted-arrays", "[]\n[]", None, None, ["1 <= m + n <= 2000"]),
]


@pytest.mark.parametrize(
    ("slug", "text", "line", "param", "words"),
    VIOLATIONS,
    ids=[f"{c[0]}:{c[1][:16]}" for c in VIOLATIONS],
)
def test_constraint_violations_are_caught(
    bank: ProblemBank, slug: str, text: str, line: int | None, param: str | None, words: list[str]
) -> None:
    with pytest.raises(TestcaseInputError) as caught:
        check_with(bank, slug, text)
    err = caught.value
    for word in words:
        assert word in err.message, err.message
    if param is not None:
        assert (err.line, err.param) == (line, param), err.message
    else:
        assert "breaks" in err.message, err.message


def test_every_bundled_problem_accepts_its_own_tests_and_example(bank: ProblemBank) -> None:
    """No constraint read from the prose rejects an input the problem itself uses."""
    for problem in bank:
        constraints = read_constraints(problem.constraints, problem.signature)
        for case in problem.tests().all():
            assert not constraints.violations(case.args, problem.signature), problem.slug
        text = example_text(problem)
        assert parse_testcase(text, problem) == parse_testcase(problem.examples[0].input, problem)


def test_most_constraint_lines_are_read_not_left_as_prose(bank: ProblemBank) -> None:
    read = prose = 0
    for problem in bank:
        constraints = read_constraints(problem.constraints, problem.signature)
        prose += len(constraints.prose)
        read += len(problem.constraints) - len(constraints.prose)
        assert "2 <= nums.length <= 10^4" not in constraints.prose
    assert read > 4 * prose, (read, prose)


def test_a_packs_prose_constraints_are_reported_unchecked(tmp_path: Path) -> None:
    """A pack's generator is not run in process (untrusted code): its prose lines are listed."""
    source = Path(str(ProblemBank().get("two-sum").root))
    target = tmp_path / "pack" / "two-sum-copy"
    shutil.copytree(source, target)
    toml = target / "problem.toml"
    toml.write_text(toml.read_text().replace('slug = "two-sum"', 'slug = "two-sum-copy"'))
    bank = ProblemBank([tmp_path / "pack"])
    checked = check_with(bank, "two-sum-copy", "[1,2,3]\n100")  # no pair: prose, not checked
    assert checked.unchecked == ["Exactly one pair of indices sums to target."]
    with pytest.raises(TestcaseInputError, match="nums.length is 1"):
        check_with(bank, "two-sum-copy", "[1]\n1")  # bounds are read from the prose


def check_with(bank: ProblemBank, slug: str, text: str) -> Any:
    from coach_engine.custom_input import check_input

    return check_input(bank.get(slug), text)


# in an interview -----------------------------------------------------------------------------
def test_in_an_interview_the_run_is_stored_as_a_run(tmp_path: Path) -> None:
    async def scenario() -> None:
        engine = Engine(SQLiteStore.open(tmp_path / "e.db"), Config())
        session = await engine.interviews.start("two-sum")
        session = await engine.sessions.start(session.id)
        with pytest.raises(TestcaseInputError):
            await engine.custom_input.run_in_interview(session.id, WRONG, "python", "[1]\n1")
        assert await engine.sessions.runs(session.id) == []  # a bad input stores nothing
        result = await engine.custom_input.run_in_interview(
            session.id, WRONG, "python", "[3,8,1,5]\n6"
        )
        assert result.verdict == "different"
        (stored,) = await engine.sessions.runs(session.id)
        assert not stored.is_submission
        assert (stored.verdict, stored.passed, stored.total) == ("WA", 0, 1)
        assert stored.tests[0].input == [[3, 8, 1, 5], 6]
        assert (stored.tests[0].expected, stored.tests[0].actual) == ([2, 3], [0, 3])
        latest = await engine.sessions.latest_code(session.id)
        assert latest is not None and latest.code == WRONG
        assert (await engine.sessions.get(session.id)).status == SessionStatus.IN_PROGRESS
        await engine.aclose()

    asyncio.run(scenario())
