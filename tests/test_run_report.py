"""How a run's tests read (coach_engine.run_report): numbers from 1, times of timed-out and
unrun tests, a compile error's message, the first difference of expected vs actual, verdict
counts in words; and the feedback text helpers (complexity as classes, the judge's report said
once)."""

from __future__ import annotations

import pytest

from coach_engine.feedback_text import complexity_markdown, criterion_reasons, details_once
from coach_engine.models import TestOutcome
from coach_engine.run_report import (
    compile_message,
    first_difference,
    test_number,
    time_text,
    verdict_counts_text,
)
from sandbox.spec import TestResult, Verdict


def outcome(verdict: str, **kw: object) -> TestOutcome:
    return TestOutcome.model_validate({"index": 0, "verdict": verdict, **kw})


def test_numbers_are_one_based_for_stored_and_sandbox_outcomes() -> None:
    assert test_number(outcome("AC")) == "1"
    assert test_number(outcome("WA", index=6, hidden=True)) == "7 (hidden)"
    assert test_number(TestResult(index=2, verdict=Verdict.AC)) == "3"


@pytest.mark.parametrize(
    ("test", "limit", "shown"),
    [
        (outcome("TLE", time_ms=2004.4), 2000, "2004 ms (limit 2000)"),
        (outcome("TLE", time_ms=709.5), None, "710 ms"),
        (outcome("TLE", time_ms=0.0), 2000, "> 2000 ms"),  # stopped before a time was read
        (outcome("TLE", stderr="not run: the run's total time limit was used up"), 250, "not run"),
        (outcome("CE", stderr="error: x"), 250, "—"),
        (outcome("AC", time_ms=0.25), 250, "0.25 ms"),
        (outcome("WA", time_ms=12.0), 250, "12 ms"),
    ],
)
def test_time_text(test: TestOutcome, limit: int | None, shown: str) -> None:
    assert time_text(test, limit) == shown


def test_compile_message_is_the_first_lines() -> None:
    long = "\n".join(f"line {i}" for i in range(30))
    tests = [outcome("CE", stderr=long), outcome("CE", index=1, stderr=long)]
    message = compile_message(tests, lines=5)
    assert message.splitlines() == [*(f"line {i}" for i in range(5)), "… 25 more line(s)"]
    assert compile_message([outcome("WA", stderr="boom")]) == ""


@pytest.mark.parametrize(
    ("expected", "actual", "marks"),
    [
        ("[0, 1]", "[0, 2]", ("1", "2")),  # the differing element
        ("[10, 23]", "[10, 24]", ("23", "24")),  # the whole number, not its last digit
        ("[0, 1]", "[0, 10]", ("1", "10")),
        ("[1, 2]", "[1, 2, 3]", ("]", ",")),  # one list ends, the other goes on
        ('"abc"', '"abd"', ("abc", "abd")),
        ("[1]", "[1]x", (None, "x")),  # expected simply ends there
        ("true", "false", ("true", "false")),
    ],
)
def test_first_difference(expected: str, actual: str, marks: tuple[str | None, ...]) -> None:
    diff = first_difference(expected, actual)
    assert diff is not None
    got = tuple(
        None if span is None else text[span[0] : span[1]]
        for text, span in ((expected, diff.expected), (actual, diff.actual))
    )
    assert got == marks


def test_equal_values_have_no_difference() -> None:
    assert first_difference("[1, 2]", "[1, 2]") is None


def test_verdict_counts_in_words() -> None:
    assert verdict_counts_text(7, 9, {"AC": 7, "WA": 2}) == "7/9 passed — 2 wrong answers"
    assert verdict_counts_text(3, 3, {"AC": 3}) == "3/3 passed"
    assert (
        verdict_counts_text(5, 9, {"AC": 5, "RE": 1, "TLE": 2, "WA": 1})
        == "5/9 passed — 1 wrong answer, 2 over the time limit, 1 runtime error"
    )


def test_complexity_is_shown_as_classes() -> None:
    md = complexity_markdown(
        {
            "time": {"big_o": "O(n log n)", "empirical": {"big_o": "O(n)"}, "how": "timed"},
            "space": {"big_o": "O(1)", "static": {"big_o": "O(1)", "evidence": ["x"]}},
        }
    )
    assert "| **Time** | O(n log n) | O(n) | — |" in md
    assert "| **Space** | O(1) | — | O(1) |" in md
    assert "*Time:* timed" in md and "{" not in md


JUDGE_REPORT = """Prose a provider wrote.

---

## two-sum (python): 82/100 (pass the 70 bar)

| criterion | weight | score | why |
|---|---:|---:|---|
| correctness | 0.30 | 100 | passed 33/33 tests |
| communication | 0.15 | n/a | no transcript: not assessed |

### Correctness: AC, 33/33 tests

- 33/33 passed (visible 3/3, hidden 30/30)

### Time: O(n) (high confidence)

- how: timed at n = 5,000..40,000
- optimal approach: O(n) — yours is same
- code evidence:
  - line 4: loop

### Strengths

- Fast.

### Suggestions

- Test more.

_Judged by offline-judge._"""


def test_details_once_drops_what_the_fields_say() -> None:
    details = details_once(JUDGE_REPORT)
    assert details.startswith("Prose a provider wrote.")
    for gone in ("82/100", "| criterion |", "- Fast.", "- Test more.", "### Strengths", "- how:"):
        assert gone not in details, gone
    for kept in ("### Correctness: AC", "### Time: O(n)", "- line 4: loop", "_Judged by"):
        assert kept in details, kept
    assert criterion_reasons(JUDGE_REPORT) == {
        "correctness": (100, "passed 33/33 tests"),
        "communication": (None, "no transcript: not assessed"),
    }
