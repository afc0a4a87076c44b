"""``coach interview --server URL``: the same terminal UI on a Coach server (remote mode).

The app runs on a ``RemoteEngine`` (``coach_engine.api``) built from the saved login of ``coach
login URL``; without one the error names that command. Everything — resolving ``--resume``,
the paused-interview check, the app itself and closing the connections — runs on one event
loop, since the engine's HTTP client and WebSockets belong to the loop that opened them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import typer

if TYPE_CHECKING:
    from coach_engine.api import Engine, RemoteEngine


@dataclass(frozen=True)
class RemoteRequest:
    """What ``coach interview`` was asked, as in local mode."""

    server: str
    slug: str | None
    language: str | None
    resume: bool
    new: bool
    difficulty: str | None
    topic: str | None
    watch: bool


def run_remote(request: RemoteRequest) -> None:
    """Open the TUI against ``request.server`` until the person quits.

    Raises:
        NotSignedIn: no saved login for the server (names ``coach login URL``).
        ServerUnreachable, ValidationError, NotFoundError: as the local command's checks.
    """
    asyncio.run(_run(request))


async def _run(request: RemoteRequest) -> None:
    from coach_cli.terminal_check import require_full_screen
    from coach_engine.api import RemoteEngine
    from coach_tui.factory import StartRequest, make_app

    engine = await RemoteEngine.open(request.server)
    try:
        slug = request.slug
        problem = engine.bank.get(slug).slug if slug and not request.resume else None
        resume_id = await _resolve_resume(engine, slug) if request.resume else None
        if problem is not None:
            resume_id = await _paused_on(engine, problem, new=request.new)
            if resume_id is not None:
                problem = None
        start = StartRequest(
            slug=problem,
            language=request.language,
            resume_id=resume_id,
            difficulty=request.difficulty,
            topic=request.topic,
            watch=request.watch,
        )
        require_full_screen()
        # the TUI drives the engine API; RemoteEngine offers the part of it the TUI uses
        await make_app(cast("Engine", engine), start).run_async()
    finally:
        await engine.aclose()


async def _resolve_resume(engine: RemoteEngine, session_id: str | None) -> str:
    from coach_engine.api import ValidationError

    if session_id is None:
        session = await engine.sessions.most_recent_unfinished()
        if session is None:
            raise ValidationError(
                f"no unfinished session on {engine.server} to resume; start one with "
                f"`coach interview two-sum --server {engine.server}`",
                title="Nothing to resume",
            )
        return session.id
    return (await engine.sessions.get(session_id)).id


async def _paused_on(engine: RemoteEngine, slug: str, *, new: bool) -> str | None:
    """As local mode: resume the paused interview on ``slug`` unless ``--new``, saying which."""
    paused = await engine.interviews.unfinished_for(slug)
    if paused is None:
        typer.echo(f"Starting a new interview on {slug} on {engine.server}.")
        return None
    if new:
        typer.echo(
            f"Starting a new interview on {slug} (--new); the paused one ({paused.id[:8]}) "
            "stays in Resume."
        )
        return None
    typer.echo(
        f"Resuming your paused interview on {slug} ({paused.id[:8]}) on {engine.server}; "
        f"`coach interview {slug} --new --server {engine.server}` starts a new one."
    )
    return paused.id
