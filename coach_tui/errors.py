"""How the TUI shows an error: a modal for what blocks work (sandbox, provider, config, store),
a notification for the rest. ``CoachError`` carries a title and a message with the fix; anything
else is a bug, reported in one line and logged, never a traceback on screen."""

from __future__ import annotations

import logging

from textual.app import App
from textual.dom import DOMNode

from coach_engine.api import (
    CoachError,
    ConfigError,
    NotFoundError,
    ProviderError,
    SandboxError,
    StoreError,
)

log = logging.getLogger(__name__)

BLOCKING = (SandboxError, ProviderError, ConfigError, StoreError)


def describe(error: BaseException) -> tuple[str, str]:
    """(title, message) for any error."""
    from coach_engine.api import to_coach_error

    known = to_coach_error(error)  # a full disk or a damaged database is not a bug
    if known is not None:
        return known.title, known.message
    return (
        "Unexpected error",
        f"{type(error).__name__}: {error} — this is a bug; your work is saved. "
        "Rerun with COACH_DEBUG=1 and report it.",
    )


def report_error(node: DOMNode | App[object], error: BaseException) -> None:
    """Show ``error`` on the app that owns ``node``."""
    app = node if isinstance(node, App) else node.app
    title, message = describe(error)
    from coach_engine.api import to_coach_error

    error = to_coach_error(error) or error
    if not isinstance(error, CoachError):
        log.exception("unexpected error in the TUI", exc_info=error)
    if isinstance(error, BLOCKING) and not isinstance(error, NotFoundError):
        from coach_tui.screens.modals import ErrorModal

        app.push_screen(ErrorModal(title, message))
        return
    app.notify(message, title=title, severity="error", timeout=10, markup=False)
