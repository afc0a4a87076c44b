"""Strengths, weaknesses and suggestions, each tied to the evidence that supports it.

Every sentence names its evidence: a test, a timing series, a line of code, a message of the
transcript ("claimed O(n log n), measured O(n^2): line 7: nested loop over nums").
"""

from __future__ import annotations

import json
from typing import Any

from coach_engine.judge.communication import claimed_for_another_approach
from coach_engine.judge.scoring import Facts, attempts_line, charged
from coach_engine.judge.wording import aids, counted
from coach_engine.problems import Problem

MAX_FINDINGS = 5
_AGREEMENT = {
    "agree": "timing and static analysis agree",
    "consistent": "static analysis, consistent with the timings",
    "disagree": "timing and static analysis disagree",
    "empirical-only": "measured",
    "static-only": "from static analysis only",
    "undetermined": "undetermined",
}


def _short(value: Any, width: int = 60) -> str:
    text = json.dumps(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _evidence(f: Facts) -> str:
    """The most telling line of the static evidence: a nested loop if there is one."""
    st = f.complexity.time.static
    if st is None or not st.evidence:
        return ""
    nested = [e for e in st.evidence if "nested" in e]
    return f": {(nested or st.evidence)[-1 if nested else 0]}"


def advise(f: Facts, problem: Problem) -> tuple[list[str], list[str], list[str]]:
    strengths: list[str] = []
    weaknesses: list[str] = []
    suggestions: list[str] = []
    c, time, space = f.correctness, f.complexity.time, f.complexity.space
    best = next(a for a in problem.approaches if a.optimal)
    if f.correct:
        strengths.append(f"All {c.total} tests pass, {c.hidden_total} hidden ones included.")
    elif c.first_failure is not None:
        ff = c.first_failure
        where = f"{'hidden' if ff.hidden else 'visible'} test {ff.index + 1}"
        detail = ""
        if ff.input is not None:
            detail = f": input {_short(ff.input)}, expected {_short(ff.expected)}"
            detail += f", got {_short(ff.actual)}" if ff.actual is not None else ""
        msg = f" ({ff.message.strip().splitlines()[-1][:120]})" if ff.message.strip() else ""
        weaknesses.append(f"Fails {where} with {ff.verdict}{detail}{msg}; "
                          f"{c.passed}/{c.total} tests pass.")  # fmt: skip
        if ff.verdict in ("WA", "RE"):
            suggestions.append(f"Trace {where} by hand before changing code; it is the smallest "
                               "failing case the judge found.")  # fmt: skip
    failed = f.failed_attempts
    if failed and (
        f.correct or c.failed_submissions_before_ac < c.prior_submissions
    ):  # something was accepted: this code or an earlier submission
        said = f" (accepted on submission {c.attempts})" if c.attempts and f.correct else ""
        weaknesses.append(f"{counted(failed, 'submission')} failed before an accepted one{said}: "
                          "test on edge cases before submitting.")  # fmt: skip
    elif f.correct and c.attempts == 1:
        strengths.append("Accepted on the first submission.")
    elif not f.correct and c.attempts > 1:
        line = attempts_line(f)
        weaknesses.append(f"{line[0].upper()}{line[1:]}.")
    if time.versus_optimal in ("same", "better") and not f.wrong:
        strengths.append(f"Time {time.big_o} matches the optimal approach ({best.name}); "
                         f"{time.how}.")  # fmt: skip
    elif time.versus_optimal == "worse":
        _, doubt = charged(f, time)
        maybe = "possibly " if doubt else ""
        weaknesses.append(f"Time {maybe}{time.big_o} ({_AGREEMENT[time.agreement]}), the optimal "
                          f"approach is {time.optimal}{_evidence(f)}"
                          + (f"; {doubt}." if doubt else "."))  # fmt: skip
        suggestions.append(f"Aim for {best.name} ({best.time} time, {best.space} space): "
                           f"{best.summary}")  # fmt: skip
    if time.agreement == "disagree":
        weaknesses.append(f"Timing and static analysis disagree ({time.how}); "
                          "treat the time class with caution.")  # fmt: skip
    emp = time.empirical
    if emp is not None and emp.too_slow_at:
        weaknesses.append(f"Too slow to finish the timing series at n = {emp.too_slow_at:,}.")
    if space.versus_optimal == "worse":
        weaknesses.append(f"Extra space {space.big_o}, the optimal approach uses {space.optimal}"
                          f" ({space.how}).")  # fmt: skip
    elif space.versus_optimal in ("same", "better") and not f.wrong:
        strengths.append(f"Extra space {space.big_o}, as good as the optimal approach's "
                         f"{space.optimal}.")  # fmt: skip
    _quality(f, strengths, weaknesses, suggestions)
    _talk(f, strengths, weaknesses, suggestions)
    return strengths, weaknesses, suggestions


def _quality(f: Facts, strengths: list[str], weaknesses: list[str], todo: list[str]) -> None:
    if not f.static_available:
        return
    if f.parse_errors:
        weaknesses.append(f"Syntax errors: {'; '.join(f.parse_errors[:2])}.")
    if not f.findings and not f.parse_errors:
        strengths.append("No code-quality findings from static analysis.")
    order = {"major": 0, "minor": 1, "info": 2}
    for x in sorted(f.findings, key=lambda x: (order.get(x.severity, 1), x.line))[:MAX_FINDINGS]:
        text = f"line {x.line}: {x.message} ({x.severity}, {x.rule})"
        (weaknesses if x.severity != "info" else todo).append(text)


def _talk(f: Facts, strengths: list[str], weaknesses: list[str], todo: list[str]) -> None:
    m = f.communication
    if m is None or not m.candidate_messages:
        return
    if m.clarifying_questions:
        strengths.append(f"Asked clarifying questions ({m.clarifying_questions[0]}).")
    else:
        weaknesses.append("No clarifying question before coding.")
        todo.append("Open with questions about input size, duplicates, empty input and the "
                    "expected output before writing code.")  # fmt: skip
    if m.approach_before_coding:
        strengths.append(f"Stated the approach before coding ({m.approach_before_coding}).")
    else:
        weaknesses.append("Started coding without stating an approach.")
        todo.append("Say the plan and its complexity in two sentences before the first line.")
    if m.stated_complexity is None:
        weaknesses.append("Never stated the time complexity.")
        todo.append("State time and space complexity when you present the approach.")
    elif m.stated_complexity_correct is False:
        weaknesses.append(f"Claimed {m.stated_complexity} (message {m.stated_in}), measured "
                          f"{f.complexity.time.big_o}{_evidence(f)}.")  # fmt: skip
        todo.append("Recount the loops (and hidden loops in library calls) before claiming a "
                    "complexity.")  # fmt: skip
    elif claimed_for_another_approach(m):
        # said of an idea the code does not implement: not a wrong claim, a missing one
        measured = f.complexity.time.big_o
        todo.append(f'Claimed {m.stated_complexity} for the "{m.stated_about}" approach '
                    f"(message {m.stated_in}); the submitted code is \"{m.code_approach}\""
                    + (f": {measured}" if measured else "")
                    + ". State the complexity of the approach you code.")  # fmt: skip
    else:
        strengths.append(f"Stated the complexity correctly: {m.stated_complexity} "
                         f"(message {m.stated_in}).")  # fmt: skip
    if m.edge_cases:
        strengths.append(f"Discussed edge cases ({m.edge_cases[0]}).")
    else:
        todo.append("Name the edge cases (empty, single element, duplicates, extremes) aloud.")
    if m.tested_before_submit:
        strengths.append(f"Tested before submitting ({m.tested_before_submit}).")
    else:
        weaknesses.append("Submitted without testing.")
        todo.append("Walk through one example and one edge case before submitting.")
    if m.hints_used or m.reveals_used:
        weaknesses.append(f"Used {aids(m.hints_used, m.reveals_used)}.")
