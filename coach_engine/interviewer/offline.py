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
from coach_engine.interviewer.thread import CONSTRAINTS_GIVEN, Ask, Idea, Thread, Turn
from coach_engine.interviewer.understand import (
    canonical,
    claimed_time,
    same_complexity,
    stated_complexities,
)
from coach_engine.models import CodeRun, Role
from coach_engine.problems.schema import Approach

_TOPICS = {
    "empty": ("empty", "0 <=", "1 <=", "2 <=", "null"),
    "negative": ("-10", "negative", "-2^", "-2", "0 <=", "1 <="),
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


def _rank(ctx: Context, approach: Approach) -> int:
    """Better approaches rank higher: the optimal one first, then by their place in the problem
    file (listed from brute force to optimal)."""
    return (
        len(ctx.problem.approaches) if approach.optimal else ctx.problem.approaches.index(approach)
    )


def _size_constraint(ctx: Context) -> str:
    """The constraint that says how large inputs get (the first with a number of 100 or more)."""
    sized = (c for c in ctx.problem.constraints if re.search(r"10\^|\d{3,}", c))
    return next(sized, ctx.problem.constraints[0])


_PLAIN_WORDS = {
    "what",
    "which",
    "when",
    "where",
    "there",
    "they",
    "them",
    "their",
    "this",
    "that",
    "with",
    "will",
    "would",
    "could",
    "should",
    "does",
    "have",
    "input",
    "inputs",
    "only",
    "always",
    "about",
    "else",
    "know",
    "need",
    "from",
    "into",
    "also",
    "just",
    "more",
    "than",
    "each",
}
"""Words too common to tie a question to a constraint."""


def _fact(constraint: str) -> str:
    """A constraint as quoted in a sentence: formulas as code, prose as prose (no ".`.")."""
    if re.search(r"[<>=^]", constraint):
        return f"`{constraint}`"
    return constraint.strip().rstrip(".")


def _unwrap(text: str) -> str:
    """Problem files wrap their prose at 100 columns; the chat wraps to its own width, so join
    the lines of each paragraph (blank lines stay paragraph breaks)."""
    if "```" in text:  # code keeps its lines
        return text.strip()
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def _tidy(text: str) -> str:
    """One space between words and nothing doubled: templates join parts that may be empty."""
    text = re.sub(r"[ \t]{2,}", " ", text.strip())
    text = re.sub(r"\s+([,.;:?!])(?=\s|$)", r"\1", text)
    return re.sub(r"(?<![.])\.\.(?!\.)", ".", text)


class OfflineInterviewer(Interviewer):
    name = "offline"

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
        # The thread is rebuilt from the stored messages every time (the last one is
        # ``message`` itself): nothing lives in this object, so a resumed interview or another
        # process continues the same conversation.
        history = ctx.messages
        if history and history[-1].role == Role.USER and history[-1].content == message:
            history = history[:-1]
        thread = Thread.replay(ctx.problem.approaches, history)
        before = thread.current
        turn = thread.read(message)
        text = _tidy(self._answer(ctx, thread, turn, before, message))
        said = [m.content for m in history if m.role == Role.AI]
        if said and said[-1] == text:  # never the same words twice in a row
            text = self._move_on(thread)
        return chunks(text)

    @staticmethod
    def _move_on(thread: Thread) -> str:
        idea = thread.current
        if idea is None:
            return (
                "Let's keep moving: what's the most direct way to solve it, even if it's slow? "
                "Say it in a sentence or two."
            )
        return (
            f"Let's keep moving with {idea.label}: what's your next step? Talk me through it "
            "as you code."
        )

    def _answer(
        self, ctx: Context, thread: Thread, turn: Turn, before: Idea | None, message: str
    ) -> str:
        idea = thread.current
        if turn == Turn.NEW_IDEA and idea is not None:
            return self._new_idea(ctx, thread, idea, message)
        if turn in (Turn.SAME_IDEA, Turn.COMPLEXITY) and idea is not None:
            return self._same_idea(ctx, thread, idea, before, turn)
        if turn == Turn.CLARIFYING:
            return self._clarify(ctx, thread, message)
        if turn == Turn.EDGE_CASES:
            about = f" with {idea.label}" if idea else ""
            return (
                "Good — thinking about edge cases early pays off. Make sure your code handles "
                f"them{about}, and run the tests to check (ctrl+r)."
            )
        if turn == Turn.HINT:
            return (
                "Ask for a hint with the hint key (ctrl+g, or `hint` in the command palette) — "
                "each costs a little score."
            )
        if turn == Turn.REVEAL:
            return (
                "Once you've submitted, I can reveal a failing hidden test step by step "
                "(ctrl+l); each step costs a little score."
            )
        if turn == Turn.COMPLEXITY:  # a complexity with no idea yet
            return self._complexity_only(ctx, thread, message)
        if turn == Turn.DONE:
            if ctx.last_run is None:
                return "Before you submit: have you run your code against the examples?"
            return (
                "If you're confident, submit it (the hidden tests include edge cases and large "
                "inputs). Otherwise walk me through one more test by hand."
            )
        if idea is None:
            if Ask.APPROACH in thread.asked and not ctx.code.strip():
                return (
                    "Let's start simple: what's the most direct way to solve it, even if it's "
                    "slow? Say it in a sentence or two."
                )
            if not ctx.code.strip():
                return (
                    "Tell me how you'd approach it: which data structure would you use, and what "
                    "would the time and space complexity be?"
                )
            return "Sounds good. When you're ready, run your code against the tests (ctrl+r)."
        if ctx.code.strip():
            return (
                f"Sounds good. When your code for {idea.label} is ready, run it against the "
                "tests (ctrl+r)."
            )
        return f"OK. Whenever you're ready, start coding {idea.label} and talk me through it."

    # ideas -------------------------------------------------------------------------------------
    def _new_idea(self, ctx: Context, thread: Thread, idea: Idea, message: str) -> str:
        if idea.approach is None:
            return self._unknown_idea(thread, idea)
        earlier = thread.previous_known()
        if earlier is None or earlier.approach is None or earlier.approach == idea.approach:
            return self._judge(ctx, thread, idea, f"So you're thinking of {idea.label}.")
        return self._compare(ctx, thread, idea, earlier)

    def _same_idea(
        self, ctx: Context, thread: Thread, idea: Idea, before: Idea | None, turn: Turn
    ) -> str:
        if idea.approach is None:
            if idea.time is None:
                return (
                    f"OK, {idea.label} — I'm still not sure which data structure that uses. "
                    "Walk me through the first example with it, step by step."
                )
            return (
                f"You say {idea.label} costs {idea.time}: show me where that cost comes from on "
                "the first example, step by step."
            )
        news = before is None or before.time != idea.time  # a (new) cost: the verdict names it
        opener = f"That's still {idea.label}." if turn == Turn.SAME_IDEA and not news else ""
        if (
            before is not None
            and before.time == idea.time
            and idea.time is not None
            and same_complexity(idea.time, idea.approach.time)
        ):
            # Nothing new about the cost: move the conversation on instead of re-judging it.
            return f"{opener or 'Right.'} {self._next_step(ctx, thread, idea)}"
        return self._judge(ctx, thread, idea, opener)

    def _judge(self, ctx: Context, thread: Thread, idea: Idea, opener: str) -> str:
        """The verdict on a known approach and the complexity stated for it, then the next open
        question (never one the candidate has answered)."""
        approach = idea.approach
        assert approach is not None
        time, space = canonical(approach.time), canonical(approach.space)
        # Without an opener naming the approach, the verdict names it.
        it, its = ("it", "its") if opener else (idea.label, f"{idea.label}'s")
        if idea.time is None:
            if approach.optimal:
                return f"{opener} That can work well. What are {its} time and space complexity?"
            return f"{opener} That would work. What is {its} time complexity?"
        if not same_complexity(idea.time, approach.time):
            return (
                f"{opener} Let me push on the complexity of {it}: you said {idea.time}, but walk "
                "me through the cost of each step — how many times does the innermost work run "
                "for an input of size n?"
            )
        if approach.optimal:
            return (
                f"{opener} Right: {it} takes {time} time and {space} extra space — that's what "
                f"I'd expect here. {self._next_step(ctx, thread, idea)}"
            )
        return f"{opener} Yes, {it} takes {time} time and {space} space. " + self._next_step(
            ctx, thread, idea
        )

    def _next_step(self, ctx: Context, thread: Thread, idea: Idea) -> str:
        approach = idea.approach
        assert approach is not None
        opt_time, opt_space = _optimal(ctx)
        if not approach.optimal and Ask.BETTER not in thread.asked:
            return (
                f"It would pass small inputs, but the constraints go up to "
                f"`{_size_constraint(ctx)}` — can you do better? (It's possible in {opt_time}.)"
            )
        if not approach.optimal and idea.label not in thread.better_asked_of:
            # An improvement, not yet the best: say so once for this idea.
            return (
                f"That's an improvement. {opt_time} time with {opt_space} extra space is "
                "possible too: can you do better still, or would you code this one?"
            )
        go = "Go ahead and code it." if approach.optimal else "Fair enough: code it if you like."
        if thread.edge_cases or Ask.EDGE_CASES in thread.asked:
            return f"{go} Run the tests when you're ready (ctrl+r)."
        return f"{go} Before coding, which edge cases would you test?"

    def _compare(self, ctx: Context, thread: Thread, idea: Idea, earlier: Idea) -> str:
        """A new known approach while another was on the table: answer about the new one, in
        terms of the old one."""
        new, old = idea.approach, earlier.approach
        assert new is not None and old is not None
        new_time, new_space = canonical(new.time), canonical(new.space)
        old_time, old_space = canonical(old.time), canonical(old.space)
        short = len(idea.words.split()) <= 6 and idea.words.lower() not in idea.label.lower()
        opener = (
            f"You're suggesting {idea.words}: that's {idea.label}, and it would work too."
            if short
            else f"You're suggesting {idea.label}: it would work too."
        )
        if idea.time is not None and not same_complexity(idea.time, new.time):
            return self._judge(ctx, thread, idea, opener)
        if _rank(ctx, new) > _rank(ctx, old) and not same_complexity(new_time, old.time):
            if idea.time is None:
                return f"{opener} Could it beat {old_time}? What would {idea.label} cost?"
            return self._judge(ctx, thread, idea, opener)
        if new_time == old_time:
            space = (
                f"the same {new_space} space"
                if new_space == old_space
                else f"{new_space} extra space against {old_space}"
            )
            same = f"{opener} It has the same {new_time} time as {earlier.label}, with {space}."
            if _rank(ctx, new) > _rank(ctx, old):
                return f"{same} {self._next_step(ctx, thread, idea)}"
            return f"{same} Which one would you rather code, and why?"
        return (
            f"{opener} It costs {new_time} time against {old_time} for {earlier.label}: often "
            f"simpler to write, but slower on the largest inputs (`{_size_constraint(ctx)}`). "
            "Which one will you code?"
        )

    @staticmethod
    def _unknown_idea(thread: Thread, idea: Idea) -> str:
        earlier = thread.previous_known()
        compare = f" How does it compare with {earlier.label}?" if earlier else ""
        if idea.time is None:
            return (
                f"Tell me more about {idea.label}: how would it work on the first example, "
                f"step by step, and what would it cost in time and space?{compare}"
            )
        return (
            f"You say {idea.label} runs in {idea.time}: how would it work on the first example, "
            f"step by step? Show me where that cost comes from.{compare}"
        )

    def _clarify(self, ctx: Context, thread: Thread, question: str) -> str:
        q = question.lower()
        topics = [t for t in _TOPICS if t in q or t.rstrip("s") in q]
        relevant = [
            c
            for topic in topics
            for c in ctx.problem.constraints
            if any(w in c.lower() for w in _TOPICS[topic])
        ]
        if not topics:  # no known topic: the constraints that share a word with the question
            asked = set(re.findall(r"[a-z]{4,}", q)) - _PLAIN_WORDS
            relevant = [
                c
                for c in ctx.problem.constraints
                if asked & set(re.findall(r"[a-z]{4,}", c.lower()))
            ]
        seen: list[str] = []
        for c in relevant:
            if c not in seen:
                seen.append(c)
        idea = thread.current
        follow = (
            f" Does that change anything for {idea.label}?"
            if idea is not None
            else " Anything else before you start?"
        )
        if seen:
            facts = "; ".join(_fact(c) for c in seen[:3])
            return f"Good question. The constraints say: {facts}.{follow}"
        if topics:  # e.g. "is it sorted?" where the problem says nothing about order
            return f"The problem doesn't say either way, so handle both cases.{follow}"
        if thread.constraints_given:
            return (
                "Nothing beyond the constraints I listed: assume any input they allow, and "
                f"state any other assumption out loud as you go.{follow}"
            )
        facts = "; ".join(_fact(c) for c in ctx.problem.constraints)
        ex = ctx.problem.examples[-1]
        return (
            f"{CONSTRAINTS_GIVEN}: {facts}. And one more example: `{ex.input}` → "
            f"`{ex.output}`. What else would you like to know?"
        )

    @staticmethod
    def _complexity_only(ctx: Context, thread: Thread, message: str) -> str:
        stated = claimed_time(message) or (stated_complexities(message) or ["that"])[0]
        optimal, _ = _optimal(ctx)
        if same_complexity(stated, optimal):
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
            line = first.strip().splitlines()[0].strip() if first.strip() else ""
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
                f"({_fact(_size_constraint(ctx))})"
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
