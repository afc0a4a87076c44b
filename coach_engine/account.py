"""A person's data as a whole: how much there is, and deleting all of it.

``coach delete --all`` and a server's "delete my account" call ``Account.delete_all``; it removes
every row of the one user, in every table (``Store.delete_user_data``), and nobody else's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach_engine.store.aio import AsyncStore


@dataclass(frozen=True)
class DeletedData:
    """What ``delete_all`` removed: rows per table, counted just before."""

    rows: dict[str, int]

    @property
    def sessions(self) -> int:
        return self.rows.get("interview_sessions", 0)


class Account:
    """One user's data as a whole."""

    def __init__(self, store: AsyncStore, user_id: str) -> None:
        self._store = store
        self._user_id = user_id

    async def row_counts(self) -> dict[str, int]:
        """Rows per table that belong to the user."""
        return await self._store.count_rows(self._user_id)

    async def delete_all(self) -> DeletedData:
        """Delete every row of the user — sessions, messages, code, runs, feedback, drills,
        goals, skills, provider usage — and the user row itself, then the sessions' files on
        disk (watched solution files, `$EDITOR` hand-offs): nothing of the person is left."""

        def count_then_delete() -> tuple[dict[str, int], list[str]]:  # one store thread
            store = self._store.store
            ids: list[str] = []
            while True:  # every session of the user, page by page
                page = store.list_sessions(self._user_id, limit=100, offset=len(ids))
                ids += [s.id for s in page.items]
                if not page.items or len(ids) >= page.total:
                    break
            counts = store.count_rows(self._user_id)
            store.delete_user_data(self._user_id)
            return counts, ids

        counts, session_ids = await self._store.run(count_then_delete)
        from coach_engine.solution_files import remove_session_files

        for session_id in session_ids:  # after the rows: a crash here leaves files, not rows
            remove_session_files(session_id)
        return DeletedData(counts)
