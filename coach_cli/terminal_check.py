"""Can this terminal show ``coach interview``'s full-screen UI? Asked before anything loads.

Textual writes xterm-style control sequences whatever ``TERM`` says. A terminal that declares
none (``TERM`` unset or empty), one the terminfo database does not know (``TERM=nonsense``, a
typo, a name copied from another machine over SSH) or one without cursor addressing
(``TERM=dumb``: editors' shells, CI logs, ``script`` output) would get a garbled screen, so
those get one clear line naming the fix instead, and exit code 2.
"""

from __future__ import annotations

import os

from coach_engine.api import ValidationError

FIX = (
    "run it in a terminal emulator that sets TERM (e.g. TERM=xterm-256color, or TERM=xterm for "
    "16 colours; over SSH use `ssh -t`); the other commands (coach run, coach feedback, "
    "coach history) work anywhere"
)


def problem(term: str | None) -> str | None:
    """Why a terminal declaring ``term`` cannot show the UI, or None when it can."""
    if not term:
        return "TERM is not set, so Coach cannot tell what your terminal can draw"
    import curses  # terminfo through ncurses (stdlib): reads the entry, writes nothing

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        curses.setupterm(term, devnull)
    except curses.error:
        return f"TERM={term!r} is not a terminal type this system knows (no terminfo entry)"
    finally:
        os.close(devnull)
    if curses.tigetstr("cup") is None:
        return f"TERM={term!r} cannot move the cursor, which a full-screen UI needs"
    return None


def require_full_screen() -> None:
    """Raise a ``ValidationError`` (exit code 2) naming the fix when ``$TERM`` cannot show the
    UI."""
    reason = problem(os.environ.get("TERM"))
    if reason is not None:
        raise ValidationError(f"{reason}; {FIX}", title="Terminal not supported")
