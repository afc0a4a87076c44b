"""The built-in offline interviewer: rule-based, deterministic, grounded in the problem's data.

It never pretends: clarifications quote the constraints and examples, approach feedback names
the known approach it recognised (by its keywords) and the complexity the problem file records
for it, run reactions quote the measured verdicts, and hints come from the problem's ladder.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

from coach_engine.interviewer.base import Context, Interviewer, RevealStep, chunks
from coach_engine.interviewer.understand import (
    Intent,
    canonical,
    classify,
    match_approach,
    stated_complexities,
)
from coach_engine.models import CodeRun, Role

_TOPICS = {
    "empty": ("empty", "length", "0 <=", "null"),
    "negative": ("-10", "negative", "-2^", "-2"),
    "duplicate": ("duplicate", "distinct", "unique"),
    "sorted": ("sorted", "ascending", "descending", "order"),
    "size": ("length", "<= 10", "size", "number of"),
    "range": ("<= nums", "<= val", "value", "-10"),
    "answer": ("exactly one", "at least one", "always", "guaranteed", "unique"),
}


def _short(value: object, width: int = 120) -> str:
    text = json.dumps(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _optimal(ctx: Context) -> tuple[str, str]:
    best = next(a for a in ctx.problem.approaches if a.optimal)
    return canonical(best.time), canonical(best.space)


def _user_said(ctx: Context, pattern: str) -> bool:
    return any(
        m.role == Role.USER and re.search(pattern, m.content, re.IGNORECASE) for m in ctx.messages
    )


class OfflineInterviewer(Interviewer):
    name = "offline"

    # -- opening ---------------------------------------------------------------------------
    def greet(self, ctx: Context) -> AsyncIterator[str]:
        p = ctx.problem
        example = p.examples[0]
        text = (
            f"Hi! I'm your interviewer today — we have {ctx.session.duration_minutes} minutes. "
            f"The problem is **{p.title}** ({p.difficulty}). The statement is in the side panel; "
            f"for example, `{example.input}` gives `{example.output}`. "
            "Take a moment to read it, ask me anything that is unclear, and then walk me "
            "through how you would approach it before you start coding."
        )
        return chunks(text)

    # -- conversation ----------------------------------------------------------------------
    def reply(self, ctx: Context, message: str) -> AsyncIterator[str]:
        intent = classify(message)
        if intent == Intent.CLARIFYING_QUESTION:
            return chunks(self._clarify(ctx, message))
        if intent in (Intent.APPROACH, Intent.COMPLEXITY):
            return chunks(self._approach(ctx, message))
        if intent == Intent.EDGE_CASES:
            return chunks(
                "Good — thinking about edge cases early pays off. Make sure your code handles "
                "them, and run the tests to check (ctrl+r)."
            )
        if intent == Intent.DONE:
            if ctx.last_run is None:
                return chunks("Before you submit: have you run your code against the examples?")
            return chunks(
                "If you're confident, submit it (the hidden tests include edge cases and large "
                "inputs). Otherwise walk me through one more test by hand."
            )
        if intent == Intent.HINT_REQUEST:
            return chunks(
                "Ask for a hint with the hint key (ctrl+g, or `hint` in the command palette) — "
                "each costs a little score."
            )
        if not ctx.code.strip():
            return chunks(
                "Tell me how you'd approach it: which data structure would you use, and what "
                "would the time and space complexity be?"
            )
        return chunks("Sounds good. When you're ready, run your code against the tests (ctrl+r).")

    def _clarify(self, ctx: Context, question: str) -> str:
        q = question.lower()
        relevant = [
            c
            for topic, words in _TOPICS.items()
            if topic in q or any(w in q for w in (topic, topic.rstrip("s")))
            for c in ctx.problem.constraints
            if any(w in c.lower() for w in words)
        ]
        seen: list[str] = []
        for c in relevant:
            if c not in seen:
                seen.append(c)
        if seen:
            facts = "; ".join(f"`{c}`" for c in seen[:3])
            return f"Good question. The constraints say: {facts}. Anything else before you start?"
        facts = "; ".join(f"`{c}`" for c in ctx.problem.constraints)
        ex = ctx.problem.examples[-1]
        return (
            f"Here's what is guaranteed: {facts}. And one more example: `{ex.input}` → "
            f"`{ex.output}`. What else would you like to know?"
        )

    def _approach(self, ctx: Context, message: str) -> str:
        match = match_approach(message, ctx.problem.approaches)
        stated = stated_complexities(message)
        opt_time, opt_space = _optimal(ctx)
        if match is None:
            if stated:
                return self._complexity_only(stated[0], opt_time)
            return (
                "I'm not sure I follow yet. Which data structure would you use, and what would "
                "you do for each element? A small example helps."
            )
        approach = match.approach
        time, space = canonical(approach.time), canonical(approach.space)
        opener = f"So you're thinking of {approach.name.lower()}."
        if stated and stated[0] != time:
            return (
                f"{opener} Let me push on the complexity: you said {stated[0]}, but walk me "
                "through the cost of each step — how many times does the innermost work run "
                "for an input of size n?"
            )
        if approach.optimal:
            if not stated:
                return f"{opener} That can work well. What are its time and space complexity?"
            edge = (
                ""
                if _user_said(ctx, r"edge|empty|duplicate|negative|single")
                else " Before coding, which edge cases would you test?"
            )
            return (
                f"{opener} Right: {time} time and {space} extra space — that's what I'd expect "
                f"here. Go ahead and code it.{edge}"
            )
        if not stated:
            return f"{opener} That would work. What is its time complexity?"
        return (
            f"{opener} Yes, that's {time} time and {space} space, and it would pass small "
            f"inputs. The constraints go up to `{ctx.problem.constraints[0]}` though — can you "
            f"do better? (It's possible in {opt_time}.)"
        )

    @staticmethod
    def _complexity_only(stated: str, optimal: str) -> str:
        if stated == optimal:
            return (
                f"{stated} is the complexity I'd aim for. Which approach gets you there? Walk "
                "me through it."
            )
        return (
            f"You mentioned {stated}. Which approach do you have in mind? Describe the steps, "
            "and we'll check the cost of each."
        )

    # -- reactions -------------------------------------------------------------------------
    def react_to_run(self, ctx: Context, run: CodeRun) -> AsyncIterator[str]:
        what = "submission" if run.is_submission else "run"
        if run.verdict == "AC":
            if run.is_submission:
                text = (
                    f"Your {what} passed all {run.total} tests, hidden ones included. Nice. "
                    "What are the final time and space complexity of your solution?"
                )
            else:
                text = (
                    f"All {run.total} visible tests pass. The hidden tests include edge cases "
                    "and large inputs — anything you'd check before submitting?"
                )
            return chunks(text)
        if run.verdict == "CE":
            first = next((t.stderr for t in run.tests if t.stderr), "")
            line = first.strip().splitlines()[0] if first.strip() else "see the Tests tab"
            return chunks(f"It doesn't compile yet: {line}")
        bad = next(t for t in run.tests if t.verdict != "AC")
        label = f"test {bad.index + 1}" + (" (hidden)" if bad.hidden else "")
        if bad.verdict == "WA" and bad.input is not None:
            text = (
                f"{run.passed}/{run.total} pass. On {label} with input `{_short(bad.input)}` "
                f"we expected `{_short(bad.expected)}` but got `{_short(bad.actual)}`. "
                "Can you trace your code on that input?"
            )
        elif bad.verdict == "WA":
            text = (
                f"{run.passed}/{run.total} pass; {label} gives a wrong answer. Which kinds of "
                "input might your code mishandle? You can ask me to reveal the case step by step."
            )
        elif bad.verdict == "TLE":
            text = (
                f"{label} ran out of time ({bad.time_ms:.0f} ms). What's the time complexity of "
                f"your solution, and what do the constraints allow? "
                f"(`{ctx.problem.constraints[0]}`)"
            )
        elif bad.verdict == "MLE":
            text = f"{label} ran out of memory. What does your solution keep around as it runs?"
        else:
            err = (bad.stderr or "").strip().splitlines()[-1:] or ["no message"]
            text = f"{label} crashed ({bad.verdict}): `{err[0]}`. What input could cause that?"
        return chunks(text)

    def hint(self, ctx: Context, level: int) -> AsyncIterator[str]:
        hints = ctx.problem.hints
        ladder = [hints.nudge, hints.approach, hints.near_solution]
        if level > len(ladder):
            return chunks(
                "That was my last hint — you have the whole plan now. Try writing it, and run "
                "the tests to see where it breaks."
            )
        label = ("A nudge", "A bigger hint", "Almost the whole idea")[level - 1]
        return chunks(f"{label}: {ladder[level - 1].strip()}")

    def reveal(self, ctx: Context, step: RevealStep) -> AsyncIterator[str]:
        args = step.args
        if step.step == 1:
            text = f"The failing hidden test is {_category(args)}."
        elif step.step == 2:
            text = (
                f"Its input shape: {_shape(args, [p.name for p in ctx.problem.signature.params])}."
            )
        elif step.step == 3:
            text = (
                f"A small input your code also gets wrong: `{_short(step.smallest_args, 300)}` "
                f"should give `{_short(step.smallest_expected, 200)}`."
            )
        else:
            text = (
                f"The full failing input: `{_short(args, 600)}`, expected "
                f"`{_short(step.expected, 300)}`."
            )
        return chunks(text)

    def nudge(self, ctx: Context) -> AsyncIterator[str]:
        if not ctx.code.strip():
            return chunks(
                "You've been quiet for a while — talk me through what you're thinking. Even a "
                "brute-force idea is a fine place to start."
            )
        return chunks(
            "How is it going? Tell me where you are — and remember you can run the tests any "
            "time (ctrl+r)."
        )

    def time_warning(self, ctx: Context) -> AsyncIterator[str]:
        return chunks(
            "Five minutes left. Get your solution into a working state and submit what you have; "
            "we can talk about improvements afterwards."
        )


def _sizes(value: object) -> list[int]:
    if isinstance(value, list):
        return [len(value)] + [s for v in value[:1] for s in _sizes(v)]
    return []


def _category(args: list[object]) -> str:
    flat = [a for a in args if isinstance(a, list)]
    sizes = [len(a) for a in flat]
    if any(s == 0 for s in sizes):
        return "an edge case: an empty input"
    if sizes and max(sizes) >= 1000:
        return f"a large input (about {max(sizes)} elements): check your time complexity"
    if sizes and min(sizes) == 1:
        return "an edge case: a single element"
    numbers = [x for a in flat for x in a if isinstance(x, int | float) and not isinstance(x, bool)]
    if numbers and min(numbers) < 0:
        return "a case with negative numbers"
    if numbers and len(set(numbers)) < len(numbers):
        return "a case with duplicate values"
    return "an ordinary-looking case: re-read the statement for a rule your code misses"


def _shape(args: list[object], names: list[str]) -> str:
    parts = []
    for name, a in zip(names, args, strict=False):
        dims = _sizes(a)
        if dims:
            parts.append(f"`{name}` has {' × '.join(map(str, dims))} elements")
        else:
            parts.append(f"`{name}` = {_short(a, 40)}")
    return ", ".join(parts)
