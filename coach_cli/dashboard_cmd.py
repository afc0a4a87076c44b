"""``coach dashboard``: scores, streak, time, skills, weekly goals, recent sessions, a score
chart and one insight — everything from the engine's ``dashboard`` (``coach_engine.api``)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from coach_cli.output import console, print_json
from coach_cli.remote_access import ServerOpt, with_remote

if TYPE_CHECKING:
    from rich.console import RenderableType

    from coach_engine.api import Dashboard, GoalView, ScorePoint, SkillView

SPARKS = "▁▂▃▄▅▆▇█"
TREND = {"up": "[green]↑ up[/]", "down": "[red]↓ down[/]", "stable": "[dim]→ stable[/]"}


def dashboard(
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="Time zone for days and weeks (IANA name); default: local."),
    ] = None,
    server: ServerOpt = None,
) -> None:
    """Scores, streak, skills, weekly goals and recent sessions."""
    from coach_engine.api import Engine, dashboard as build

    if server is not None:
        board = with_remote(server, lambda remote: remote.dashboard(tz=tz))
    else:
        with Engine.open() as engine:
            board = asyncio.run(build(engine, tz=tz))
    if json_:
        print_json(board.model_dump(mode="json"))
        return
    for part in render(board, tz):
        console.print(part)


def sparkline(scores: list[int]) -> str:
    """One block character per score, 0–100 mapped onto eight heights."""
    return "".join(SPARKS[min(7, s * 8 // 101)] for s in scores)


def bar(value: int, total: int = 100, width: int = 20) -> str:
    filled = 0 if total <= 0 else min(width, round(width * value / total))
    return "█" * filled + "░" * (width - filled)


def render(board: Dashboard, tz: str | None = None) -> list[RenderableType]:
    """The readable dashboard, top to bottom (the TUI may reuse pieces of it)."""
    from rich.panel import Panel

    score = "—" if board.overall_score is None else f"{board.overall_score}/100"
    days = "day" if board.current_streak_days == 1 else "days"
    stats = (
        f"[bold]Overall score[/] {score}   [bold]Interviews completed[/] "
        f"{board.interviews_completed}   [bold]Streak[/] {board.current_streak_days} {days}   "
        f"[bold]Time invested[/] {board.time_invested_hours:g} h\n"
        f"[dim]Overall score = mean of the {board.scored_sessions} completed sessions with a "
        f"score; streak and weeks in {board.timezone}; drills reviewed "
        f"{board.drills_reviewed}, skipped {board.drills_skipped}.[/]"
    )
    parts: list[RenderableType] = [Panel(stats, title="Coach dashboard", expand=False)]
    parts.append(_chart(board.score_history))
    parts.append(_skills(board))
    parts.append(_goals(board.week, board.goals))
    parts.append(_recent(board, tz))
    source = board.insight.source + (f" · {board.insight.model}" if board.insight.model else "")
    note = f"\n[dim]{board.insight.note}[/]" if board.insight.note else ""
    parts.append(
        Panel(escape(board.insight.text) + note, title=f"Insight ({source})", expand=False)
    )
    return parts


def _chart(points: list[ScorePoint]) -> RenderableType:
    from rich.table import Table

    if not points:
        return "[dim]Score over time: no scored sessions yet.[/]"
    table = Table(title=f"Score over time  {sparkline([p.score for p in points])}", box=None)
    for col in ("day", "session", "score", ""):
        table.add_column(col)
    for p in points[-10:]:
        table.add_row(p.day.isoformat(), escape(p.title), str(p.score), bar(p.score))
    return table


def _skill_row(v: SkillView) -> list[str]:
    previous = "" if v.previous is None else str(v.previous)
    kind = "[green]strength[/]" if v.is_strength else "[yellow]to improve[/]"
    return [escape(v.name), f"{bar(v.progress)} {v.progress}", previous, TREND[v.trend], kind]


def _skills(board: Dashboard) -> RenderableType:
    from rich.table import Table

    s = board.skills
    if not s.strengths and not s.areas_to_improve:
        return "[dim]Skills: none measured yet (they come from feedback and drills).[/]"
    improving = escape(", ".join(v.name for v in s.improving) or "none")
    table = Table(title=f"Skills (improving: {improving})", title_justify="left")
    for col in ("skill", "progress", "previous", "trend", ""):
        table.add_column(col)
    for v in [*s.strengths, *s.areas_to_improve]:
        table.add_row(*_skill_row(v))
    return table


def _goals(week: str, goals: list[GoalView]) -> RenderableType:
    from rich.table import Table

    table = Table(title=f"Weekly goals {week}", title_justify="left")
    for col in ("id", "goal", "progress", "", "priority"):
        table.add_column(col)
    for g in goals:
        done = "[green]✓[/] " if g.is_completed else ""
        table.add_row(
            g.id[:8],
            done + escape(g.label),
            bar(g.current, g.total, 12),
            f"{g.current}/{g.total}",
            g.priority.value.lower(),
        )
    return table if goals else "[dim]No weekly goals: `coach goals add LABEL --total N`.[/]"


def _recent(board: Dashboard, tz: str | None) -> RenderableType:
    from rich.table import Table

    from coach_engine.api import resolve_tz

    zone = resolve_tz(tz)

    if not board.recent_sessions:
        return "[dim]No sessions yet: start one with `coach interview`.[/]"
    table = Table(title="Recent sessions", title_justify="left")
    for col in ("id", "date", "problem", "difficulty", "status", "score", "time"):
        table.add_column(col)
    for s in board.recent_sessions:
        table.add_row(
            s.id[:8],
            s.created_at.astimezone(zone).strftime("%Y-%m-%d"),  # None: this machine's zone
            escape(s.title),
            s.difficulty.lower(),
            s.status.lower(),
            "" if s.score is None else str(s.score),
            f"{s.duration_minutes} min",
        )
    return table
