"""``coach interview``: the Textual interview (issue #7).

    coach interview                      home screen: pick a problem, resume, recent sessions
    coach interview two-sum --lang go    start an interview on a problem right away (or resume
                                         its paused one: it says which)
    coach interview two-sum --new        start a new interview even when one is paused
    coach interview --resume             resume the most recent unfinished session
    coach interview --resume 3f2a        resume (or review) a given session (id prefix ok)
    coach interview two-sum --watch      also keep the solution as a file your editor can open
    coach interview --server URL         the same on a Coach server (`coach login URL` first)

``--resume`` is a flag and the session id the argument, because typer has no options with an
optional value.
Bad input (unknown problem, topic or session, nothing to resume) fails before the terminal UI
opens, with exit code 2; so does a terminal that cannot show it (``TERM`` unset, unknown or
``dumb``: ``terminal_check.py``).
"""

from __future__ import annotations

import asyncio
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from coach_cli.run_cmd import Lang

if TYPE_CHECKING:
    from coach_engine.api import Engine


class Kind(StrEnum):
    coding = "coding"
    system_design = "system-design"
    behavioral = "behavioral"


class Level(StrEnum):
    easy = "easy"
    medium = "medium"
    hard = "hard"


def _not_available(what: str) -> None:
    sys.stderr.write(f"Error: not available yet: {what}\n")
    raise typer.Exit(2)


def interview(
    slug: Annotated[
        str | None,
        typer.Argument(
            metavar="[SLUG|ID]",
            help="Problem to start (two-sum), or with --resume the session ID; omit for home.",
        ),
    ] = None,
    lang: Annotated[
        Lang | None, typer.Option("--lang", "-l", help="Editor language of a new interview.")
    ] = None,
    difficulty: Annotated[
        Level | None, typer.Option("--difficulty", "-d", help="Preset the home screen filter.")
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Preset the topic filter (a problem tag).")
    ] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="Interview kind.")] = Kind.coding,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Resume the most recent unfinished session, or the session whose ID (prefix "
            "ok) is given as the argument: --resume 3f2a.",
        ),
    ] = False,
    new: Annotated[
        bool,
        typer.Option(
            "--new",
            help="Start a new interview on SLUG even when one on it is paused (by default the "
            "paused one is resumed).",
        ),
    ] = False,
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="Run it on a Coach server (`coach serve`), signed in with `coach login URL`.",
        ),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Keep the solution as a file (path shown) that Coach reloads when your own "
            "editor saves it; the setting interview.watch_file does the same.",
        ),
    ] = False,
) -> None:
    """Run a mock interview in the terminal UI."""
    from coach_engine.api import ValidationError

    if kind != Kind.coding:
        _not_available(f"{kind.value} interviews arrive with a later issue; only coding works now")
    if topic is not None:
        from coach_engine.api import TAGS

        if topic not in TAGS:
            raise ValidationError(f"unknown topic {topic!r}: use one of {', '.join(TAGS)}")

    if server is not None:
        from coach_cli.remote_interview import RemoteRequest, run_remote

        run_remote(
            RemoteRequest(
                server=server,
                slug=slug,
                language=lang.value if lang else None,
                resume=resume,
                new=new,
                difficulty=difficulty.value if difficulty else None,
                topic=topic,
                watch=watch,
            )
        )
        return

    from coach_cli.terminal_check import require_full_screen
    from coach_engine.api import Engine
    from coach_tui.factory import StartRequest, make_app

    engine = Engine.open()
    try:
        problem = engine.bank.get(slug).slug if slug and not resume else None
        resume_id = _resolve_resume(engine, slug) if resume else None
        if problem is not None:
            resume_id = _paused_on(engine, problem, new=new)
            if resume_id is not None:
                problem = None
        start = StartRequest(
            slug=problem,
            language=lang.value if lang else None,
            resume_id=resume_id,
            difficulty=difficulty.value if difficulty else None,
            topic=topic,
            watch=watch,
        )
        require_full_screen()  # after the arguments: a typo is reported as such, anywhere
        make_app(engine, start).run()
    finally:
        engine.close()


def _resolve_resume(engine: Engine, session_id: str | None) -> str:
    """The full id of the session to resume: the given one (prefix ok) or the latest."""
    from coach_engine.api import ValidationError

    if session_id is None:
        session = asyncio.run(engine.sessions.most_recent_unfinished())
        if session is None:
            raise ValidationError(
                "no unfinished session to resume; start one with `coach interview two-sum` "
                "or `coach interview` for the home screen",
                title="Nothing to resume",
            )
        return session.id
    return asyncio.run(engine.sessions.get(session_id)).id


def _paused_on(engine: Engine, slug: str, *, new: bool) -> str | None:
    """The id of the interview on ``slug`` to resume instead of starting one (None: start),
    saying which it does, so a paused interview is never silently doubled (QA #20)."""
    paused = asyncio.run(engine.interviews.unfinished_for(slug))
    if paused is None:
        typer.echo(f"Starting a new interview on {slug}.")
        return None
    if new:
        typer.echo(
            f"Starting a new interview on {slug} (--new); the paused one "
            f"({paused.id[:8]}) stays in Resume."
        )
        return None
    typer.echo(
        f"Resuming your paused interview on {slug} ({paused.id[:8]}); "
        f"`coach interview {slug} --new` starts a new one."
    )
    return paused.id


def main() -> None:
    """Run this command alone (``python -m coach_cli.interview_cmd``), with the CLI's error
    handling, until it is wired into ``coach_cli.main``."""
    from coach_cli.output import print_error
    from coach_engine.api import CoachError

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(interview)
    try:
        app(standalone_mode=True)
    except CoachError as exc:
        print_error(exc.title, exc.message)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
