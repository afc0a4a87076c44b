"""The machine's failures as titled errors with the fix: a full disk or TMPDIR, a read-only or
foreign-owned directory, too many open files, a damaged or busy database.

These are not bugs, so no front end may show them as "Internal error". ``to_coach_error``
maps an ``OSError`` or ``sqlite3.Error`` to a ``StoreError`` (or None when the error says
nothing about the environment, which is then a bug); the CLI's entry point and the TUI's error
reporter both use it. Writes are atomic or transactional everywhere, so each message can say
that nothing already saved was lost.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from coach_engine import locations
from coach_engine.errors import CoachError, StoreError
from coach_engine.inputs import clip

# The OS-error translation lives with the data directory it names (locations needs it to
# report a data directory it cannot create, and locations must not import this module).
from coach_engine.locations import KEPT as _KEPT, from_os_error as from_os_error

DAMAGED_FIX = (
    "The file is left as it is: copy it somewhere safe, then try `sqlite3 coach.db .recover > "
    "rescued.sql`, restore a backup, or move it away so Coach starts a new one"
)


def _disk_full(path: str | Path) -> bool:
    try:
        return shutil.disk_usage(Path(path).parent).free < (1 << 20)
    except OSError:
        return False


def from_sqlite_error(exc: sqlite3.Error, path: str | Path | None = None) -> CoachError | None:
    name = getattr(exc, "sqlite_errorname", "") or ""
    path = path or locations.database_path()
    db = clip(path, 120)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc):
        return StoreError(
            f"the database {db} is damaged ({exc}). {DAMAGED_FIX}. `coach doctor` checks it",
            title="Database damaged",
        )
    full = name.startswith("SQLITE_IOERR") and _disk_full(path)  # -wal or -shm could not grow
    if name.startswith("SQLITE_FULL") or "disk is full" in str(exc) or full:
        return StoreError(
            f"the disk holding {db} is full; free some space. The last write was rolled back. "
            f"{_KEPT}",
            title="Disk full",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return StoreError(
            f"cannot write the database {db} ({exc}); make its directory writable by you, "
            f"or set COACH_HOME to a directory you own. {_KEPT}",
            title="Database not writable",
        )
    if name.startswith("SQLITE_IOERR"):
        return StoreError(
            f"the disk failed while using {db} ({exc}); free some space and check the disk. "
            f"The last write was rolled back. {_KEPT}",
            title="Disk error",
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(
            f"the database {db} stayed locked by another Coach process; try again",
            title="Database busy",
        )
    return None


def to_coach_error(exc: BaseException) -> CoachError | None:
    """A titled error for an environmental failure, None for anything else (a bug)."""
    if isinstance(exc, CoachError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return from_sqlite_error(exc)
    if isinstance(exc, OSError):
        return from_os_error(exc)
    return None
