"""The dashboard's score chart, skills, recent sessions and insight as rich renderables.

The engine returns the dashboard as data (``coach_engine.api.dashboard``); each front end draws
it. These look like ``coach dashboard``'s output, drawn by the TUI's own code (the TUI never
imports the CLI). The headline figures and goals are ``StatCard`` and ``GoalsPanel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from coach_engine.api import Dashboard

SPARKS = "▁▂▃▄▅▆▇█"
TREND = {"up": "[green]↑ up[/]", "down": "[red]↓ down[/]", "stable": "[dim]→ stable[/]"}


def sparkline(scores: list[int]) -> str:
    """One block character per score, 0–100 mapped onto eight heights."""
    return "".join(SPARKS[min(7, s * 8 // 101)] for s in scores)


def bar(value: int, total: int = 100, width: int = 20) -> str:
    filled = 0 if total <= 0 else min(width, round(width * value / total))
    return "█" * filled + "░" * (width - filled)


def chart(board: Dashboard) -> RenderableType:
    """The last ten scored sessions with a sparkline of every score."""
    points = board.score_history
    if not points:
        return "[dim]Score over time: no scored sessions yet.[/]"
    table = Table(title=f"Score over time  {sparkline([p.score for p in points])}", box=None)
    for col in ("day", "session", "score", ""):
        table.add_column(col)
    for p in points[-10:]:
        table.add_row(p.day.isoformat(), escape(p.title), str(p.score), bar(p.score))
    return table


def skills(board: Dashboard) -> RenderableType:
    s = board.skills
    if not s.strengths and not s.areas_to_improve:
        return "[dim]Skills: none measured yet (they come from feedback and drills).[/]"
    improving = escape(", ".join(v.name for v in s.improving) or "none")
    table = Table(title=f"Skills (improving: {improving})", title_justify="left")
    for col in ("skill", "progress", "previous", "trend", ""):
        table.add_column(col)
    for v in [*s.strengths, *s.areas_to_improve]:
        previous = "" if v.previous is None else str(v.previous)
        kind = "[green]strength[/]" if v.is_strength else "[yellow]to improve[/]"
        table.add_row(
            escape(v.name), f"{bar(v.progress)} {v.progress}", previous, TREND[v.trend], kind
        )
    return table


def recent(board: Dashboard) -> RenderableType:
    """Recent sessions, dated in the machine's local time zone."""
    if not board.recent_sessions:
        return "[dim]No sessions yet: start one with `coach interview`.[/]"
    table = Table(title="Recent sessions", title_justify="left")
    for col in ("id", "date", "problem", "difficulty", "status", "score", "time"):
        table.add_column(col)
    for s in board.recent_sessions:
        table.add_row(
            s.id[:8],
            s.created_at.astimezone().strftime("%Y-%m-%d"),
            escape(s.title),
            s.difficulty.lower(),
            s.status.lower(),
            "" if s.score is None else str(s.score),
            f"{s.duration_minutes} min",
        )
    return table


def insight(board: Dashboard) -> RenderableType:
    source = board.insight.source + (f" · {board.insight.model}" if board.insight.model else "")
    note = f"\n[dim]{board.insight.note}[/]" if board.insight.note else ""
    return Panel(escape(board.insight.text) + note, title=f"Insight ({source})", expand=False)
