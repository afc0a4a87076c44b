"""The listing commands' work — `coach history`, `coach drills list`, `coach problems list` —
without typer, and a parser for their plain command lines.

The typer commands call these functions, and ``coach_cli.main`` calls them directly for a command
line :func:`parse` accepts, so a listing does not import typer and click (~45 ms of CPU on an idle
machine, a quarter of the 200 ms target of issue 13 item 8). :func:`parse` accepts only what it
can answer exactly as the typer command would: the command's own options, each value in range;
anything else (``--help``, an unknown option, a value out of range, a stray argument) returns None
and the typer app runs, so help text and usage errors stay typer's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from coach_cli.output import console, print_json

if TYPE_CHECKING:
    from coach_engine.api import Drill, DrillRow, InterviewSession, Page, SessionRowPage

COLOURS = {"easy": "green", "medium": "yellow", "hard": "red"}


def drill_json(d: Drill) -> dict[str, Any]:
    return d.model_dump(mode="json", exclude={"user_id"})


def drill_row(d: Drill) -> str:
    due = d.due_at.astimezone().strftime("%Y-%m-%d")
    return f"{d.id[:8]}  {due}  {d.drill_type.value:<17} {d.status.value:<11} {d.title}"


def history(
    status: str | None, sort: str, limit: int, page: int, json_: bool, server: str | None = None
) -> None:
    """List the user's interview sessions (a page of them), as a table or JSON.

    The table is read as plain rows (``list_session_rows``: no pydantic when the engine's answer
    is known to be the same); JSON prints every field of the engine's models. ``server``: the
    sessions of the saved login on that Coach server (``coach login URL``), in the same forms."""
    if server is not None:
        from coach_cli.remote_access import with_remote

        found = with_remote(
            server,
            lambda remote: remote.sessions.list_sessions(
                status=status, sort=sort, limit=limit, offset=(page - 1) * limit
            ),
        )
        if json_:
            print_json(found.model_dump(mode="json"))
        else:
            _history_table(found)
        return
    if json_:
        import asyncio

        from coach_engine.api import Engine

        with Engine.open() as engine:
            page_ = asyncio.run(
                engine.sessions.list_sessions(
                    status=status, sort=sort, limit=limit, offset=(page - 1) * limit
                )
            )
        print_json(page_.model_dump(mode="json"))
        return
    from coach_engine.api import list_session_rows

    _history_table(
        list_session_rows(status=status, sort=sort, limit=limit, offset=(page - 1) * limit)
    )


def _history_table(result: SessionRowPage | Page[InterviewSession]) -> None:
    if not result.items:
        console.print("No sessions yet. Start one with `coach interview`.")
        return
    from rich.table import Table

    table = Table(
        title=f"Sessions {result.offset + 1}–{result.offset + len(result.items)} of {result.total}"
    )
    for col in ("id", "created", "problem", "lang", "status", "score", "time"):
        table.add_column(col)
    for s in result.items:
        minutes = int(s.elapsed_seconds() // 60)
        table.add_row(
            s.id[:8],
            s.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            s.problem_slug or s.topic or s.kind,
            s.language,
            s.status.lower(),
            "" if s.score is None else str(s.score),
            f"{minutes} min",
        )
    console.print(table)


def drills(due: bool, all_: bool, json_: bool, server: str | None = None) -> None:
    """List the user's drills by due date, as a table (one row each, read as plain rows:
    ``list_drill_rows``) or JSON (every field of the engine's models). ``server``: the drills
    of the saved login on that Coach server, in the same forms."""
    if server is not None:
        from coach_cli.remote_access import with_remote

        found = with_remote(server, lambda r: r.drills.queue(due=due, include_done=all_))
        if json_:
            print_json([drill_json(d) for d in found])
        else:
            _drills_table(found, due)
        return
    if json_:
        import asyncio

        from coach_engine.api import Engine

        with Engine.open() as engine:
            drills_ = asyncio.run(engine.drills.queue(due=due, include_done=all_))
        print_json([drill_json(d) for d in drills_])
        return
    from coach_engine.api import list_drill_rows

    _drills_table(list_drill_rows(due=due, include_done=all_), due)


def _drills_table(queue: Sequence[DrillRow | Drill], due: bool) -> None:
    if not queue:
        console.print("No drills due. Finish an interview to get some." if due else "No drills.")
        return
    from rich.table import Table
    from rich.text import Text

    # a header row, and a long title folds inside its own column (as one line each it wrapped
    # back to column 0 under the id at 80 columns); id and due date are never cut
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("due", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=1)
    for d in queue:
        due_date = d.due_at.astimezone().strftime("%Y-%m-%d")
        table.add_row(d.id[:8], due_date, d.drill_type, d.status, Text(d.title))
    console.print(table)


def problems(
    difficulty: str | None,
    tag: str | None,
    json_: bool,
    search: str | None = None,
    sort: str = "difficulty",
) -> None:
    """List the problems of the bank and the user's packs (filtered, searched, sorted), as a
    table whose slugs are never cut, or JSON (``coach_cli.problem_table``)."""
    from coach_cli.problem_table import list_problems

    list_problems(difficulty, tag, json_, search, sort)


# command words -> (function, {option: (parameter, kind)}, defaults). A kind is "flag", "str" or
# an (low, high) int range: the typer command's declaration, which the typer tests exercise.
_Spec = tuple[Callable[..., None], dict[str, tuple[str, Any]], dict[str, Any]]
COMMANDS: dict[tuple[str, ...], _Spec] = {
    ("history",): (
        history,
        {
            "--status": ("status", "str"),
            "--sort": ("sort", "str"),
            "--limit": ("limit", (1, 500)),
            "--page": ("page", (1, 1_000_000)),
            "--json": ("json_", "flag"),
        },
        {"status": None, "sort": "-created_at", "limit": 20, "page": 1, "json_": False},
    ),
    ("drills", "list"): (
        drills,
        {"--due": ("due", "flag"), "--all": ("all_", "flag"), "--json": ("json_", "flag")},
        {"due": False, "all_": False, "json_": False},
    ),
    ("problems", "list"): (
        problems,
        {
            "--difficulty": ("difficulty", "str"),
            "--tag": ("tag", "str"),
            "--json": ("json_", "flag"),
            "--search": ("search", "str"),
            "--sort": ("sort", "str"),
        },
        {"difficulty": None, "tag": None, "json_": False, "search": None, "sort": "difficulty"},
    ),
}


def parse(argv: list[str]) -> Callable[[], None] | None:
    """The listing ``argv`` (after ``coach``) asks for, ready to run, or None for typer to handle
    it (help, an error, any other command)."""
    words = next((w for w in COMMANDS if tuple(argv[: len(w)]) == w), None)
    if words is None:
        return None
    function, options, defaults = COMMANDS[words]
    values = dict(defaults)
    rest = argv[len(words) :]
    while rest:
        token = rest.pop(0)
        name, eq, inline = token.partition("=")
        if name not in options:
            return None
        parameter, kind = options[name]
        if kind == "flag":
            if eq:
                return None  # `--json=x`: click's error
            values[parameter] = True
            continue
        if eq:
            value = inline
        elif rest:
            value = rest.pop(0)
        else:
            return None  # a missing value: click's error
        if not value or value.startswith("-"):
            return None  # click's reading of these differs by case; let it decide
        if kind == "str":
            values[parameter] = value
            continue
        low, high = kind
        try:
            number = int(value)
        except ValueError:
            return None
        if not low <= number <= high:
            return None
        values[parameter] = number
    return lambda: function(**values)
