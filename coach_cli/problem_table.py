"""``coach problems list``'s work: search, sort, and a table that never cuts a slug.

The slug is what a person types next (``coach interview SLUG``), so its column never wraps or
shortens; the other columns make room instead. Columns are taken by priority — slug, level, the
sort's figure, title, tags — while they fit the terminal at a readable width, then shown in
reading order; whatever does not fit is left out whole rather than squeezed into a column of
one-letter lines (what rich does when asked for more than the width). Narrower than a slug, the
listing is one slug a line.

No typer here: ``coach_cli.listings`` runs the plain listing without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach_cli import listings
from coach_cli.output import console, print_json

if TYPE_CHECKING:
    from rich.table import Table

    from coach_engine.api import ProblemStats, ProblemSummary

GAP = 2
"""Columns are one space of padding each side (the table has no vertical rules)."""


@dataclass(frozen=True)
class Column:
    header: str
    min_width: int
    priority: int
    """Lower is kept first when the terminal is narrow."""
    wraps: bool = True


def _stat(sort: str, stats: ProblemStats | None) -> str:
    if stats is None:
        return ""
    if sort == "acceptance":
        rate = stats.acceptance
        return "" if rate is None else f"{rate:.0%} of {stats.submissions}"
    if stats.last_attempted is None:
        return ""
    return stats.last_attempted.astimezone().strftime("%Y-%m-%d")


def columns_for(width: int, slug_width: int, stat_header: str | None) -> list[Column]:
    """The columns that fit ``width``, in reading order (slug first, always)."""
    wanted = [
        Column("slug", max(slug_width, 4), 0, wraps=False),
        Column("title", 12, 3),
        Column("level", 6, 1, wraps=False),
        *([Column(stat_header, 10, 2, wraps=False)] if stat_header else []),
        Column("tags", 12, 4),
    ]
    kept: list[Column] = []
    for column in sorted(wanted, key=lambda c: c.priority):
        trial = [*kept, column]
        if sum(c.min_width for c in trial) + GAP * (len(trial) - 1) <= width or not kept:
            kept = trial
    return [c for c in wanted if c in kept]


def problem_table(
    problems: list[ProblemSummary],
    width: int,
    sort: str = "difficulty",
    stats: dict[str, ProblemStats] | None = None,
) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    stat_header = {"acceptance": "acceptance", "last-attempted": "last attempted"}.get(sort)
    slug_width = max((len(p.slug) for p in problems), default=4)
    shown = columns_for(width, slug_width, stat_header)
    table = Table(title=f"{len(problems)} problems", box=box.SIMPLE_HEAD, pad_edge=False)
    for c in shown:
        table.add_column(
            c.header,
            no_wrap=not c.wraps,
            min_width=c.min_width,
            overflow="fold" if c.wraps else "ignore",
        )
    for p in problems:
        colour = listings.COLOURS.get(p.difficulty, "white")
        cells = {
            "slug": Text(p.slug),
            "title": Text(p.title),  # a pack's title is text, not markup
            "level": Text(p.difficulty, style=colour),
            "tags": Text(", ".join(p.tags)),
        }
        if stat_header:
            cells[stat_header] = Text(_stat(sort, (stats or {}).get(p.slug)))
        table.add_row(*(cells[c.header] for c in shown))
    return table


def list_problems(
    difficulty: str | None,
    tag: str | None,
    json_: bool,
    search: str | None = None,
    sort: str = "difficulty",
) -> None:
    """List the bank's and the person's problems: filtered, searched, sorted; a table or JSON.

    Sorting by acceptance or last attempted reads the person's record (the database); the
    default order does not open it.
    """
    from coach_engine.api import check_sort, list_problems, search_problems, sort_problems

    sort = check_sort(sort)  # a bad --sort fails before any work
    found = list_problems(difficulty=difficulty.lower() if difficulty else None, tag=tag)
    if search:
        found = search_problems(found, search)
    stats: dict[str, ProblemStats] | None = None
    if sort != "difficulty":
        import asyncio

        from coach_engine.api import Engine

        with Engine.open() as engine:
            stats = asyncio.run(engine.interviews.problem_stats())
    found = sort_problems(found, sort, stats)
    if json_:
        print_json([_json(p, stats) for p in found])
        return
    width = console.width
    if width < max((len(p.slug) for p in found), default=0):
        for p in found:  # narrower than a slug: the slugs alone, whole
            console.print(p.slug, markup=False, highlight=False, soft_wrap=True)
        return
    if not found:
        console.print("No problem matches." if search else "No problems.")
        return
    console.print(problem_table(found, width, sort, stats))


def _json(p: ProblemSummary, stats: dict[str, ProblemStats] | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": p.slug,
        "title": p.title,
        "difficulty": p.difficulty,
        "tags": list(p.tags),
        "origin": p.origin,
    }
    if stats is not None:  # sorted by the person's record: show it
        s = stats.get(p.slug)
        data["submissions"] = s.submissions if s else 0
        data["accepted"] = s.accepted if s else 0
        data["last_attempted"] = s.last_attempted.isoformat() if s and s.last_attempted else None
    return data
