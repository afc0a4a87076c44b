"""The offline interviewer follows the thread (issue 14 item 7).

Scripted multi-turn conversations on ten bank problems of different kinds, driven through the
engine's interview API (``engine.interview.begin/send``) on a real temporary SQLite store, each
also replayed through rule-made variants (casual lower case, fillers, spelled-out contractions,
one typo in a long word), asserting on every reply: no question the candidate already answered is
asked again, the candidate's latest idea is answered (the reply names its known approach, or
quotes it when it matches none), no side panel is referred to, the punctuation is clean.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.interviewer.base import RevealStep
from coach_engine.interviewer.conversation import answer
from coach_engine.interviewer.offline import OfflineInterviewer
from coach_engine.interviewer.thread import Ask, Thread, ThreadCache, Turn
from coach_engine.models import CodeRun, Message, Role, SessionCreate, TestOutcome
from coach_engine.problems import ProblemBank
from coach_engine.store import SQLiteStore

BANK = ProblemBank()


# -- the script language -------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One candidate message and what it gives the conversation."""

    text: str
    approach: str | None = None
    """The known approach this message proposes (its name in the problem file)."""
    quote: str | None = None
    """For an idea that matches no known approach: a word the reply must quote back."""
    cost: bool = False
    """The message states the time complexity of the idea on the table (or the one it brings)."""
    edges: bool = False
    """The message names edge cases."""

    @property
    def is_idea(self) -> bool:
        return self.approach is not None or self.quote is not None


def idea(text: str, approach: str, *, cost: bool = False) -> Line:
    return Line(text, approach=approach, cost=cost)


def novel(text: str, quote: str) -> Line:
    return Line(text, quote=quote)


def cost(text: str) -> Line:
    return Line(text, cost=True)


def edges(text: str) -> Line:
    return Line(text, edges=True)


def say(text: str) -> Line:
    return Line(text)


SCRIPTS: dict[str, list[Line]] = {
    "two-sum": [
        say("Can the array be empty?"),
        idea("I'd check every pair with two nested loops", "Brute force"),
        cost("that's O(n^2) time, constant space"),
        idea("what about a hash map from value to index instead?", "Hash map, one pass"),
        cost("O(n) time and O(n) space"),
        edges("edge cases: negatives, and duplicates like [3,3]"),
        idea("could I sort and use two pointers?", "Sort and two pointers"),
        say("ok"),
    ],
    "valid-anagram": [
        idea("count the letters of each string in an array of 26 and compare", "Count letters"),
        cost("linear time, O(1) space"),
        idea("what about sorting both strings instead?", "Sort and compare"),
        say("are they lowercase only?"),
        novel("or maybe build a trie of both?", "trie"),
        say("ok thanks"),
    ],
    "group-anagrams": [
        say("can a string be empty?"),
        idea(
            "sort each word and use the sorted string as a key in a hash map",
            "Hash map keyed by sorted word",
        ),
        cost("O(n * L log L)"),
        idea(
            "what about counting letters as the key instead, a tuple of 26 counts",
            "Hash map keyed by letter counts",
        ),
        cost("O(n*L)"),
        edges("what about empty strings, they should group together"),
        say("sounds good"),
    ],
    "merge-intervals": [
        say("are the intervals sorted by start?"),
        idea(
            "compare every pair and merge until no overlaps remain",
            "Merge pairs until none overlap",
        ),
        idea(
            "what about sorting by start and then sweeping, extending the end?",
            "Sort by start, then sweep",
        ),
        cost("n log n for the sort"),
        edges("edge case: touching intervals like [1,4] and [4,5]"),
        say("alright"),
    ],
    "number-of-islands": [
        idea("dfs from every land cell and sink the island", "Flood fill (DFS/BFS)"),
        cost("O(m*n) time"),
        idea("how about union-find instead?", "Union-find"),
        say("can the grid be empty?"),
        idea("or bfs with a queue", "Flood fill (DFS/BFS)"),
        say("ok"),
    ],
    "climbing-stairs": [
        idea("recursion: ways(n) = ways(n-1) + ways(n-2)", "Plain recursion"),
        cost("exponential, about 2^n calls"),
        idea("memoize it with a cache", "Memoized recursion"),
        cost("O(n) time and O(n) space"),
        idea("what about bottom up with just two variables?", "Bottom-up DP with two variables"),
        say("ok"),
    ],
    "coin-change": [
        say("can amount be 0?"),
        novel("greedy, take the largest coin first", "greedy"),
        idea(
            "ok then dp over amounts, dp[a] = min(dp[a - c] + 1)", "Bottom-up dynamic programming"
        ),
        cost("O(a*k) where a is the amount"),
        idea("what about bfs over amounts?", "Breadth-first search over amounts"),
        say("hmm ok sounds good"),
    ],
    "course-schedule": [
        idea(
            "build an adjacency list and do kahn's topological sort with indegrees",
            "Kahn's algorithm (topological sort)",
        ),
        cost("O(V+E)"),
        idea("what about dfs with three colors to find a back edge?", "DFS with three colours"),
        say("can there be duplicate prerequisites?"),
        novel("what if I used floyd warshall on the graph matrix", "floyd"),
        say("alright"),
    ],
    "kth-largest-element-in-an-array": [
        idea("just sort it and take index n - k", "Sort"),
        cost("O(n log n)"),
        idea("what about a min heap of size k?", "Min-heap of size k"),
        cost("O(n log k) time, O(k) space"),
        idea("could quickselect do better?", "Quickselect with a random pivot"),
        say("ok"),
    ],
    "trapping-rain-water": [
        idea("for each bar scan left and right for the highest walls", "Brute force per column"),
        cost("O(n^2)"),
        idea("precompute prefix max and suffix max arrays", "Prefix and suffix maxima"),
        cost("O(n) time and O(n) space"),
        idea("can we do it with two pointers and constant space?", "Two pointers"),
        idea("what about a monotonic stack?", "Monotonic stack"),
    ],
}


# -- variants made by rule -----------------------------------------------------------------------
def _casual(text: str) -> str:
    return text.lower().rstrip("?.!")


def _filler(text: str) -> str:
    return ("hmm, " if len(text) % 2 else "ok so ") + text[0].lower() + text[1:]


def _spelled_out(text: str) -> str:
    for short, long in (("I'd", "I would"), ("what about", "how about"), ("that's", "that is")):
        text = text.replace(short, long)
    return text


def _typo(text: str) -> str:
    """Swap two middle letters of the first long plain word (a slip of the fingers)."""
    for word in re.findall(r"\b[a-z]{7,}\b", text):
        i = len(word) // 2
        slipped = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        return text.replace(word, slipped, 1)
    return text


def _terse(text: str) -> str:
    """Drop the framing a hurried candidate skips ("what about X instead?" → "X?")."""
    framing = r"^(I'd|I would|what about|how about|could I|can we|ok then|just)\s+"
    return re.sub(r"\s+instead(?=\W*$)", "", re.sub(framing, "", text, flags=re.I))


VARIANTS: dict[str, Callable[[str], str]] = {
    "as-written": lambda t: t,
    "casual": _casual,
    "filler": _filler,
    "spelled-out": _spelled_out,
    "typo": _typo,
    "terse": _terse,
}


# -- what every reply must (not) do ---------------------------------------------------------------
# Written independently of the interviewer's templates: any phrasing of these questions counts.
ASKS_APPROACH = re.compile(
    r"how (you'd|you would|would you) (approach|solve)|what('s| is) your (approach|plan)|"
    r"which data structure would you use",
    re.I,
)
ASKS_COST = re.compile(
    r"complexit(y|ies)\s*\?|what would .{0,80}cost|what('s| is| are) (its|the) "
    r"(time|space|complexity|cost)|how (fast|slow) is",
    re.I,
)
ASKS_EDGES = re.compile(r"(which|what) edge cases", re.I)
SIDE_PANEL = re.compile(r"panel|sidebar|side bar|\bpane\b|\bon the (right|left)\b(?!\s+of\b)", re.I)
"""A place on the screen (which moves or goes away with the terminal's size)."""


def punctuation_problems(text: str) -> list[str]:
    """Doubled spaces or stops, a space before punctuation, dangling separators."""
    prose = re.sub(r"`[^`]*`", "CODE", text)  # quoted inputs keep their own punctuation
    prose = re.sub(r'"[^"]+"', "QUOTE", prose)  # and so do the candidate's quoted words
    checks = {
        "double space": r"  ",
        "doubled stop": r"(?<!\.)\.\.(?!\.)|[.?!]\s*[.?!]|,\s*[,.]|;\s*[;.]",
        "space before punctuation": r"\s[,.;:?!](\s|$)",
        "dangling separator": r"[,;:—-]\s*$|[,;:]\s*[—.?!]",
        "empty quote": r'""|\(\s*\)',  # a quoted idea with nothing in it
    }
    return [name for name, pattern in checks.items() if re.search(pattern, prose)]


def approach_named(reply: str, name: str) -> bool:
    return name.lower() in reply.lower()


@dataclass
class Expect:
    """The test's own record of what the candidate has answered so far."""

    approach_given: bool = False
    edges_given: bool = False
    current: str | None = None
    costed: frozenset[str] = frozenset()
    """Ideas (approach names or quoted words) whose time complexity the candidate stated."""

    def take(self, line: Line) -> None:
        if line.is_idea:
            self.approach_given = True
            self.current = line.approach or line.quote
        if line.cost and self.current is not None:
            self.costed |= {self.current}
        self.edges_given = self.edges_given or line.edges

    def check(self, line: Line, reply: str, previous: str) -> None:
        where = f"after {line.text!r}: {reply!r}"
        if self.approach_given:
            assert not ASKS_APPROACH.search(reply), f"asked for an approach again {where}"
        if self.current in self.costed:
            assert not ASKS_COST.search(reply), f"asked for a stated complexity again {where}"
        if self.edges_given:
            assert not ASKS_EDGES.search(reply), f"asked for edge cases again {where}"
        if line.approach is not None:
            assert approach_named(reply, line.approach), f"did not answer the idea {where}"
        if line.quote is not None:
            assert line.quote in reply.lower() and '"' in reply, f"did not quote the idea {where}"
        assert not SIDE_PANEL.search(reply), f"refers to a side panel {where}"
        assert not punctuation_problems(reply), f"{punctuation_problems(reply)} {where}"
        assert reply != previous, f"said the same thing twice {where}"


def _engine(path: Path) -> Engine:
    return Engine(SQLiteStore.open(path), Config())


async def _converse(engine: Engine, slug: str, lines: list[Line], variant: str) -> list[Message]:
    session = await engine.sessions.create(SessionCreate(problem_slug=slug))
    greeting = await engine.interview.begin(session.id)
    assert greeting is not None
    assert not SIDE_PANEL.search(greeting.content) and not punctuation_problems(greeting.content)
    expect, previous = Expect(), greeting.content
    for line in lines:
        text = VARIANTS[variant](line.text)
        reply = (await engine.interview.send(session.id, text)).content
        expect.take(line)
        expect.check(line, reply, previous)
        previous = reply
    return await engine.sessions.messages(session.id)


@pytest.mark.parametrize("slug", sorted(SCRIPTS))
def test_scripted_conversation_follows_the_thread(slug: str, tmp_path: Path) -> None:
    async def main() -> None:
        engine = _engine(tmp_path / "thread.db")
        for variant in VARIANTS:
            messages = await _converse(engine, slug, SCRIPTS[slug], variant)
            said = [m.content for m in messages if m.role == Role.AI]
            # The full constraints paragraph is given at most once per interview.
            assert sum("Here's what is guaranteed" in s for s in said) <= 1, variant
            assert len(said) == len(SCRIPTS[slug]) + 1

    asyncio.run(main())


def test_the_scripts_cover_ten_problems_and_every_kind_of_turn() -> None:
    assert len(SCRIPTS) >= 10
    lines = [line for script in SCRIPTS.values() for line in script]
    assert sum(line.quote is not None for line in lines) >= 3
    assert sum(line.cost for line in lines) >= 10
    assert sum(line.edges for line in lines) >= 3
    for slug, script in SCRIPTS.items():  # every named approach is one of the problem's
        names = {a.name for a in BANK.get(slug).approaches}
        assert {line.approach for line in script if line.approach} <= names, slug


def test_the_brief_follow_up_is_answered_about_sorting(tmp_path: Path) -> None:
    """The issue's example: after counting letters, "what about sorting both strings instead?"
    gets an answer about sorting (its cost against counting), not the constraints again."""

    async def main() -> None:
        engine = _engine(tmp_path / "anagram.db")
        session = await engine.sessions.create(SessionCreate(problem_slug="valid-anagram"))
        await engine.interview.begin(session.id)
        await engine.interview.send(session.id, "I'd count each letter in an array of 26.")
        await engine.interview.send(session.id, "O(n) time and O(1) space")
        reply = (
            await engine.interview.send(session.id, "what about sorting both strings instead?")
        ).content
        assert "sort" in reply.lower() and "O(n log n)" in reply and "O(n)" in reply
        assert "consist of lowercase" not in reply  # not the constraints paragraph

    asyncio.run(main())


def test_the_thread_survives_a_restart(tmp_path: Path) -> None:
    """A second engine on the same database (as after a restart, or another process) continues
    the conversation: it knows the approach and its complexity were given."""

    async def first() -> str:
        engine = _engine(tmp_path / "restart.db")
        session = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
        await engine.interview.begin(session.id)
        await engine.interview.send(session.id, "I'd use a hash map of complements")
        await engine.interview.send(session.id, "O(n) time, O(n) space")
        await engine.sessions.pause(session.id)
        return session.id

    async def second(session_id: str) -> list[str]:
        engine = _engine(tmp_path / "restart.db")
        assert await engine.interview.begin(session_id) is None  # resumed, not greeted again
        replies = []
        for text in ("hmm", "what next", "I think I'm ready"):
            replies.append((await engine.interview.send(session_id, text)).content)
        return replies

    session_id = asyncio.run(first())
    for reply in asyncio.run(second(session_id)):
        assert not ASKS_APPROACH.search(reply) and not ASKS_COST.search(reply), reply


def test_the_interviewers_questions_are_recognised_in_the_thread(tmp_path: Path) -> None:
    """What the thread records as asked is what the replies ask (the test's own patterns)."""

    async def main() -> None:
        engine = _engine(tmp_path / "asked.db")
        for slug, script in SCRIPTS.items():
            messages = await _converse(engine, slug, script, "as-written")
            approaches = BANK.get(slug).approaches
            for m in messages:
                if m.role != Role.AI:
                    continue
                heard = Thread.replay(approaches, [m]).asked
                if ASKS_COST.search(m.content):
                    assert Ask.COMPLEXITY in heard, m.content
                if ASKS_EDGES.search(m.content):
                    assert Ask.EDGE_CASES in heard, m.content
                if ASKS_APPROACH.search(m.content):
                    assert Ask.APPROACH in heard, m.content

    asyncio.run(main())


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("The statement is in the side panel.", ["side panel"]),
        ("See the problem on the right.", ["side panel"]),
        ("Values on the left of the middle.", []),
        ("Good.. next", ["doubled stop"]),
        ("Walk me through it , please", ["space before punctuation"]),
        ("Which one will you code,", ["dangling separator"]),
        ("Fine: `a..b` is a range.", []),
        ('Tell me more about your idea (""): how?', ["empty quote"]),
        ('Tell me more about your idea ("a trie... maybe"): how?', []),
    ],
)
def test_the_checks_catch_what_they_look_for(text: str, problems: list[str]) -> None:
    """The reply checks above are not vacuous."""
    found = punctuation_problems(text) + (["side panel"] if SIDE_PANEL.search(text) else [])
    assert found == problems


# -- every template, on every problem -------------------------------------------------------------
def _run(sid: str, verdict: str, *, hidden: bool = False, submit: bool = False) -> CodeRun:
    failing = TestOutcome(
        index=2,
        hidden=hidden,
        verdict=verdict,
        time_ms=2013.0,
        input=[[1, 2, 3], 4] if verdict == "WA" else None,
        expected=[0, 2],
        actual=[1, 1],
        stderr={
            "CE": "Solution.java:3: error: ';' expected\n    int x = 1\n",
            "RE": "Traceback (most recent call last):\nIndexError: list index out of range\n",
        }.get(verdict, ""),
    )
    passing = TestOutcome(index=0, verdict="AC")
    tests = [passing] if verdict == "AC" else [passing, failing]
    return CodeRun(
        session_id=sid,
        user_id="u",
        is_submission=submit,
        language="python",
        code="pass",
        verdict=verdict,
        passed=1,
        total=len(tests),
        tests=tests,
    )


def _said(stream: AsyncIterator[str]) -> str:
    async def collect() -> str:
        return "".join([chunk async for chunk in stream])

    return asyncio.run(collect())


def test_every_template_on_every_problem_reads_clean(tmp_path: Path) -> None:
    """Greeting, hints (problem files' wrapped prose joined), nudges, time messages, run
    reactions for each verdict and reveals: no side panel, clean punctuation, no hard wraps."""
    engine = _engine(tmp_path / "templates.db")
    offline = OfflineInterviewer()
    slugs = list(BANK.slugs())
    assert len(slugs) >= 30
    for slug in slugs:
        session = asyncio.run(engine.sessions.create(SessionCreate(problem_slug=slug)))
        ctx = asyncio.run(engine.interview.context(session.id))
        problem = ctx.problem
        texts = [_said(offline.greet(ctx)), _said(offline.nudge(ctx))]
        texts += [_said(offline.hint(ctx, level)) for level in (1, 2, 3, 4)]
        texts += [_said(offline.time_warning(ctx)), _said(offline.time_up(ctx))]
        for verdict in ("AC", "WA", "TLE", "MLE", "RE", "CE"):
            for hidden, submit in ((False, False), (True, True)):
                run = _run(session.id, verdict, hidden=hidden, submit=submit)
                texts.append(_said(offline.react_to_run(ctx, run)))
        case = problem.tests().all()[0]
        failing = TestOutcome(index=0, hidden=True, verdict="WA")
        for step in (1, 2, 3, 4):
            reveal = RevealStep(step, failing, case.args, case.expected, case.args, case.expected)
            texts.append(_said(offline.reveal(ctx, reveal)))
        ctx.code = "def solve(): pass"
        texts.append(_said(offline.nudge(ctx)))
        hints = {" ".join(h.split()) for h in (problem.hints.nudge, problem.hints.approach)}
        hints |= {" ".join(problem.hints.near_solution.split())}
        for text in texts:
            assert text.strip(), slug
            own = text
            for hint in hints:  # the problem's own prose may say "to the left of the middle"
                own = own.replace(hint, "HINT.")
            assert not SIDE_PANEL.search(own), (slug, text)
            assert not punctuation_problems(own), (slug, punctuation_problems(own), text)
            assert "  " not in text, (slug, text)
            assert "\n" not in text.strip(), (slug, text)  # one paragraph: the chat wraps it
        assert problem.hints.nudge.split()[0] in texts[2]  # the hint is the problem's own


def test_the_thread_tells_turns_apart() -> None:
    """Ideas, costs, acknowledgements, questions and edge cases, as the thread reads them."""
    thread = Thread(BANK.get("two-sum").approaches)
    turns = [
        thread.read(text)
        for text in (
            "is the array sorted?",
            "ok so hmm ok sounds good",
            "brute force",
            "O(1) space, O(n^2) time",
            "what about a hash map?",
            "that's linear",
            "what if the array has duplicates",
            "hmm, maybe a trie of the digits",
            "sounds good, let me code it",
        )
    ]
    assert turns == [
        Turn.CLARIFYING,
        Turn.OTHER,
        Turn.NEW_IDEA,
        Turn.COMPLEXITY,
        Turn.NEW_IDEA,
        Turn.COMPLEXITY,
        Turn.CLARIFYING,
        Turn.NEW_IDEA,
        Turn.OTHER,
    ]
    names = [i.approach.name if i.approach else i.words for i in thread.ideas]
    assert names == ["Brute force", "Hash map, one pass", "a trie of the digits"]
    assert [i.time for i in thread.ideas] == ["O(n^2)", "O(n)", None]
    assert thread.edge_cases and thread.answered(Ask.EDGE_CASES)
    assert thread.answered(Ask.APPROACH) and not thread.answered(Ask.COMPLEXITY)


# -- each session's thread kept between turns (the server's load, issue 15 item 5) ---------------
def test_the_kept_thread_answers_as_a_full_replay(tmp_path: Path) -> None:
    """Every script in every variant, answered with the session's thread kept between turns
    (brought up to date with the messages since: the reply, and now and then a hint between
    turns) and by a full replay of the transcript: the same words at every turn."""
    engine = _engine(tmp_path / "kept.db")
    offline = OfflineInterviewer(threads=None)
    threads = ThreadCache()
    turns = 0
    for slug, script in SCRIPTS.items():
        for variant, say_it in VARIANTS.items():
            session = asyncio.run(engine.sessions.create(SessionCreate(problem_slug=slug)))
            ctx = asyncio.run(engine.interview.context(session.id))
            for n, line in enumerate(script):
                text = say_it(line.text)
                ctx.messages.append(_message(session.id, Role.USER, text))
                kept = answer(ctx, text, threads)
                assert kept == answer(ctx, text), f"{slug} ({variant}) at {text!r}"
                ctx.messages.append(_message(session.id, Role.AI, kept))
                if n % 3 == 1:  # a hint between turns: the kept thread reads it too
                    ctx.messages.append(_message(session.id, Role.AI, _said(offline.hint(ctx, 2))))
                turns += 1
    # the first turn of each conversation replays (nothing kept yet); every other one reused
    conversations = len(SCRIPTS) * len(VARIANTS)
    assert (threads.replayed, threads.reused) == (conversations, turns - conversations)


def test_a_restarted_server_follows_the_thread_from_the_store(tmp_path: Path) -> None:
    """A new process keeps no thread: its first answer replays the stored messages, and it
    answers as the process that kept the thread would have (a conversation with no restart)."""
    script = [VARIANTS["as-written"](line.text) for line in SCRIPTS["two-sum"]]
    half = len(script) // 2

    def engine(path: Path, threads: ThreadCache) -> Engine:
        return Engine(SQLiteStore.open(path), Config(), interviewer=OfflineInterviewer(threads))

    async def talk(engine: Engine, session_id: str, lines: list[str]) -> list[str]:
        return [(await engine.interview.send(session_id, text)).content for text in lines]

    async def main() -> None:
        whole = engine(tmp_path / "whole.db", ThreadCache())
        session = await whole.sessions.create(SessionCreate(problem_slug="two-sum"))
        await whole.interview.begin(session.id)
        expected = await talk(whole, session.id, script)
        whole.close()

        before = engine(tmp_path / "restarted.db", ThreadCache())
        session = await before.sessions.create(SessionCreate(problem_slug="two-sum"))
        await before.interview.begin(session.id)
        replies = await talk(before, session.id, script[:half])
        before.close()
        after_threads = ThreadCache()
        after = engine(tmp_path / "restarted.db", after_threads)
        replies += await talk(after, session.id, script[half:])
        after.close()
        assert replies == expected
        assert (after_threads.replayed, after_threads.reused) == (1, len(script) - half - 1)

    asyncio.run(main())


def _message(session_id: str, role: Role, content: str) -> Message:
    return Message(session_id=session_id, user_id="u", role=role, content=content)
