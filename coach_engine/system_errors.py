"""The machine's failures as titled errors with the fix: a full disk or TMPDIR, a read-only or
foreign-owned directory, too many open files, a damaged or busy database.

These are not bugs, so no front end may show them as "Internal error". ``to_coach_error``
maps an ``OSError`` or ``sqlite3.Error`` to a ``StoreError`` (or None when the error says
nothing about the environment, which is then a bug); the CLI's entry point and the TUI's error
reporter both use it. Writes are atomic or transactional everywhere, so each message can say
that nothing already saved was lost.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from coach_engine import locations
from coach_engine.errors import CoachError, StoreError
from coach_engine.inputs import clip

_KEPT = "Nothing saved before was lost."
DAMAGED_FIX = (
    "The file is left as it is: copy it somewhere safe, then try `sqlite3 coach.db .recover > "
    "rescued.sql`, restore a backup, or move it away so Coach starts a new one"
)


def _where(filename: object) -> tuple[str, str | None]:
    """(the path as shown, the setting that chose its directory: COACH_HOME, TMPDIR or None)."""
    if not filename:
        return "a file", None
    path = str(filename)
    shown = clip(path, 120)
    try:
        resolved = Path(path).resolve()
        if resolved.is_relative_to(locations.home().resolve()):
            return shown, "COACH_HOME"
        if resolved.is_relative_to(Path(tempfile.gettempdir()).resolve()):
            return shown, "TMPDIR"
    except (OSError, ValueError):
        pass
    return shown, None


def from_os_error(exc: OSError) -> CoachError | None:
    path, setting = _where(exc.filename)
    code = exc.errno

    def other(kind: str) -> str:
        return f", or set {setting} to {kind}" if setting else ""

    if code in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(
            f"no space left for {path} ({exc.strerror}); free some space"
            f"{other('a directory on a disk with room')}. {_KEPT}",
            title="Disk full",
        )
    if code == errno.EFBIG:
        return StoreError(
            f"{path} hit the file-size limit ({exc.strerror}); raise `ulimit -f` or free space. "
            f"{_KEPT}",
            title="File too large",
        )
    if code == errno.EROFS:
        return StoreError(
            f"{path} is on a read-only file system; remount it read-write"
            f"{other('a writable directory')}. {_KEPT}",
            title="Read-only file system",
        )
    if code in (errno.EACCES, errno.EPERM):
        return StoreError(
            f"permission denied for {path}; make it readable and writable by you "
            f"(uid {os.geteuid()}){other('a directory you own')}",
            title="Permission denied",
        )
    if code in (errno.EMFILE, errno.ENFILE):
        return StoreError(
            "too many open files; close other programs or raise the limit (`ulimit -n`)",
            title="Too many open files",
        )
    if code == errno.ENAMETOOLONG:
        return StoreError(f"the path {path} is too long for the file system", title="Path too long")
    if code == errno.EIO:
        return StoreError(
            f"the disk reported an I/O error on {path}; check the disk (dmesg) and free space",
            title="Disk error",
        )
    return None


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
