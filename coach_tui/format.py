"""Small pure formatting helpers shared by the widgets (times, sizes, scores, JSON values)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

LANGUAGE_LABELS: dict[str, str] = {
    "python": "Python",
    "javascript": "JavaScript",
    "java": "Java",
    "cpp": "C++",
    "go": "Go",
}


def clock_text(seconds: float) -> str:
    """``754`` → ``12:34``; an hour or more → ``1:02:03``."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def local_time(moment: datetime, with_seconds: bool = True) -> str:
    """A stored UTC timestamp as the person's local wall-clock time."""
    return moment.astimezone().strftime("%H:%M:%S" if with_seconds else "%H:%M")


def local_date(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def score_class(percent: float) -> str:
    """CSS class for a pass rate or score: green above 80 %, yellow 60–80 %, red below 60 %."""
    if percent > 80:
        return "-good"
    if percent >= 60:
        return "-ok"
    return "-bad"


def percent(passed: int, total: int) -> float:
    return 100.0 * passed / total if total else 0.0


def short(value: Any, width: int = 40) -> str:
    """A JSON value (or text) cut to ``width`` characters with an ellipsis."""
    text = value if isinstance(value, str) else json.dumps(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def memory_text(kb: int) -> str:
    if kb <= 0:
        return "—"
    return f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{kb} KB"


def ms_text(ms: float, ran: bool = True) -> str:
    """CPU time of a test; tests that never ran (compile errors) show a dash."""
    if not ran:
        return "—"
    return f"{ms:.0f} ms" if ms >= 10 else f"{ms:.2f} ms"
