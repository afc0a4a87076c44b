"""``coach history``: the stored interview sessions, newest first."""

from __future__ import annotations

from typing import Annotated

import typer

from coach_cli.output import console, print_json
from coach_cli.remote_access import ServerOpt


def history(
    status: Annotated[
        str | None,
        typer.Option(help="Only these statuses, comma-separated (e.g. in_progress,paused)."),
    ] = None,
    sort: Annotated[
        str, typer.Option(help="created_at, updated_at or score; prefix - for descending.")
    ] = "-created_at",
    limit: Annotated[int, typer.Option(min=1, max=500, help="Sessions per page.")] = 20,
    page: Annotated[int, typer.Option(min=1, max=1_000_000, help="Page number, from 1.")] = 1,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    server: ServerOpt = None,
) -> None:
    """List your interview sessions."""
    from coach_cli import listings

    listings.history(status, sort, limit, page, json_, server)


def show(
    session: Annotated[str, typer.Argument(help="Session id or a unique prefix of it.")],
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain markdown, even on a terminal.")
    ] = False,
) -> None:
    """Show one session: its transcript, latest code, every submission, runs, notes and feedback.

    On a terminal the markdown is rendered (headings, tables, code with syntax colours);
    piped, or with --plain, it is printed as markdown."""
    import asyncio

    from coach_engine.api import Engine, export_packet, session_markdown

    with Engine.open() as engine:
        if json_:
            s = asyncio.run(engine.sessions.get(session))
            messages = asyncio.run(engine.sessions.messages(s.id))
            code = asyncio.run(engine.sessions.latest_code(s.id))
            runs = asyncio.run(engine.sessions.runs(s.id))
            submissions = asyncio.run(engine.interview.submissions(s.id))
            notes = asyncio.run(engine.sessions.notes(s.id))
        else:
            packet = asyncio.run(export_packet(engine, session))
    if json_:
        print_json(
            {
                "session": s.model_dump(mode="json"),
                "messages": [m.model_dump(mode="json") for m in messages],
                "code": None if code is None else code.model_dump(mode="json"),
                "runs": [r.model_dump(mode="json") for r in runs],
                "submissions": [x.model_dump(mode="json") for x in submissions],
                "notes": [n.model_dump(mode="json") for n in notes],
            }
        )
        return
    text = session_markdown(packet.sessions[0], statement=False)
    if plain or not console.is_terminal:
        import sys

        sys.stdout.write(text)
        return
    from rich.markdown import Markdown

    # ansi_dark: code in the terminal's own palette, readable in 16 colours too
    console.print(Markdown(text, code_theme="ansi_dark", hyperlinks=False))


def delete(
    session: Annotated[
        str | None, typer.Argument(help="Session id or a unique prefix of it.")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Delete ALL your data: sessions, drills, goals, skills.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete one session and everything recorded with it, or --all of your data."""
    import asyncio

    from coach_engine.api import Engine, ValidationError

    if all_ == (session is not None):
        raise ValidationError("give a SESSION id or --all (not both)", title="Nothing to delete")
    if all_:
        _delete_all(yes)
        return
    with Engine.open() as engine:
        s = asyncio.run(engine.sessions.get(session or ""))
        if not yes and not typer.confirm(f"Delete session {s.id[:8]} ({s.problem_slug})?"):
            raise typer.Exit(1)
        asyncio.run(engine.sessions.delete(s.id))
    typer.echo(f"Deleted session {s.id[:8]}.")


def _delete_all(yes: bool) -> None:
    """Every row of the local user, in every table (``engine.account.delete_all``)."""
    import sys

    from coach_engine.api import Engine, ValidationError

    if not yes:
        if not sys.stdin.isatty():
            raise ValidationError(
                "refusing to delete all your data without confirmation; add --yes to do it "
                "non-interactively",
                title="Confirmation needed",
            )
        if not typer.confirm("Delete ALL your Coach data (sessions, drills, goals, skills)?"):
            raise typer.Exit(1)
    import asyncio

    with Engine.open() as engine:
        deleted = asyncio.run(engine.account.delete_all())
    typer.echo(f"Deleted all your data ({deleted.sessions} sessions).")
