"""Spaced repetition (SM-2) fed by measured outcomes, not self-ratings.

A drill's grade q (0–5) comes from its score (tests passed, key points covered) less a step per
hint used; SM-2 turns q into the next interval and an updated ease factor. q < 3 restarts the
sequence (review again tomorrow).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Review:
    repetitions: int
    interval_days: float
    ease: float
    due_at: datetime


def quality(score: int, hints_used: int = 0) -> int:
    """SM-2 quality 0–5 from a 0–100 score; each hint costs one step (never below 0)."""
    base = (
        5
        if score >= 90
        else 4
        if score >= 75
        else 3
        if score >= 60
        else 2
        if score >= 40
        else (1 if score >= 20 else 0)
    )
    return max(0, base - hints_used)


def review(repetitions: int, interval_days: float, ease: float, q: int, now: datetime) -> Review:
    """The SM-2 step for one review graded ``q`` at ``now``."""
    if not 0 <= q <= 5:
        raise ValueError(f"quality must be 0..5, not {q}")
    ease = max(1.3, ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))
    if q < 3:
        repetitions, interval = 0, 1.0
    else:
        repetitions += 1
        interval = 1.0 if repetitions == 1 else 6.0 if repetitions == 2 else interval_days * ease
    return Review(repetitions, round(interval, 2), round(ease, 3), now + timedelta(days=interval))
