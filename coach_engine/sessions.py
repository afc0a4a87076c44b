"""Interview sessions: the async engine API front ends call (pydantic models in and out).

Every state change goes through the lifecycle state machine and an atomic compare-and-set in the
store, so an illegal or racing transition raises ``LifecycleError`` and never corrupts a row.
Each transition emits a ``session_status`` event. Store calls go through ``AsyncStore`` (worker
threads), so no SQLite call blocks the event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from coach_engine.errors import LifecycleError, ValidationError
from coach_engine.event_bus import EventBus
from coach_engine.lifecycle import UNFINISHED, Action, allowed_actions, next_status
from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    ContentType,
    InterviewSession,
    Message,
    Note,
    Page,
    Role,
    SessionCreate,
    SessionStatus,
    SnapshotReason,
    utcnow,
)
from coach_engine.session_fields import status_names
from coach_engine.store.aio import AsyncStore
from coach_engine.store.base import Store

T = TypeVar("T")


def parse_statuses(raw: str | Iterable[str] | None) -> list[SessionStatus] | None:
    """Parse a status filter such as ``"in_progress,paused"`` (case-insensitive).

    Raises:
        ValidationError: an unknown status; the message lists the valid ones.
    """
    out: list[SessionStatus] = []
    for given, name in status_names(raw) or ():
        try:
            out.append(SessionStatus(name))
        except ValueError:
            valid = ", ".join(s.value.lower() for s in SessionStatus)
            raise ValidationError(
                f"unknown status {given!r}; use one of: {valid}", title="Invalid status"
            ) from None
    return out or None


def _target(session: InterviewSession, action: Action) -> SessionStatus:
    """Where ``action`` takes ``session``; ``LifecycleError`` saying what it can do instead."""
    target = next_status(session.status, action)
    if target is None:
        can = ", ".join(a.value for a in allowed_actions(session.status)) or "nothing"
        raise LifecycleError(
            f"cannot {action.value} session {session.id[:8]}: it is "
            f"{session.status.value}; from there it can: {can}"
        )
    return target


class SessionService:
    """Create, query and move interview sessions of one user."""

    def __init__(self, store: AsyncStore, events: EventBus, user_id: str) -> None:
        self.store = store
        self.events = events
        self.user_id = user_id

    # queries ---------------------------------------------------------------------------------
    async def create(self, data: SessionCreate) -> InterviewSession:
        session = await self.store.create_session(self.user_id, data)
        # the event models are imported by the calls that publish: listing sessions builds none
        from coach_engine.events import SessionStatusData, SessionStatusEvent

        created = SessionStatusData(session_id=session.id, status=session.status)
        self.events.publish(SessionStatusEvent(data=created))
        return session

    async def get(self, session_id: str) -> InterviewSession:
        """Fetch a session by id or unique id prefix."""
        return await self.store.run(self._get, session_id)

    def _get(self, session_id: str) -> InterviewSession:
        # both lookups in one worker-thread hop (every service call starts with one)
        store = self.store.store
        return store.get_session(self.user_id, store.resolve_session_id(self.user_id, session_id))

    async def _on_session(self, session_id: str, op: Callable[[Store, str], T]) -> T:
        """``op(store, full_id)`` on a session of this user, in one worker-thread hop with the
        ownership check: each hop costs a thread switch and a GIL hand-over, which a chat
        message or an autosave would otherwise pay twice. The check is the id's resolution
        within the user's sessions (one indexed read, no row to parse)."""

        def both() -> T:
            store = self.store.store
            return op(store, store.resolve_session_id(self.user_id, session_id))

        return await self.store.run(both)

    async def list_sessions(
        self,
        *,
        status: str | Iterable[str] | None = None,
        sort: str = "-created_at",
        limit: int = 20,
        offset: int = 0,
    ) -> Page[InterviewSession]:
        return await self.store.list_sessions(
            self.user_id, statuses=parse_statuses(status), sort=sort, limit=limit, offset=offset
        )

    async def most_recent_unfinished(self) -> InterviewSession | None:
        page = await self.store.list_sessions(
            self.user_id, statuses=UNFINISHED, sort="-updated_at", limit=1
        )
        return page.items[0] if page.items else None

    async def delete(self, session_id: str) -> None:
        def delete(store: Store, sid: str) -> str:
            store.delete_session(self.user_id, sid)
            return sid

        sid = await self._on_session(session_id, delete)
        from coach_engine.solution_files import remove_session_files

        remove_session_files(sid)  # its watched/edited solution files go with it

    # lifecycle -------------------------------------------------------------------------------
    async def _move(
        self, session_id: str, action: Action, extra: dict[str, Any] | None = None
    ) -> InterviewSession:
        before, after = await self.store.run(self._move_sync, session_id, action, extra)
        from coach_engine.events import SessionStatusData, SessionStatusEvent

        moved_to = SessionStatusData(
            session_id=before.id, status=after.status, previous=before.status
        )
        self.events.publish(SessionStatusEvent(data=moved_to))
        return after

    def _move_sync(
        self, session_id: str, action: Action, extra: dict[str, Any] | None
    ) -> tuple[InterviewSession, InterviewSession]:
        """Read, compare-and-set, read back: one worker-thread hop (the event is published on
        the loop by the caller). Returns the session before and after."""
        store = self.store.store
        session = self._get(session_id)
        target = _target(session, action)
        now = utcnow()
        changes: dict[str, Any] = dict(extra or {})
        if session.status == SessionStatus.IN_PROGRESS:
            changes["active_seconds"] = session.elapsed_seconds(now)
            changes["resumed_at"] = None
        if target == SessionStatus.IN_PROGRESS:
            changes["resumed_at"] = now
            if session.started_at is None:
                changes["started_at"] = now
        if target in (SessionStatus.COMPLETED, SessionStatus.CANCELLED):
            changes["completed_at"] = now
        moved = store.transition_session(
            self.user_id, session.id, expected=session.status, new=target, changes=changes
        )
        after = store.get_session(self.user_id, session.id)
        if not moved:
            raise LifecycleError(
                f"session {session.id[:8]} changed to {after.status.value} while "
                f"{action.value} was in flight; nothing was changed, try again"
            )
        return session, after

    async def start(self, session_id: str) -> InterviewSession:
        return await self._move(session_id, Action.START)

    async def pause(self, session_id: str) -> InterviewSession:
        return await self._move(session_id, Action.PAUSE)

    async def resume(self, session_id: str) -> InterviewSession:
        return await self._move(session_id, Action.RESUME)

    async def submit(self, session_id: str) -> InterviewSession:
        """Candidate submitted: the session awaits its feedback."""
        return await self._move(session_id, Action.SUBMIT)

    async def attempt(self, session_id: str) -> InterviewSession:
        """A code submission may be made now (the table's ``attempt``: only IN_PROGRESS, the
        status stays). Returns the session; raises ``LifecycleError`` naming its state."""
        session = await self.get(session_id)
        _target(session, Action.ATTEMPT)
        return session

    async def complete(self, session_id: str, score: int | None = None) -> InterviewSession:
        if score is not None and not 0 <= score <= 100:
            raise ValidationError(f"score must be 0..100, not {score}")
        extra = None if score is None else {"score": score}
        return await self._move(session_id, Action.COMPLETE, extra)

    async def cancel(self, session_id: str) -> InterviewSession:
        return await self._move(session_id, Action.CANCEL)

    # content ---------------------------------------------------------------------------------
    async def add_message(
        self,
        session_id: str,
        role: Role,
        content: str,
        content_type: ContentType = ContentType.TEXT,
        code_language: str | None = None,
    ) -> Message:
        def add(store: Store, sid: str) -> Message:
            return store.add_message(
                Message(
                    session_id=sid,
                    user_id=self.user_id,
                    role=role,
                    content=content,
                    content_type=content_type,
                    code_language=code_language,
                )
            )

        return await self._on_session(session_id, add)

    async def messages(self, session_id: str) -> list[Message]:
        return await self._on_session(
            session_id, lambda store, sid: store.list_messages(self.user_id, sid)
        )

    async def save_code(
        self,
        session_id: str,
        code: str,
        language: str,
        reason: SnapshotReason = SnapshotReason.AUTOSAVE,
    ) -> CodeSnapshot:
        """Autosave (or run/submit snapshot) of the editor's code."""

        def save(store: Store, sid: str) -> CodeSnapshot:
            return store.save_snapshot(
                CodeSnapshot(
                    session_id=sid,
                    user_id=self.user_id,
                    language=language,
                    code=code,
                    reason=reason,
                )
            )

        return await self._on_session(session_id, save)

    async def latest_code(self, session_id: str) -> CodeSnapshot | None:
        return await self._on_session(
            session_id, lambda store, sid: store.latest_snapshot(self.user_id, sid)
        )

    async def add_note(self, session_id: str, content: str) -> Note:
        if not content.strip():
            raise ValidationError("a note cannot be empty")
        return await self._on_session(
            session_id,
            lambda store, sid: store.add_note(
                Note(session_id=sid, user_id=self.user_id, content=content)
            ),
        )

    async def notes(self, session_id: str) -> list[Note]:
        return await self._on_session(
            session_id, lambda store, sid: store.list_notes(self.user_id, sid)
        )

    async def record_run(self, run: CodeRun) -> CodeRun:
        """Store a run/submission and emit ``code_result``."""
        if run.user_id != self.user_id:
            raise ValidationError("a run can only be recorded for its own user")
        stored = await self.store.add_run(run)
        from coach_engine.events import CodeResultEvent

        self.events.publish(CodeResultEvent.from_run(stored))
        return stored

    async def runs(self, session_id: str) -> list[CodeRun]:
        return await self._on_session(
            session_id, lambda store, sid: store.list_runs(self.user_id, sid)
        )
