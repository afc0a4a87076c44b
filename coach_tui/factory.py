"""The one place a ``CoachApp`` is built — the CLI and the tests both call :func:`make_app`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from coach_engine.api import utcnow

if TYPE_CHECKING:
    from coach_engine.api import Engine
    from coach_tui.app import CoachApp


@dataclass(frozen=True)
class StartRequest:
    """What the command line asked for. With neither ``slug`` nor ``resume_id`` the home screen
    opens, its filters preset to ``difficulty`` and ``topic``."""

    slug: str | None = None
    """Start a new interview on this problem right away."""
    language: str | None = None
    """Editor language of a new interview (default: ``interview.language`` of the config)."""
    resume_id: str | None = None
    """Open this session (full id, already resolved by the caller)."""
    difficulty: str | None = None
    topic: str | None = None
    watch: bool = False
    """Keep the solution as a watched file (``--watch``; ``interview.watch_file`` does too)."""


@dataclass(frozen=True)
class AppOptions:
    """Knobs that tests and benchmarks turn; people get the defaults."""

    clock: Callable[[], datetime] = field(default=utcnow)
    """Wall clock for the interview timer (snapshot tests freeze it)."""
    timer_seconds: float = 1.0
    """How often the header timer redraws; 0 turns it off."""
    autosave_seconds: float | None = None
    """Autosave period; None means ``interview.autosave_seconds`` of the config."""
    connect: bool = True
    """At startup, connect the configured provider and resume interrupted feedback jobs."""
    animate: bool = True
    """False disables animations and the cursor blink (deterministic snapshots)."""


def make_app(
    engine: Engine, start: StartRequest | None = None, options: AppOptions | None = None
) -> CoachApp:
    """Build the Textual app around an open engine. The caller owns (and closes) the engine."""
    from coach_tui import escaping
    from coach_tui.app import CoachApp

    escaping.install()  # candidate output and model text can carry terminal control sequences
    return CoachApp(engine, start or StartRequest(), options or AppOptions())
