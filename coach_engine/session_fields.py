"""A session's plain-value rules, without pydantic: the status filter's reading and the active
interview time. ``InterviewSession`` and ``sessions.parse_statuses`` use them, and so does
``coach_engine.listing_reader``, which lists sessions from bare rows (CLI start-up)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

SESSION_STATUSES = (
    "CREATED",
    "IN_PROGRESS",
    "PAUSED",
    "AWAITING_FEEDBACK",
    "COMPLETED",
    "CANCELLED",
)
"""``SessionStatus``'s stored values, in its order (a test holds them equal)."""


def status_names(raw: str | Iterable[str] | None) -> list[tuple[str, str]] | None:
    """A status filter such as ``"in_progress,paused"``: each part as given (stripped) and as a
    stored name (``IN_PROGRESS``), not yet checked; blanks dropped; None: no filter."""
    if raw is None:
        return None
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    named = [(part.strip(), part.strip().upper().replace("-", "_")) for part in parts]
    return [(given, name) for given, name in named if name] or None


def elapsed_seconds(
    status: str, active_seconds: float, resumed_at: datetime | None, now: datetime | None = None
) -> float:
    """Active interview time, excluding pauses: the time banked so far, plus the running stretch
    since the last (re)start while the interview is in progress."""
    extra = 0.0
    if status == "IN_PROGRESS" and resumed_at is not None:
        extra = max(0.0, ((now or datetime.now(UTC)) - resumed_at).total_seconds())
    return active_seconds + extra
