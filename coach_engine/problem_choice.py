"""Which problems match a front end's filters, and a random pick among them.

The home screen's list, its "random" button and ``Interviews.start`` without a slug all use the
same ``ProblemFilter``, so what is listed is what can be drawn.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from coach_engine.errors import ValidationError
from coach_engine.problem_catalog import Listed

L = TypeVar("L", bound=Listed)
# a full ``Problem`` or a listing's ``ProblemSummary``: filtering reads only the listed fields


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
        # here, not at import: the schema's pydantic models cost a home screen's first list
        from coach_engine.problems import DIFFICULTIES, TAGS

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

    def matches(self, problem: Listed, solved: set[str]) -> bool:
        return (
            (not self.difficulty or problem.difficulty == self.difficulty)
            and (not self.topic or self.topic in problem.tags)
            and (self.solved != "solved" or problem.slug in solved)
            and (self.solved != "unsolved" or problem.slug not in solved)
        )

    def apply(self, problems: Iterable[L], solved: set[str]) -> list[L]:
        """The matching problems, in the given order."""
        return [p for p in problems if self.matches(p, solved)]


def pick(problems: list[L], rng: random.Random | None = None) -> L:
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
