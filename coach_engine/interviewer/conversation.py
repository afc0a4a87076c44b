"""The offline interviewer's side of the conversation: answers to the candidate's messages.

Each answer is decided from the ``Thread`` of the stored messages (what was asked and answered,
the candidate's ideas; replayed, or kept between turns by a ``ThreadCache`` and brought up to
date — the same thread either way), so it follows the conversation without memory of its own: a
new idea is answered about that idea (compared with the one on the table, or quoted back when it
matches no known approach), a stated complexity is never asked for again, and the next question
is always one the candidate has not answered yet.
"""

from __future__ import annotations

import re

from coach_engine.interviewer.base import Context
from coach_engine.interviewer.thread import (
    CONSTRAINTS_GIVEN,
    Ask,
    Idea,
    Thread,
    ThreadCache,
    Turn,
)
from coach_engine.interviewer.understand import (
    canonical,
    claimed_time,
    same_complexity,
    stated_complexities,
)
from coach_engine.models import Role
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


def _optimal(ctx: Context) -> tuple[str, str]:
    best = next(a for a in ctx.problem.approaches if a.optimal)
    return canonical(best.time), canonical(best.space)


def _rank(ctx: Context, approach: Approach) -> int:
    """Better approaches rank higher: the optimal one first, then by their place in the problem
    file (listed from brute force to optimal)."""
    return (
        len(ctx.problem.approaches) if approach.optimal else ctx.problem.approaches.index(approach)
    )


def size_constraint(ctx: Context) -> str:
    """The constraint that says how large inputs get (the first with a number of 100 or more)."""
    sized = (c for c in ctx.problem.constraints if re.search(r"10\^|\d{3,}", c))
    return next(sized, ctx.problem.constraints[0])


_PLAIN_WORDS = frozenset(
    "what which when where there they them their this that with will would could should does "
    "have input inputs only always about else know need from into also just more than each".split()
)
"""Words too common to tie a question to a constraint."""


def fact(constraint: str) -> str:
    """A constraint as quoted in a sentence: formulas as code, prose as prose (no ".`.")."""
    if re.search(r"[<>=^]", constraint):
        return f"`{constraint}`"
    return constraint.strip().rstrip(".")


def _tidy(text: str) -> str:
    """One space between words and nothing doubled: templates join parts that may be empty."""
    text = re.sub(r"[ \t]{2,}", " ", text.strip())
    text = re.sub(r"\s+([,.;:?!])(?=\s|$)", r"\1", text)
    return re.sub(r"(?<![.])\.\.(?!\.)", ".", text)


def answer(ctx: Context, message: str, threads: ThreadCache | None = None) -> str:
    """The offline interviewer's answer to one candidate message, following the thread.

    The thread comes from the stored messages (the last one is usually ``message`` itself), so
    a resumed interview or another process continues the same conversation. With ``threads``,
    the session's thread kept from its previous answer is brought up to date instead of
    replayed (the same answer, for the cost of the new messages only).
    """
    history = ctx.messages
    stored = bool(history) and history[-1].role == Role.USER and history[-1].content == message
    if stored:
        history = history[:-1]
    sid = ctx.session.id
    if threads is None:
        thread = Thread.replay(ctx.problem.approaches, history)
    else:
        thread = threads.take(sid, ctx.problem.approaches, history)
    before = thread.current
    turn = thread.read(message)
    text = _tidy(_answer(ctx, thread, turn, before, message))
    said = next((m.content for m in reversed(history) if m.role == Role.AI), None)
    if said == text:  # never the same words twice in a row
        text = _move_on(thread)
    if threads is not None and stored:  # it has read every stored message: keep it
        threads.keep(sid, ctx.messages, thread)
    return text


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


def _answer(ctx: Context, thread: Thread, turn: Turn, before: Idea | None, message: str) -> str:
    idea = thread.current
    if turn == Turn.NEW_IDEA and idea is not None:
        return _new_idea(ctx, thread, idea)
    if turn in (Turn.SAME_IDEA, Turn.COMPLEXITY) and idea is not None:
        return _same_idea(ctx, thread, idea, before, turn)
    if turn == Turn.CLARIFYING:
        return _clarify(ctx, thread, message)
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
            "(ctrl+], or `reveal` in the command palette); each step costs a little score."
        )
    if turn == Turn.COMPLEXITY:  # a complexity with no idea yet
        return _complexity_only(ctx, message)
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
    if idea.time is None:  # still open: ask once more before the coding starts
        return f"OK. Before you code {idea.label}: what would it cost in time and space?"
    return f"OK. Whenever you're ready, start coding {idea.label} and talk me through it."


# ideas -------------------------------------------------------------------------------------
def _new_idea(ctx: Context, thread: Thread, idea: Idea) -> str:
    if idea.approach is None:
        return _unknown_idea(thread, idea)
    earlier = thread.previous_known()
    if earlier is None or earlier.approach is None or earlier.approach == idea.approach:
        return _judge(ctx, thread, idea, f"So you're thinking of {idea.label}.")
    if any(i.approach == idea.approach for i in thread.ideas[:-1]):
        # Back to an approach already weighed ("I'll code the counting one" after "which one
        # will you code?"): a choice, not a new suggestion to compare again.
        chosen = f"OK, {idea.label} it is."
        if idea.time is not None and same_complexity(idea.time, idea.approach.time):
            return f"{chosen} {_next_step(ctx, thread, idea)}"
        return _judge(ctx, thread, idea, chosen)
    return _compare(ctx, thread, idea, earlier)


def _same_idea(ctx: Context, thread: Thread, idea: Idea, before: Idea | None, turn: Turn) -> str:
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
        return f"{opener or 'Right.'} {_next_step(ctx, thread, idea)}"
    return _judge(ctx, thread, idea, opener)


def _judge(ctx: Context, thread: Thread, idea: Idea, opener: str) -> str:
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
            f"I'd expect here. {_next_step(ctx, thread, idea)}"
        )
    return f"{opener} Yes, {it} takes {time} time and {space} space. " + _next_step(
        ctx, thread, idea
    )


def _next_step(ctx: Context, thread: Thread, idea: Idea) -> str:
    approach = idea.approach
    assert approach is not None
    opt_time, opt_space = _optimal(ctx)
    if not approach.optimal and Ask.BETTER not in thread.asked:
        return (
            f"It would pass small inputs, but the constraints go up to "
            f"`{size_constraint(ctx)}` — can you do better? (It's possible in {opt_time}.)"
        )
    if not approach.optimal and idea.label not in thread.better_asked_of:
        # An improvement, not yet the best: say so once for this idea.
        return (
            f"That's an improvement. {opt_time} time with {opt_space} extra space is "
            "possible too: can you do better still, or would you code this one?"
        )
    if thread.edge_cases or Ask.EDGE_CASES in thread.asked:
        go = "Go ahead and code it." if approach.optimal else "Fair enough: code it if you like."
        return f"{go} Run the tests when you're ready (ctrl+r)."
    # Not "code it. Before coding, ...": the edge cases come first, so say so once.
    fine = "That's the one to code." if approach.optimal else "Fair enough, you can code that."
    return f"{fine} Before you start: which edge cases would you test?"


def _compare(ctx: Context, thread: Thread, idea: Idea, earlier: Idea) -> str:
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
        return _judge(ctx, thread, idea, opener)
    if _rank(ctx, new) > _rank(ctx, old) and not same_complexity(new_time, old.time):
        if idea.time is None:
            return f"{opener} Could it beat {old_time}? What would {idea.label} cost?"
        return _judge(ctx, thread, idea, opener)
    if new_time == old_time:
        space = (
            f"the same {new_space} space"
            if new_space == old_space
            else f"{new_space} extra space against {old_space}"
        )
        same = f"{opener} It has the same {new_time} time as {earlier.label}, with {space}."
        if _rank(ctx, new) > _rank(ctx, old):
            return f"{same} {_next_step(ctx, thread, idea)}"
        return f"{same} Which one would you rather code, and why?"
    return (
        f"{opener} It costs {new_time} time against {old_time} for {earlier.label}, so it "
        f"is slower on the largest inputs (`{size_constraint(ctx)}`). Which one will you code?"
    )


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


def _clarify(ctx: Context, thread: Thread, question: str) -> str:
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
            c for c in ctx.problem.constraints if asked & set(re.findall(r"[a-z]{4,}", c.lower()))
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
        facts = "; ".join(fact(c) for c in seen[:3])
        return f"Good question. The constraints say: {facts}.{follow}"
    if topics:  # e.g. "is it sorted?" where the problem says nothing about order
        return f"The problem doesn't say either way, so handle both cases.{follow}"
    if thread.constraints_given:
        return (
            "Nothing beyond the constraints I listed: assume any input they allow, and "
            f"state any other assumption out loud as you go.{follow}"
        )
    facts = "; ".join(fact(c) for c in ctx.problem.constraints)
    ex = ctx.problem.examples[-1]
    return (
        f"{CONSTRAINTS_GIVEN}: {facts}. And one more example: `{ex.input}` → "
        f"`{ex.output}`. What else would you like to know?"
    )


def _complexity_only(ctx: Context, message: str) -> str:
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
