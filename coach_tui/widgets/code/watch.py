"""Keep the editor and a solution file on disk in step (``coach interview --watch``).

:class:`FileSync` has no timer of its own: the code panel polls it from a Textual interval
(the file's mtime and size, so no new dependency) and pushes the editor's text after edits.
It remembers what it last wrote or read, so its own writes are not taken for outside edits and
a reload does not echo back to the file.
"""

from __future__ import annotations

from pathlib import Path

from coach_engine.api import FileState, file_state, write_solution


class FileSync:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.known_text: str | None = None
        """What the file held when last read or written here."""
        self.known_state: FileState | None = None

    def start(self, text: str) -> None:
        """Begin with the editor's ``text`` in the file (written unless it already holds it)."""
        self.push(text)

    def push(self, text: str) -> bool:
        """Write the editor's ``text`` when the file holds something else. True if written.

        A file changed outside since it was last seen is not overwritten: the outside save is
        the newer one, the next :meth:`poll` loads it (and ctrl+z in the editor undoes that)."""
        current = file_state(self.path)
        if self.known_state is not None and current is not None and current != self.known_state:
            return False
        if text == self.known_text and current == self.known_state:
            return False
        write_solution(self.path, text)
        self.known_text = text
        self.known_state = file_state(self.path)
        return True

    def poll(self, editor_text: str) -> str | None:
        """The file's new content when it changed outside Coach and differs from the editor's
        ``editor_text``; None otherwise (or when it cannot be read: the next poll retries)."""
        state = file_state(self.path)
        if state is None or state == self.known_state:
            return None
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        self.known_state = state
        self.known_text = text
        return text if text != editor_text else None
