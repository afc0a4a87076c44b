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
from coach_engine.interviewer.conversation import answer, fact, size_constraint
from coach_engine.interviewer.thread import ThreadCache
from coach_engine.models import CodeRun


def _short(value: object, width: int = 120) -> str:
    text = json.dumps(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _unwrap(text: str) -> str:
    """Problem files wrap their prose at 100 columns; the chat wraps to its own width, so join
    the lines of each paragraph (blank lines stay paragraph breaks)."""
    if "```" in text:  # code keeps its lines
        return text.strip()
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


THREADS = ThreadCache()
"""The process's kept conversation threads (every offline interviewer shares them: a server
builds a user scope, and with it an interviewer, per connection)."""


class OfflineInterviewer(Interviewer):
    name = "offline"

    def __init__(self, threads: ThreadCache | None = THREADS) -> None:
        self.threads = threads
        """Where each session's thread is kept between answers; None: replayed every time."""

    # -- opening ---------------------------------------------------------------------------
    def greet(self, ctx: Context) -> AsyncIterator[str]:
        p = ctx.problem
        example = p.examples[0]
        # No "see the panel on the right": narrow terminals show the problem as a tab instead.
        text = (
            f"Hi! I'm your interviewer today — we have {ctx.session.duration_minutes} minutes. "
            f"The problem is **{p.title}** ({p.difficulty}). For example, `{example.input}` "
            f"gives `{example.output}`. Take a moment to read the full statement, ask me "
            "anything that is unclear, and then walk me through how you'd approach it before "
            "you start coding."
        )
        return chunks(text)

    # -- conversation ----------------------------------------------------------------------
    def reply(self, ctx: Context, message: str) -> AsyncIterator[str]:
        return chunks(answer(ctx, message, self.threads))

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
            line = compile_error_line(first)
            if not line:
                return chunks("It doesn't compile yet: the compiler's message is in the tests.")
            shown = f"`{line}`" if "`" not in line else line.rstrip(".")
            return chunks(f"It doesn't compile yet: {shown}. What does the compiler point at?")
        bad = next(t for t in run.tests if t.verdict != "AC")
        label = f"test {bad.index + 1}" + (" (hidden)" if bad.hidden else "")
        opening = label[0].upper() + label[1:]  # the label at the start of a sentence
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
                f"{opening} ran out of time ({bad.time_ms:.0f} ms). What's the time complexity "
                "of your solution, and what do the constraints allow? "
                f"({fact(size_constraint(ctx))})"
            )
        elif bad.verdict == "MLE":
            text = f"{opening} ran out of memory. What does your solution keep around as it runs?"
        else:
            err = (bad.stderr or "").strip().splitlines()[-1:] or ["no message"]
            text = f"{opening} crashed ({bad.verdict}): `{err[0]}`. What input could cause that?"
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
        return chunks(f"{label}: {_unwrap(ladder[level - 1])}")

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
        elif isinstance(a, str):  # its shape is its length, not its (revealing) content
            parts.append(f"`{name}` has {len(a)} character{'' if len(a) == 1 else 's'}")
        else:
            parts.append(f"`{name} = {_short(a, 40)}`")
    return ", ".join(parts)


_PY_WHERE = re.compile(r'^File ".*", line (\d+)')
_SAYS_ERROR = re.compile(r"\berror\b|^\w*(Error|Exception)\b", re.I)


def compile_error_line(message: str) -> str:
    """The line of a compiler's message that says what is wrong: javac/g++/go put it first
    (``Solution.java:3: error: ';' expected``), Python last under the ``File "solution.py", line
    1`` header, which alone says nothing (``IndentationError: unexpected indent (line 1)``)."""
    lines = [raw.strip() for raw in message.strip().splitlines() if raw.strip()]
    if not lines:
        return ""
    where = next((m.group(1) for text in lines if (m := _PY_WHERE.match(text))), None)
    errors = [text for text in lines if _SAYS_ERROR.search(text)]
    # Python's message ends with the error; above it is the code quoted, which may say "error".
    said = (errors[-1] if where is not None else errors[0]) if errors else lines[0]
    if where is not None and not _PY_WHERE.match(said) and f"line {where}" not in said:
        said += f" (line {where})"
    return said
