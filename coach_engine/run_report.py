"""How a run's tests read to a person, the same in every front end (TUI, ``coach run``, the
markdown export, a server): test numbers from 1, a compile error as the compiler's message (the
tests did not run), a timed-out test as the CPU time it ran to (with the limit when known), a
wrong answer with its first difference located, and verdict counts in words.

Pure functions on ``TestOutcome``-shaped objects (the stored ``TestOutcome`` and the sandbox's
``TestResult`` both fit); no UI library: front ends style the spans ``first_difference`` returns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

COMPILE_LINES = 12
"""Lines of a compiler message shown inline; the rest is counted, not printed."""

NOT_RUN = "not run"

_WORDS: dict[str, tuple[str, str]] = {
    "WA": ("wrong answer", "wrong answers"),
    "TLE": ("over the time limit", "over the time limit"),
    "MLE": ("over the memory limit", "over the memory limit"),
    "OLE": ("too much output", "too much output"),
    "RE": ("runtime error", "runtime errors"),
    "CE": ("compile error", "compile errors"),
}
_ORDER = ("WA", "TLE", "MLE", "OLE", "RE", "CE")


class Outcome(Protocol):
    """What these helpers read of a test's outcome."""

    @property
    def index(self) -> int: ...
    @property
    def hidden(self) -> bool: ...
    @property
    def time_ms(self) -> float: ...
    @property
    def stderr(self) -> str: ...
    @property
    def verdict(self) -> Any: ...


def verdict_of(test: Outcome) -> str:
    """The verdict's short name (``"WA"``), whether it is a string or the sandbox's enum."""
    return str(getattr(test.verdict, "value", test.verdict))


def test_number(test: Outcome) -> str:
    """The test's number as people count, from 1 (``"4"``, ``"4 (hidden)"``)."""
    return f"{test.index + 1}{' (hidden)' if test.hidden else ''}"


def ms_text(ms: float) -> str:
    """``709.49`` → ``709 ms``; below 10 ms two decimals (``0.25 ms``)."""
    return f"{ms:.0f} ms" if ms >= 10 else f"{ms:.2f} ms"


test_number.__test__ = False  # type: ignore[attr-defined]  # a helper, not a pytest test


def test_ran(test: Outcome) -> bool:
    """Whether the test ran at all: not on a compile error, and not when the run's total time
    or output was used up before it (the sandbox reports those with no time and 'not run')."""
    verdict = verdict_of(test)
    if verdict == "CE":
        return False
    return not (verdict != "AC" and test.time_ms <= 0 and test.stderr.startswith(NOT_RUN))


test_ran.__test__ = False  # type: ignore[attr-defined]


def time_text(test: Outcome, limit_ms: int | None = None) -> str:
    """The CPU time a test ran to. A timed-out test shows the time it was stopped at and the
    limit when known (``2004 ms (limit 2000)``), or ``> 2000 ms`` when the sandbox stopped it
    before its time was read; a test that did not run shows ``—`` (CE) or ``not run``."""
    verdict = verdict_of(test)
    if verdict == "CE":
        return "—"
    if not test_ran(test):
        return NOT_RUN
    if verdict == "TLE":
        if test.time_ms <= 0:
            return f"> {limit_ms} ms" if limit_ms else "over the limit"
        return ms_text(test.time_ms) + (f" (limit {limit_ms})" if limit_ms else "")
    return ms_text(test.time_ms)


def compile_message(tests: Iterable[Outcome], lines: int = COMPILE_LINES) -> str:
    """The compiler's message of a CE run (every test carries it): its first ``lines`` lines,
    then how many more there are. Empty when no test has one."""
    text = next((t.stderr for t in tests if verdict_of(t) == "CE" and t.stderr.strip()), "")
    shown = text.strip("\n").splitlines()
    if len(shown) <= lines:
        return "\n".join(shown)
    return "\n".join([*shown[:lines], f"… {len(shown) - lines} more line(s)"])


def verdict_counts_text(passed: int, total: int, counts: Mapping[str, int]) -> str:
    """``7/9 passed — 2 wrong answers`` (the failing verdicts in words, commonest kinds first
    in a fixed order); ``3/3 passed`` when nothing failed."""
    head = f"{passed}/{total} passed"
    failing = []
    for name in (*_ORDER, *sorted(set(counts) - set(_ORDER) - {"AC"})):
        n = counts.get(name, 0)
        if n:
            one, many = _WORDS.get(name, (name, name))
            failing.append(f"{n} {one if n == 1 else many}")
    return f"{head} — {', '.join(failing)}" if failing else head


def count_verdicts(tests: Iterable[Outcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in tests:
        counts[verdict_of(t)] = counts.get(verdict_of(t), 0) + 1
    return counts


def value_text(value: Any) -> str:
    """A test's input, expected or actual value as shown: text as it is, anything else as
    compact JSON on one line."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


Span = tuple[int, int]

_DELIMITERS = frozenset('[]{},: "')


@dataclass(frozen=True)
class Difference:
    """Where two shown values first differ: a ``[start, end)`` span in each text (``None``
    when that text simply ends there)."""

    expected: Span | None
    actual: Span | None


def _token(text: str, at: int, start: int) -> Span | None:
    if at >= len(text):
        return None
    if text[at] in _DELIMITERS:
        return (at, at + 1)
    end = at
    while end < len(text) and text[end] not in _DELIMITERS:
        end += 1
    return (start, end)


def _word(text: str, start: int) -> Span:
    end = start
    while end < len(text) and text[end] not in _DELIMITERS:
        end += 1
    return (start, end)


def first_difference(expected: str, actual: str) -> Difference | None:
    """The first element where ``actual`` departs from ``expected`` (both as shown, see
    ``value_text``): the whole number or word that differs (``[0, 1]`` / ``[0, 2]`` → ``1`` and
    ``2``), or the single bracket or comma where one list ends and the other goes on. ``None``
    when the texts are equal."""
    if expected == actual:
        return None
    at = 0
    for a, b in zip(expected, actual, strict=False):
        if a != b:
            break
        at += 1
    start = at
    while start > 0 and expected[start - 1] not in _DELIMITERS:
        start -= 1
    # inside a number or word the two share the start of ("1" / "10"): mark the whole of each
    inside = start < at and any(
        at < len(text) and text[at] not in _DELIMITERS for text in (expected, actual)
    )
    if inside:
        return Difference(_word(expected, start), _word(actual, start))
    return Difference(_token(expected, at, start), _token(actual, at, start))


def time_limit_ms(problem: Any) -> int | None:
    """The per-test CPU limit ``problem`` sets (``None`` when it leaves it to the settings)."""
    limits = problem.limits
    return int(limits.time_ms) if "time_ms" in limits.model_fields_set else None
