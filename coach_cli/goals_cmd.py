"""``coach goals``: this week's goals — list, set, add, remove. Progress is counted from your
sessions and drills (except goals with metric ``manual``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.markup import escape

from coach_cli.output import console, print_json

if TYPE_CHECKING:
    from coach_engine.api import Engine, WeeklyGoal

T = TypeVar("T")
app = typer.Typer(
    help="Weekly goals: list (default), set, add, remove.", invoke_without_command=True
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
TzOpt = Annotated[
    str | None, typer.Option("--tz", help="Time zone for the week (IANA name); default: local.")
]
PriorityOpt = Annotated[str | None, typer.Option(help="high, medium or low.")]


def _with_engine(call: Callable[[Engine], Coroutine[object, object, T]]) -> T:
    from coach_engine.api import Engine

    with Engine.open() as engine:
        return asyncio.run(call(engine))


def _show(goals: list[WeeklyGoal], json_: bool) -> None:
    if json_:
        print_json([g.model_dump(mode="json", exclude={"user_id", "removed_at"}) for g in goals])
        return
    if not goals:
        console.print("No goals this week. Add one: coach goals add LABEL --total N", markup=False)
        return
    week = f"{goals[0].year}-W{goals[0].week_number:02d}"
    console.print(f"[bold]Weekly goals {week}[/]")
    for g in goals:
        filled = min(12, 12 * g.current // g.total)
        mark = "[green]✓[/]" if g.is_completed else " "
        console.print(
            f"{mark} {g.id[:8]}  {'█' * filled}{'░' * (12 - filled)} "
            f"{f'{g.current}/{g.total}':>7}  "
            f"{escape(g.label)}  [dim]{g.priority.value.lower()} · {g.metric.value}[/]",
            highlight=False,
        )


@app.callback()
def main(ctx: typer.Context, json_: JsonOpt = False, tz: TzOpt = None) -> None:
    """This week's goals (the default when no command is given)."""
    if ctx.invoked_subcommand is None:
        list_(json_=json_, tz=tz)


@app.command("list")
def list_(json_: JsonOpt = False, tz: TzOpt = None) -> None:
    """List this week's goals with their progress."""
    from coach_engine.api import week_goals

    _show(_with_engine(lambda e: week_goals(e, tz=tz)), json_)


@app.command("set")
def set_(
    goal: Annotated[str, typer.Argument(help="The goal's label or id (prefix).")],
    total: Annotated[int | None, typer.Option(help="New target, a positive number.")] = None,
    priority: PriorityOpt = None,
    current: Annotated[int | None, typer.Option(help="Progress of a manual goal.")] = None,
    json_: JsonOpt = False,
    tz: TzOpt = None,
) -> None:
    """Change a goal's total, priority or (manual goals) current progress."""
    from coach_engine.api import set_goal

    goals = _with_engine(
        lambda e: set_goal(e, goal, total=total, priority=priority, current=current, tz=tz)
    )
    _show(goals, json_)


@app.command("add")
def add(
    label: Annotated[str, typer.Argument(help='What to achieve, e.g. "Complete 5 interviews".')],
    total: Annotated[int, typer.Option(help="Target count, a positive number.")],
    priority: Annotated[str, typer.Option(help="high, medium or low.")] = "medium",
    metric: Annotated[
        str | None,
        typer.Option(
            help="What counts: interviews, drills, hard_problems or manual "
            "(default: guessed from the label's words, else manual)."
        ),
    ] = None,
    json_: JsonOpt = False,
    tz: TzOpt = None,
) -> None:
    """Add a goal to this week."""
    from coach_engine.api import add_goal

    goals = _with_engine(
        lambda e: add_goal(e, label, total, priority=priority, metric=metric, tz=tz)
    )
    _show(goals, json_)


@app.command("remove")
def remove(
    goal: Annotated[str, typer.Argument(help="The goal's id (prefix) or label.")],
    tz: TzOpt = None,
) -> None:
    """Remove a goal from this week."""
    from coach_engine.api import remove_goal

    removed = _with_engine(lambda e: remove_goal(e, goal, tz=tz))
    console.print(f"Removed goal {removed.id[:8]} ({escape(removed.label)}).", highlight=False)
