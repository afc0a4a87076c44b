"""The interviewer's behaviour spec: one abstract class, two implementations (offline, LLM).

Every behaviour returns an async iterator of text chunks; the interview service turns chunks into
``ai_token`` events and the finished text into a stored message and an ``ai_message_complete``
event. Measured facts (test verdicts, the failing case) come in through ``Context``: an
interviewer may talk about them but never invents them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from coach_engine.models import CodeRun, InterviewSession, Message, TestOutcome
from coach_engine.problems.problem import Problem

HINT_LEVELS = 3


@dataclass
class Context:
    """What the interviewer knows at one moment of the interview."""

    problem: Problem
    session: InterviewSession
    messages: list[Message] = field(default_factory=list)
    code: str = ""
    last_run: CodeRun | None = None
    elapsed_s: float = 0.0

    @property
    def remaining_s(self) -> float:
        return max(0.0, self.session.duration_minutes * 60 - self.elapsed_s)


@dataclass(frozen=True)
class RevealStep:
    """One step of revealing a failing hidden test (each costs score)."""

    step: int  # 1 category, 2 input shape, 3 a minimal failing input, 4 the full input
    test: TestOutcome
    args: list[object]
    expected: object
    smallest_args: list[object]
    smallest_expected: object


class Interviewer(ABC):
    """Greets, answers, reacts, hints and reveals. Implementations must not decide correctness."""

    name: str = "interviewer"

    @abstractmethod
    def greet(self, ctx: Context) -> AsyncIterator[str]:
        """Open the interview and present the problem."""

    @abstractmethod
    def reply(self, ctx: Context, message: str) -> AsyncIterator[str]:
        """Answer one candidate message (question, approach, complexity claim, ...)."""

    @abstractmethod
    def react_to_run(self, ctx: Context, run: CodeRun) -> AsyncIterator[str]:
        """React to a run or submission (a failing test → ask about that case)."""

    @abstractmethod
    def hint(self, ctx: Context, level: int) -> AsyncIterator[str]:
        """One hint from the ladder (1 nudge, 2 approach, 3 near-solution)."""

    @abstractmethod
    def reveal(self, ctx: Context, step: RevealStep) -> AsyncIterator[str]:
        """Reveal one more step of a failing hidden test."""

    @abstractmethod
    def nudge(self, ctx: Context) -> AsyncIterator[str]:
        """Break a long silence."""

    @abstractmethod
    def time_warning(self, ctx: Context) -> AsyncIterator[str]:
        """Warn that five minutes are left."""

    def time_up(self, ctx: Context) -> AsyncIterator[str]:
        """Say that the interview's time is over (the interview clock's last word)."""
        return chunks(
            f"That's time — our {ctx.session.duration_minutes} minutes are up. Submit what you "
            "have now, and we'll go over the feedback together."
        )


CHUNK_WORDS = 4
"""Words per streamed chunk of fixed text. Each chunk is an ``ai_token`` event (a model, the
listeners, every subscriber's queue); word by word, a server spent more on a reply's events
than on deciding it, and the text arrives at once either way."""


async def chunks(text: str) -> AsyncIterator[str]:
    """Stream fixed text a few words at a time, as a model streams tokens (the chunks joined
    are the text)."""
    words = text.split(" ")
    for start in range(0, len(words), CHUNK_WORDS):
        part = " ".join(words[start : start + CHUNK_WORDS])
        yield part if start + CHUNK_WORDS >= len(words) else part + " "
