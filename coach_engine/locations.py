"""The one module that knows where Coach keeps things.

Every function resolves lazily — nothing is created at import time. ``COACH_HOME`` overrides the
platform's user data directory (tests and scripts point it at a temporary directory).

The data directory holds API keys (``config.toml``), transcripts and code (``coach.db``), so it is
private whatever the umask: the directory and its ``logs``/``exports`` subdirectories are 0700,
the files Coach writes there 0600. ``ensure_home`` re-applies that on every start (a directory
made by an older version or copied with ``cp -r`` is fixed too), and ``create_private`` /
``write_private`` create new files 0600 from the first byte.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from coach_engine.errors import CoachError

APP_NAME = "coach"


def home() -> Path:
    """The data directory: ``$COACH_HOME`` or platformdirs' user data dir."""
    override = os.environ.get("COACH_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return home() / "coach.db"


def config_path() -> Path:
    return home() / "config.toml"


def user_problems_dir() -> Path:
    return home() / "problems"


def cache_dir() -> Path:
    """Build caches and other regenerable data (under ``COACH_HOME`` when it is set)."""
    if os.environ.get("COACH_HOME"):
        return home() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return home() / "logs"


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
PRIVATE_SUBDIRS = ("logs", "exports")
"""Subdirectories whose every file is private (the top-level files of the home always are)."""


def ensure_home() -> Path:
    """Create the data directory if needed, make it private and check it is writable.

    Raises:
        StoreError: the directory cannot be created, made private or written, with the fix.
    """
    from coach_engine.errors import StoreError

    path = home()
    probe = path / ".write-test"
    try:
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        secure_home(path)
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        if exc.filename in (None, str(probe)):
            exc.filename = str(path)  # the directory is the problem, not the probe file
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            probe.unlink(missing_ok=True)
            return path  # full, but readable: reading works, each write says "Disk full"
        known = from_os_error(exc)  # a full disk or read-only file system says so
        if known is not None and exc.errno not in (errno.EACCES, errno.EPERM):
            raise known from None
        raise StoreError(
            f"cannot write to {exc.filename or path} ({exc.strerror or exc}); make it writable "
            "by you or set COACH_HOME to a directory you own",
            title="Data directory not writable",
        ) from None
    return path


def secure_home(path: Path | None = None) -> None:
    """Make the data directory private: 0700 for it (and ``logs``, ``exports``), 0600 for the
    regular files in it and in those subdirectories. Symlinks are left alone.

    Raises:
        StoreError: the directory is a shared one (sticky bit, like /tmp) — Coach would make it
            private for everyone.
        OSError: a chmod failed (the caller turns it into a StoreError).
    """
    from coach_engine.errors import StoreError

    path = path or home()
    st = path.stat()
    if st.st_mode & stat.S_ISVTX:
        raise StoreError(
            f"{path} is a shared directory (sticky bit, like /tmp); Coach keeps API keys and "
            "transcripts in its data directory and makes it private. Set COACH_HOME to a "
            "directory of its own, e.g. ~/.local/share/coach",
            title="Data directory is shared",
        )
    _chmod_tree(path, depth=0)


def _chmod_tree(directory: Path, depth: int) -> None:
    if stat.S_IMODE(directory.stat().st_mode) != PRIVATE_DIR:
        directory.chmod(PRIVATE_DIR)
    for entry in os.scandir(directory):
        if entry.is_symlink():
            continue
        if entry.is_file():
            if stat.S_IMODE(entry.stat().st_mode) != PRIVATE_FILE:
                os.chmod(entry.path, PRIVATE_FILE)
        elif entry.is_dir() and depth == 0 and entry.name in PRIVATE_SUBDIRS:
            _chmod_tree(Path(entry.path), depth + 1)


def create_private(path: Path) -> None:
    """Create ``path`` empty with mode 0600, or make an existing file 0600 (a no-op when it
    already is, so a read-only file system is not an error here)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE:
            path.chmod(PRIVATE_FILE)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file renamed over it), mode 0600
    from creation, so a crash never leaves half a file and no other user ever reads it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# the machine's failures on these paths ---------------------------------------------------------
KEPT = "Nothing saved before was lost."
"""Said by every error of a failed write: writes are atomic or transactional everywhere."""


def _where(filename: object) -> tuple[str, str | None]:
    """(the path as shown, the setting that chose its directory: COACH_HOME, TMPDIR or None)."""
    from coach_engine.inputs import clip

    if not filename:
        return "a file", None
    path = str(filename)
    shown = clip(path, 120)
    try:
        resolved = Path(path).resolve()
        if resolved.is_relative_to(home().resolve()):
            return shown, "COACH_HOME"
        if resolved.is_relative_to(Path(tempfile.gettempdir()).resolve()):
            return shown, "TMPDIR"
    except (OSError, ValueError):
        pass
    return shown, None


def from_os_error(exc: OSError) -> CoachError | None:
    """A titled ``StoreError`` with the fix for an environmental ``OSError`` (full disk, read-only
    file system, permissions, open files, ...), None when it says nothing about the machine."""
    from coach_engine.errors import StoreError

    path, setting = _where(exc.filename)
    code = exc.errno

    def other(kind: str) -> str:
        return f", or set {setting} to {kind}" if setting else ""

    if code in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(
            f"no space left for {path} ({exc.strerror}); free some space"
            f"{other('a directory on a disk with room')}. {KEPT}",
            title="Disk full",
        )
    if code == errno.EFBIG:
        return StoreError(
            f"{path} hit the file-size limit ({exc.strerror}); raise `ulimit -f` or free space. "
            f"{KEPT}",
            title="File too large",
        )
    if code == errno.EROFS:
        return StoreError(
            f"{path} is on a read-only file system; remount it read-write"
            f"{other('a writable directory')}. {KEPT}",
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
