"""The session services over REST: ``SessionService`` (``RemoteSessions``) and
``InterviewService`` (``RemoteInterview``), each method the local one's name, arguments and
return type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    FeedbackRun,
    InterviewSession,
    Message,
    Note,
    Page,
    Role,
    SnapshotReason,
)
from coach_engine.remote.http import RemoteHttp
from coach_engine.remote.wire import parse, segment as _sid

if TYPE_CHECKING:
    from coach_engine.interview import RevealOffer
    from coach_engine.remote.scope import RemoteScope
    from coach_engine.submissions import Submission


class RemoteSessions:
    """``SessionService`` over REST."""

    def __init__(self, http: RemoteHttp, user_id: str) -> None:
        self.http = http
        self.user_id = user_id

    async def get(self, session_id: str) -> InterviewSession:
        return InterviewSession.model_validate(await self.http.get(f"/sessions/{_sid(session_id)}"))

    async def list_sessions(
        self,
        *,
        status: str | None = None,
        sort: str = "-created_at",
        limit: int = 20,
        offset: int = 0,
    ) -> Page[InterviewSession]:
        """One page; the server pages by number, so ``offset`` must be a multiple of
        ``limit`` (as every front end asks)."""
        if limit > 100:  # the server's largest page: read several
            items: list[InterviewSession] = []
            total = 0
            for start in range(offset, offset + limit, 100):
                page = await self.list_sessions(status=status, sort=sort, limit=100, offset=start)
                items += page.items
                total = page.total
                if len(page.items) < 100:
                    break
            return Page[InterviewSession](
                items=items[:limit], total=total, limit=limit, offset=offset
            )
        body = await self.http.get(
            "/sessions", page=offset // limit + 1, limit=limit, status=status, sort=sort
        )
        items = [InterviewSession.model_validate(s) for s in body["items"]]
        return Page[InterviewSession](
            items=items, total=int(body["total"]), limit=limit, offset=offset
        )

    async def most_recent_unfinished(self) -> InterviewSession | None:
        found = await self.http.get("/interviews/unfinished", limit=1)
        return InterviewSession.model_validate(found[0]) if found else None

    async def delete(self, session_id: str) -> None:
        await self.http.delete(f"/sessions/{_sid(session_id)}")

    async def resume(self, session_id: str) -> InterviewSession:
        body = await self.http.post(f"/sessions/{_sid(session_id)}/resume")
        return InterviewSession.model_validate(body)

    async def cancel(self, session_id: str) -> InterviewSession:
        body = await self.http.patch(f"/sessions/{_sid(session_id)}", {"status": "cancelled"})
        return InterviewSession.model_validate(body)

    async def messages(self, session_id: str) -> list[Message]:
        return parse(list[Message], await self.http.get(f"/sessions/{_sid(session_id)}/messages"))

    async def runs(self, session_id: str) -> list[CodeRun]:
        return parse(list[CodeRun], await self.http.get(f"/sessions/{_sid(session_id)}/runs"))

    async def notes(self, session_id: str) -> list[Note]:
        return parse(list[Note], await self.http.get(f"/sessions/{_sid(session_id)}/notes"))

    async def add_note(self, session_id: str, content: str) -> Note:
        body = await self.http.post(f"/sessions/{_sid(session_id)}/notes", {"content": content})
        return Note.model_validate(body)

    async def save_code(
        self,
        session_id: str,
        code: str,
        language: str,
        reason: SnapshotReason = SnapshotReason.MANUAL,
    ) -> CodeSnapshot:
        body = await self.http.post(
            f"/sessions/{_sid(session_id)}/snapshots",
            {"code": code, "language": language, "reason": reason.value},
        )
        return CodeSnapshot.model_validate(body)

    async def latest_code(self, session_id: str) -> CodeSnapshot | None:
        body = await self.http.get(f"/sessions/{_sid(session_id)}/latest-code")
        return None if body is None else CodeSnapshot.model_validate(body)


class RemoteInterview:
    """``InterviewService`` over REST; the interviewer's tokens arrive on the session's
    WebSocket as ``ai_token`` events, as locally on the bus."""

    def __init__(self, engine: RemoteScope) -> None:
        self.engine = engine
        self.http = engine.http

    def _path(self, session_id: str, action: str) -> str:
        return f"/sessions/{_sid(session_id)}/{action}"

    async def begin(self, session_id: str) -> Message | None:
        """Start or resume the interview (the interviewer greets once). With the session's
        WebSocket open, opening it did this on the server: nothing more is sent."""
        connection = self.engine.connection(session_id)
        if connection is not None:
            await self.engine.started(session_id)
            return None
        body = await self.http.post(self._path(session_id, "begin"))
        return None if body is None else Message.model_validate(body)

    async def send(self, session_id: str, text: str) -> Message:
        """Say something. Without the session's WebSocket: the interviewer's stored answer
        (REST). With it: the message is queued in the connection's outbox — delivered now or
        after a reconnect, run once — and the candidate's message is returned at once; the
        answer streams in as events, as locally.

        Raises:
            ValidationError: an empty message (nothing is queued).
        """
        from coach_engine.errors import ValidationError

        connection = self.engine.live_connection(session_id)
        if connection is None:
            body = await self.http.post(self._path(session_id, "messages"), {"content": text})
            return Message.model_validate(body)
        if not text.strip():
            raise ValidationError("an empty message was not sent")
        await connection.send("message", {"content": text})
        return Message(
            session_id=session_id, user_id=self.engine.user_id, role=Role.USER, content=text.strip()
        )

    async def hint(self, session_id: str) -> Message:
        return Message.model_validate(await self.http.post(self._path(session_id, "hint")))

    async def reveal_offer(self, session_id: str) -> RevealOffer:
        from coach_engine.interview import RevealOffer

        body = await self.http.get(self._path(session_id, "reveal-offer"))
        found: RevealOffer = parse(RevealOffer, body)
        return found

    async def reveal(self, session_id: str) -> Message:
        return Message.model_validate(await self.http.post(self._path(session_id, "reveal")))

    async def run(
        self, session_id: str, code: str, language: str, *, submit: bool = False
    ) -> CodeRun:
        action = "submit" if submit else "run"
        body = await self.http.post(
            self._path(session_id, action), {"code": code, "language": language}
        )
        return CodeRun.model_validate(body)

    async def submit(self, session_id: str, code: str, language: str) -> CodeRun:
        return await self.run(session_id, code, language, submit=True)

    async def submissions(self, session_id: str) -> list[Submission]:
        from coach_engine.submissions import Submission

        body = await self.http.get(self._path(session_id, "submissions"))
        found: list[Submission] = parse(list[Submission], body)
        return found

    async def request_feedback(self, session_id: str) -> FeedbackRun:
        body = await self.http.post(self._path(session_id, "request-feedback"))
        return FeedbackRun.model_validate(body)
