"""Which problems match a front end's filters, and a random pick among them.

The home screen's list, its "random" button and ``Interviews.start`` without a slug all use the
same ``ProblemFilter``, so what is listed is what can be drawn.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from coach_engine.errors import ValidationError
from coach_engine.problems import DIFFICULTIES, TAGS, Problem


@dataclass(frozen=True)
class ProblemFilter:
    """Empty fields match everything. ``solved``: "solved", "unsolved" or "" (either)."""

    difficulty: str = ""
    topic: str = ""
    solved: str = ""

    def check(self) -> ProblemFilter:
        """This filter, if every field is known.

        Raises:
            ValidationError: an unknown difficulty, topic or solved state; the message lists
                the valid ones.
        """
        if self.difficulty and self.difficulty not in DIFFICULTIES:
            raise ValidationError(
                f"unknown difficulty {self.difficulty!r}: use one of {', '.join(DIFFICULTIES)}"
            )
        if self.topic and self.topic not in TAGS:
            raise ValidationError(f"unknown topic {self.topic!r}: use one of {', '.join(TAGS)}")
        if self.solved not in ("", "solved", "unsolved"):
            raise ValidationError(
                f"unknown solved filter {self.solved!r}: use 'solved', 'unsolved' or nothing"
            )
        return self

    def matches(self, problem: Problem, solved: set[str]) -> bool:
        return (
            (not self.difficulty or problem.difficulty == self.difficulty)
            and (not self.topic or self.topic in problem.tags)
            and (self.solved != "solved" or problem.slug in solved)
            and (self.solved != "unsolved" or problem.slug not in solved)
        )

    def apply(self, problems: Iterable[Problem], solved: set[str]) -> list[Problem]:
        """The matching problems, in the given order."""
        return [p for p in problems if self.matches(p, solved)]


def pick(problems: list[Problem], rng: random.Random | None = None) -> Problem:
    """A random problem of ``problems``.

    Raises:
        ValidationError: the list is empty (no problem matches the filters).
    """
    if not problems:
        raise ValidationError(
            "no problem matches the filters; clear a filter (difficulty, topic, solved)",
            title="No matching problem",
        )
    return (rng or random).choice(problems)
