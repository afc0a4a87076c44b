"""Grading answers offline: code by the sandbox, text against key points.

A text answer scores the share of the drill's key points it covers; a key point counts as
covered when most of its significant words (or their stems) appear in the answer. This is
deliberately transparent — the result lists which points were found and which were missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_STOP = {
    "a",
    "an",
    "the",
    "of",
    "to",
    "and",
    "or",
    "in",
    "on",
    "for",
    "with",
    "is",
    "are",
    "be",
    "it",
    "its",
    "that",
    "this",
    "by",
    "as",
    "at",
    "from",
    "each",
    "every",
    "your",
    "you",
    "can",
    "when",
    "what",
    "how",
    "why",
    "if",
    "then",
    "than",
    "into",
    "one",
    "all",
}


@dataclass
class TextGrade:
    score: int
    covered: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9^()+*]+", text.lower().replace("-", " "))
    return {w[:5] for w in words if w not in _STOP and len(w) > 1}


def grade_text(answer: str, key_points: list[str]) -> TextGrade:
    """Score 0–100: the share of key points covered by ``answer``."""
    if not key_points:
        return TextGrade(score=100 if answer.strip() else 0)
    have = _stems(answer)
    covered: list[str] = []
    missed: list[str] = []
    for point in key_points:
        need = _stems(point)
        hit = len(need & have) / len(need) if need else 0.0
        (covered if hit >= 0.6 else missed).append(point)
    return TextGrade(round(100 * len(covered) / len(key_points)), covered, missed)


def grade_code(passed: int, total: int) -> int:
    """Score 0–100 of a code drill: the share of tests passed."""
    return round(100 * passed / total) if total else 0
