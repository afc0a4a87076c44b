"""The thread of an interview conversation, read back from its stored messages.

The offline interviewer's memory is the session's messages: a ``Thread`` is what they say —
which questions it has asked, which the candidate has answered, the ideas the candidate put
forward (with the known approach each matches and the complexities stated for it) — so a resumed
interview, or a second process serving the same session, follows the same thread.

Replaying the whole transcript before every answer costs more with every turn (a server with
hundreds of interviews pays it on every message), so ``ThreadCache`` keeps each session's thread
between turns and reads only the messages stored since; it is a cache, never the truth: the
thread is used only when the stored messages still begin with the ones it read (checked by the
last one's id and their count), otherwise — a restart, another process, an edited history — the
messages are replayed, to the same thread.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from coach_engine.interviewer.understand import (
    Intent,
    claimed_time,
    classify,
    idea_phrase,
    is_clarifying_question,
    match_approach,
    mentions_edge_cases,
    proposes_idea,
)
from coach_engine.models import Message, Role
from coach_engine.problems.schema import Approach


class Ask(StrEnum):
    """A question the interviewer can put to the candidate."""

    APPROACH = "approach"
    COMPLEXITY = "complexity"
    EDGE_CASES = "edge_cases"
    BETTER = "better"


ASKED_BY = {
    Ask.APPROACH: re.compile(r"how you'd approach it|what's the most direct way", re.I),
    Ask.COMPLEXITY: re.compile(
        r"complexit(y|ies)( of your solution)?\?|what would .{0,80}cost|"
        r"cost of each step",
        re.I,
    ),
    Ask.EDGE_CASES: re.compile(r"which edge cases", re.I),
    Ask.BETTER: re.compile(r"can you do better", re.I),
}
"""How each question reads in the offline interviewer's templates (offline.py words its questions
so these find them; tests/test_offline_thread.py holds both to it)."""

CONSTRAINTS_GIVEN = "Here's what is guaranteed"
"""Opens the full-constraints answer, which is given once per interview."""

_SWITCH = re.compile(
    r"\b(instead|what about|how about|what if|alternatively|another|other way|different|"
    r"rather|or maybe|or we could|or i could|why not)\b",
    re.I,
)


_ACK = re.compile(
    r"^\W*(ok(ay)?|sure|thanks?|thank you|got it|sounds good|alright|all right|right|yes|yep|"
    r"yeah|no|nope|cool|great|nice|makes sense|understood|fine|let me (code|try|think)|"
    r"i'?ll (code|try)|one (sec|moment)|hmm+|um+|uh+|so|well|and|then|let me see)\b",
    re.I,
)


def _says_something(text: str) -> bool:
    """A statement with content ("hmm, greedy, take the largest coin first"), not an
    acknowledgement ("ok thanks", "sounds good, let me code it")."""
    rest, before = text, None
    while rest != before:
        before, rest = rest, _ACK.sub("", rest)
    return len(re.findall(r"\w+", rest)) >= 3


@dataclass(frozen=True)
class Idea:
    """One way of solving it the candidate put forward, in their words."""

    words: str
    """The candidate's phrase, for quoting back."""
    approach: Approach | None
    """The problem's known approach it matches (by keywords), if any."""
    time: str | None = None
    """The time complexity the candidate stated for it (canonical), once stated."""

    @property
    def label(self) -> str:
        """How to name it in a sentence: the known approach's name, else the quoted words."""
        if self.approach is None:
            return f'your idea ("{self.words}")'
        return approach_label(self.approach)


def approach_label(approach: Approach) -> str:
    """An approach's name inside a sentence: "the sort and compare approach", "Kahn's algorithm
    (topological sort)", "the DFS with three colours approach"."""
    name = approach.name.strip().rstrip(".")
    first = name.split()[0]
    if not (first.isupper() or first.endswith("'s") or (len(first) > 1 and first[1].isupper())):
        name = name[0].lower() + name[1:]
    if re.search(r"\b(approach|algorithm|method)\b", name, re.I):
        return name if first.endswith("'s") else f"the {name}"
    return f"the {name} approach"


class Turn(StrEnum):
    """What the candidate's latest message did to the thread."""

    NEW_IDEA = "new_idea"
    SAME_IDEA = "same_idea"
    COMPLEXITY = "complexity"
    EDGE_CASES = "edge_cases"
    CLARIFYING = "clarifying"
    HINT = "hint"
    REVEAL = "reveal"
    DONE = "done"
    OTHER = "other"


@dataclass
class Thread:
    """The state of the conversation: asked questions, answered topics, the candidate's ideas."""

    approaches: tuple[Approach, ...]
    asked: list[Ask] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    edge_cases: bool = False
    constraints_given: bool = False
    better_asked_of: list[str] = field(default_factory=list)
    """The ideas the candidate was asked to improve on ("can you do better?")."""

    @classmethod
    def replay(cls, approaches: Iterable[Approach], messages: Iterable[Message]) -> Thread:
        """The thread after ``messages`` (stored order)."""
        thread = cls(tuple(approaches))
        thread.follow(messages)
        return thread

    def follow(self, messages: Iterable[Message]) -> None:
        """Take in stored messages that came after the ones already read (stored order)."""
        for m in messages:
            if m.role == Role.USER:
                self.read(m.content)
            elif m.role == Role.AI:
                self.heard(m.content)

    @property
    def current(self) -> Idea | None:
        return self.ideas[-1] if self.ideas else None

    def previous_known(self) -> Idea | None:
        """The latest idea before the current one that matched a known approach."""
        return next((i for i in reversed(self.ideas[:-1]) if i.approach is not None), None)

    def answered(self, ask: Ask) -> bool:
        """Whether the candidate has answered this question (for the current idea, where the
        question is about one; "can you do better?" counts as answered once it was asked and the
        candidate has put forward more than one idea)."""
        if ask == Ask.APPROACH:
            return bool(self.ideas)
        if ask == Ask.COMPLEXITY:
            return self.current is not None and self.current.time is not None
        if ask == Ask.EDGE_CASES:
            return self.edge_cases
        return ask in self.asked and len(self.ideas) > 1

    def heard(self, text: str) -> None:
        """Note what the interviewer said: the questions it asked."""
        asked = [a for a, pattern in ASKED_BY.items() if pattern.search(text)]
        self.asked.extend(asked)
        if Ask.BETTER in asked and self.current is not None:
            self.better_asked_of.append(self.current.label)
        self.constraints_given = self.constraints_given or CONSTRAINTS_GIVEN in text

    def read(self, text: str) -> Turn:
        """Take in one candidate message; say what kind of turn it was."""
        intent = classify(text)
        if intent == Intent.HINT_REQUEST:
            return Turn.HINT
        if intent == Intent.REVEAL_REQUEST:
            return Turn.REVEAL
        match = match_approach(text, self.approaches)
        approach = match.approach if match else None
        time = claimed_time(text)
        edge = mentions_edge_cases(text)
        self.edge_cases = self.edge_cases or edge
        if is_clarifying_question(text, self.approaches):  # the judge counts it the same way
            return Turn.CLARIFYING
        if (
            time is not None
            and approach is None
            and self.current is not None
            and not _SWITCH.search(text)
            and intent != Intent.APPROACH
        ):  # "O(a*k) where a is the amount": the cost of the idea on the table
            self.ideas[-1] = replace(self.current, time=time)
            return Turn.COMPLEXITY
        idea_like = (
            intent == Intent.APPROACH
            or approach is not None
            or proposes_idea(text)
            or (intent == Intent.OTHER and _says_something(text))
        )
        if not idea_like or (approach is None and edge):
            if time is not None and self.current is not None:
                self.ideas[-1] = replace(self.current, time=time)
                return Turn.COMPLEXITY
            if edge:
                return Turn.EDGE_CASES
            if intent == Intent.COMPLEXITY:
                return Turn.COMPLEXITY
            return Turn.DONE if intent == Intent.DONE else Turn.OTHER
        current = self.current
        switching = bool(_SWITCH.search(text)) or proposes_idea(text)
        same = current is not None and (
            (approach is not None and current.approach == approach)
            or (approach is None and not switching)
        )
        if same and current is not None:
            self.ideas[-1] = replace(current, time=time or current.time)
            return Turn.SAME_IDEA
        if (
            current is not None
            and current.approach is None
            and approach is not None
            and not switching
        ):
            # The candidate's earlier words now name a known approach: the same idea, recognised.
            self.ideas[-1] = Idea(idea_phrase(text), approach, time or current.time)
            return Turn.NEW_IDEA
        # Back to an approach discussed before: what was said of its cost still stands.
        said = next((i.time for i in self.ideas if approach and i.approach == approach), None)
        self.ideas.append(Idea(idea_phrase(text), approach, time or said))
        return Turn.NEW_IDEA


THREADS_KEPT = 4096
"""Sessions whose thread ``ThreadCache`` keeps (least recently used go first); a thread is a few
small lists, and a session it no longer holds is replayed once."""


class ThreadCache:
    """Each session's ``Thread`` kept between turns, so an answer reads only the new messages.

    Thread-safe: a thread is taken out while it is brought up to date and read, and put back
    after, so two callers never change the same one (the second replays).
    """

    def __init__(self, size: int = THREADS_KEPT) -> None:
        self.size = size
        self._kept: OrderedDict[str, tuple[int, str, Thread]] = OrderedDict()
        self._lock = threading.Lock()
        self.reused = 0
        """Threads brought up to date (the new messages read)."""
        self.replayed = 0
        """Threads replayed from all the messages (none kept, or not of these messages)."""

    def take(
        self, session_id: str, approaches: Iterable[Approach], messages: Sequence[Message]
    ) -> Thread:
        """The thread after ``messages`` (the session's stored messages, in order): the kept one
        brought up to date when they begin with the messages it read, else a replay. The caller
        owns it until it ``keep``s it again."""
        with self._lock:
            kept = self._kept.pop(session_id, None)
        known = tuple(approaches)
        if kept is not None:
            count, last_id, thread = kept
            if (
                0 < count <= len(messages)
                and messages[count - 1].id == last_id
                and thread.approaches == known
            ):
                thread.follow(messages[count:])
                self.reused += 1
                return thread
        self.replayed += 1
        return Thread.replay(known, messages)

    def keep(self, session_id: str, messages: Sequence[Message], thread: Thread) -> None:
        """Keep ``thread`` as the thread after ``messages`` (all of them read)."""
        if not messages:
            return
        with self._lock:
            self._kept[session_id] = (len(messages), messages[-1].id, thread)
            self._kept.move_to_end(session_id)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
