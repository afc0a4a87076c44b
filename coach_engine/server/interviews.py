"""``/interviews`` and the interview flows of ``/sessions/{id}``: what a remote front end (the
TUI over ``coach_engine.remote``) calls that the seed's REST API lacks.

Each route is one call into the user's engine scope (``Interviews``, ``InterviewService``,
``SessionService``) and answers with the engine's own model, so a client reads back exactly what
the local engine returns. Another user's session is the engine's ``NotFoundError`` → 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from coach_engine.api import (
    CodeRun,
    CodeSnapshot,
    EditorCode,
    FeedbackRun,
    InterviewSession,
    Message,
    Note,
    ProblemStats,
    RevealOffer,
    SessionSummary,
    SnapshotReason,
)
from coach_engine.server.deps import Scope, State
from coach_engine.server.responses import RATE_LIMITED
from coach_engine.server.schemas import CodeIn, CompleteIn, _In

router = APIRouter(tags=["interviews"])

Limit = Annotated[int, Query(ge=1, le=50)]


class SessionViewOut(BaseModel):
    """A session and what is measured about it (the engine's ``SessionView`` without the
    problem, which the client reads from its own bank by ``session.problem_slug``)."""

    session: InterviewSession
    runs: list[CodeRun]
    feedback: FeedbackRun | None = None
    """The newest feedback job, whatever its status."""


class SnapshotIn(_In):
    code: str = Field(max_length=1_000_000)
    language: str = Field(max_length=20)
    reason: SnapshotReason = SnapshotReason.MANUAL


class NoteIn(_In):
    content: str = Field(min_length=1, max_length=20_000)


class UnsavedIn(_In):
    since: datetime | None = None
    """When the editor's unsaved changes began; null: it holds what is stored."""


class UnsavedOut(BaseModel):
    since: datetime | None = None
    """When changes no save stored began (they are lost); null: nothing was lost."""


class LanguageIn(_In):
    language: str = Field(max_length=20)
    code: str | None = Field(None, max_length=1_000_000)
    """The editor's code, saved first unless empty or the untouched starter."""
    previous: str | None = Field(None, max_length=20)
    """The language ``code`` is written in."""


# the user's record ------------------------------------------------------------------------------
@router.get("/interviews/problem-stats", response_model=dict[str, ProblemStats])
async def problem_stats(scope: Scope) -> dict[str, ProblemStats]:
    """slug → the user's record on it (last attempted, submissions, accepted, solved)."""
    return await scope.interviews.problem_stats()


@router.get("/interviews/unfinished", response_model=list[InterviewSession])
async def unfinished(scope: Scope, limit: Limit = 5) -> list[InterviewSession]:
    """Sessions to resume, most recently touched first."""
    return await scope.interviews.unfinished(limit)


@router.get("/interviews/recent", response_model=list[InterviewSession])
async def recent(scope: Scope, limit: Limit = 5) -> list[InterviewSession]:
    """Finished sessions, newest first."""
    return await scope.interviews.recent(limit)


@router.get("/interviews/resumable", response_model=InterviewSession | None)
async def resumable(
    scope: Scope, slug: Annotated[str, Query(min_length=1, max_length=200)]
) -> InterviewSession | None:
    """The interview on ``slug`` the user can still work in (created, in progress, paused),
    most recently touched; null when there is none."""
    return await scope.interviews.unfinished_for(slug)


# one session ------------------------------------------------------------------------------------
@router.get("/sessions/{session_id}/view", response_model=SessionViewOut)
async def view(session_id: str, scope: Scope) -> SessionViewOut:
    found = await scope.interviews.view(session_id)
    return SessionViewOut(session=found.session, runs=found.runs, feedback=found.feedback)


@router.get("/sessions/{session_id}/summary", response_model=SessionSummary)
async def summary(session_id: str, scope: Scope) -> SessionSummary:
    return await scope.interviews.summary(session_id)


@router.get("/sessions/{session_id}/editor", response_model=EditorCode)
async def editor(session_id: str, scope: Scope) -> EditorCode:
    """What the editor opens with: the latest saved code, else the starter."""
    return await scope.interviews.editor_code(session_id)


@router.get("/sessions/{session_id}/latest-code", response_model=CodeSnapshot | None)
async def latest_code(session_id: str, scope: Scope) -> CodeSnapshot | None:
    return await scope.sessions.latest_code(session_id)


@router.post("/sessions/{session_id}/autosave", response_model=CodeSnapshot | None)
async def autosave(session_id: str, body: CodeIn, scope: Scope) -> CodeSnapshot | None:
    """Save the editor's code while the interview is in progress, unless it is already stored
    (null: nothing saved)."""
    language = body.language or (await scope.sessions.get(session_id)).language
    return await scope.interviews.autosave(session_id, body.code, language)


@router.post("/sessions/{session_id}/snapshots", status_code=201, response_model=CodeSnapshot)
async def save_code(session_id: str, body: SnapshotIn, scope: Scope) -> CodeSnapshot:
    """Store the code as a snapshot (a manual save by default)."""
    return await scope.sessions.save_code(session_id, body.code, body.language, body.reason)


@router.post("/sessions/{session_id}/leave", response_model=InterviewSession)
async def leave(session_id: str, scope: Scope, body: CompleteIn | None = None) -> InterviewSession:
    """The candidate leaves: changed code is saved, a running clock paused."""
    body = body or CompleteIn()
    return await scope.interviews.leave(session_id, body.code, body.language)


@router.put("/sessions/{session_id}/unsaved", status_code=204, response_class=Response)
async def mark_unsaved(session_id: str, body: UnsavedIn, scope: Scope) -> Response:
    """The editor holds changes no save stored yet, from ``since`` on (null: none)."""
    await scope.interviews.mark_unsaved(session_id, body.since)
    return Response(status_code=204)


@router.post("/sessions/{session_id}/unsaved-lost", response_model=UnsavedOut)
async def unsaved_lost(session_id: str, scope: Scope) -> UnsavedOut:
    """When changes that no later save stored began (said once: the mark is cleared)."""
    return UnsavedOut(since=await scope.interviews.unsaved_work_lost(session_id))


@router.post("/sessions/{session_id}/language", response_model=EditorCode)
async def switch_language(session_id: str, body: LanguageIn, scope: Scope) -> EditorCode:
    """Switch the editor's language (the code is saved first); the new starter is returned."""
    return await scope.interviews.switch_language(
        session_id, body.language, code=body.code, previous=body.previous
    )


@router.post("/sessions/{session_id}/begin", response_model=Message | None)
async def begin(session_id: str, scope: Scope) -> Message | None:
    """Start or resume the interview; the interviewer's greeting (null: already greeted)."""
    return await scope.interview.begin(session_id)


@router.post("/sessions/{session_id}/resume", response_model=InterviewSession)
async def resume(session_id: str, scope: Scope) -> InterviewSession:
    """Back to in progress (from paused, or from a feedback wait)."""
    return await scope.sessions.resume(session_id)


@router.post("/sessions/{session_id}/hint", response_model=Message)
async def hint(session_id: str, scope: Scope) -> Message:
    """The next hint of the problem's ladder (it costs score)."""
    return await scope.interview.hint(session_id)


@router.get("/sessions/{session_id}/reveal-offer", response_model=RevealOffer)
async def reveal_offer(session_id: str, scope: Scope) -> RevealOffer:
    """The next reveal step and whether it is charged, before taking it."""
    return await scope.interview.reveal_offer(session_id)


@router.post("/sessions/{session_id}/reveal", response_model=Message)
async def reveal(session_id: str, scope: Scope) -> Message:
    """Take the next reveal step of a failing hidden test."""
    return await scope.interview.reveal(session_id)


@router.get("/sessions/{session_id}/notes", response_model=list[Note])
async def notes(session_id: str, scope: Scope) -> list[Note]:
    return await scope.sessions.notes(session_id)


@router.post("/sessions/{session_id}/notes", status_code=201, response_model=Note)
async def add_note(session_id: str, body: NoteIn, scope: Scope) -> Note:
    return await scope.sessions.add_note(session_id, body.content)


# its feedback -----------------------------------------------------------------------------------
@router.get("/sessions/{session_id}/feedback-jobs", response_model=list[FeedbackRun])
async def feedback_jobs(session_id: str, scope: Scope) -> list[FeedbackRun]:
    """The session's feedback jobs, oldest first, as the engine stores them."""
    return await scope.interviews.feedback_jobs(session_id)


@router.post(
    "/sessions/{session_id}/request-feedback",
    status_code=201,
    response_model=FeedbackRun,
    responses=RATE_LIMITED,
)
async def request_feedback(session_id: str, scope: Scope, server: State) -> FeedbackRun:
    """Queue feedback on the session again (after a failed job)."""
    await scope.sessions.get(session_id)  # a foreign id is 404 before it counts
    server.feedback_limit.check(scope.user_id)
    return await scope.interview.request_feedback(session_id)


@router.post("/sessions/{session_id}/requeue-lost-feedback", response_model=FeedbackRun | None)
async def requeue_lost_feedback(session_id: str, scope: Scope) -> FeedbackRun | None:
    """A session awaiting feedback without any job gets one queued; null otherwise."""
    return await scope.interviews.requeue_lost_feedback(session_id)
