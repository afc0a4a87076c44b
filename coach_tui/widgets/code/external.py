"""Edit the solution in the candidate's own editor (``$VISUAL``, else ``$EDITOR``).

The app is suspended (the editor gets the terminal), the editor runs on a file with the
language's extension, and the file's content comes back when it exits. Every failure is a
sentence the caller shows, never a traceback.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported

from coach_engine.api import write_solution


@dataclass(frozen=True)
class ExternalEdit:
    """The outcome: the new ``text`` (None when nothing came back) or an ``error`` to show."""

    text: str | None = None
    error: str | None = None


def editor_command() -> list[str] | None:
    """``$VISUAL`` or ``$EDITOR`` split like a shell would (``code --wait`` works), or None."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                return [value]
    return None


def edit_in_external_editor(app: App[object], path: Path, code: str) -> ExternalEdit:
    """Write ``code`` to ``path``, run the editor on it with the app suspended, read it back.

    The file is removed after a successful round trip; after a failure it is kept (it may hold
    work) and the error names it."""
    command = editor_command()
    if command is None:
        return ExternalEdit(
            error="Set $VISUAL or $EDITOR to your editor (e.g. export EDITOR=vim, or "
            "EDITOR='code --wait'), then press the key again."
        )
    try:
        write_solution(path, code)
    except OSError as exc:
        return ExternalEdit(error=f"Could not write {path} ({exc.strerror or exc}).")
    try:
        try:
            with app.suspend():
                # Blocking on purpose: while the editor owns the terminal nothing may draw,
                # and Textual does not hold back renders of a running loop.
                result = subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:
            if not app.is_headless:  # e.g. served in a browser: no terminal to hand over
                return ExternalEdit(error="This terminal cannot hand the screen to an editor.")
            # Headless (tests): there is no terminal to give away; run the editor as it is.
            result = subprocess.run(
                [*command, str(path)], check=False, stdin=subprocess.DEVNULL, capture_output=True
            )
    except OSError as exc:
        return ExternalEdit(error=f"Could not start {command[0]!r} ({exc.strerror or exc}).")
    if result.returncode != 0:
        return ExternalEdit(
            error=f"{command[0]} exited with status {result.returncode}; the editor's code is "
            f"unchanged (your file is kept at {path})."
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ExternalEdit(error=f"Could not read {path} back ({exc}).")
    path.unlink(missing_ok=True)
    return ExternalEdit(text=text)
