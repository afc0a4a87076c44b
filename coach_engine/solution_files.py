"""The solution as a file on disk, for people who code in their own editor.

``coach interview --watch`` (or ``interview.watch_file = true``) keeps an interview's code in
``<data dir>/sessions/<session id>/solution.<ext>``; the TUI watches it and writes its own edits
back. The ``$VISUAL``/``$EDITOR`` round trip edits ``edit.<ext>`` in the same directory, so a crash
while the editor is open leaves the work where the next start finds it.

The data directory is private, so the session directories are 0700 and the files 0600 (written
atomically through :func:`coach_engine.locations.write_private`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coach_engine import locations

EXTENSIONS = {"python": ".py", "javascript": ".js", "java": ".java", "cpp": ".cpp", "go": ".go"}


def session_dir(session_id: str) -> Path:
    """The session's private directory (not created here: :func:`write_solution` does)."""
    if not session_id or "/" in session_id or session_id.startswith("."):
        raise ValueError(f"not a session id: {session_id!r}")
    return locations.home() / "sessions" / session_id


def solution_path(session_id: str, language: str) -> Path:
    """The watched solution file of a session in ``language``."""
    return session_dir(session_id) / f"solution{EXTENSIONS.get(language, '.txt')}"


def external_edit_path(session_id: str, language: str) -> Path:
    """The file handed to ``$VISUAL``/``$EDITOR`` (removed after a successful round trip)."""
    return session_dir(session_id) / f"edit{EXTENSIONS.get(language, '.txt')}"


def remove_session_files(session_id: str) -> None:
    """Delete the session's directory (its watched and edited files) if it exists."""
    import shutil

    path = session_dir(session_id)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)


def write_solution(path: Path, code: str) -> None:
    """Write ``code`` to ``path`` atomically, mode 0600, creating its directory 0700."""
    path.parent.mkdir(mode=locations.PRIVATE_DIR, parents=True, exist_ok=True)
    sessions = locations.home() / "sessions"
    if path.parent.parent == sessions:  # mkdir's mode is filtered by the umask: make sure
        for directory in (sessions, path.parent):
            directory.chmod(locations.PRIVATE_DIR)
    locations.write_private(path, code)


@dataclass(frozen=True)
class FileState:
    """What a poll compares: a change of any means the file was written (the inode too: an
    editor that saves by renaming a new file over it within the clock's tick is still seen)."""

    mtime_ns: int
    size: int
    inode: int = 0

    @property
    def modified_at(self) -> datetime:
        return datetime.fromtimestamp(self.mtime_ns / 1e9, tz=UTC)


def file_state(path: Path) -> FileState | None:
    """The file's modification time and size, or None when it does not exist (or is no file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return FileState(st.st_mtime_ns, st.st_size, st.st_ino)


@dataclass(frozen=True)
class UnsavedWork:
    """A session file written after the last stored snapshot, holding other code."""

    path: Path
    modified_at: datetime
    text: str | None
    """The file's code; None when it cannot be read (``error`` says why)."""
    error: str | None = None


def newer_than(path: Path, saved_at: datetime | None, saved_code: str) -> UnsavedWork | None:
    """Work the store does not have: ``path`` written after ``saved_at`` (the last stored
    snapshot; None: never saved) with content other than ``saved_code``. None otherwise."""
    state = file_state(path)
    if state is None:
        return None
    if saved_at is not None and state.modified_at <= saved_at:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return UnsavedWork(path, state.modified_at, None, "it is not UTF-8 text")
    except OSError as exc:
        return UnsavedWork(path, state.modified_at, None, exc.strerror or str(exc))
    if text == saved_code or not text.strip():
        return None
    return UnsavedWork(path, state.modified_at, text)
