"""``/sessions``: create, list, get, change, run and submit code, complete, delete; messages."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from coach_engine.api import (
    CodeRun,
    CustomRun,
    InterviewSession,
    LifecycleError,
    Message,
    ProblemFilter,
    SessionStatus,
    Submission,
)
from coach_engine.server.deps import Scope, State
from coach_engine.server.responses import RATE_LIMITED, RUNS_QUEUED
from coach_engine.server.schemas import (
    CodeIn,
    CompleteIn,
    CustomRunIn,
    MessageIn,
    SessionIn,
    SessionPage,
    SessionPatch,
)

router = APIRouter(prefix="/sessions", tags=["sessions"])

# the seed sorts by started_at; a session's creation is when it was started from a front end
_SORT_ALIASES = {"started_at": "created_at", "-started_at": "-created_at"}


@router.post("", status_code=201, response_model=InterviewSession, responses=RATE_LIMITED)
async def create(body: SessionIn, scope: Scope, server: State) -> InterviewSession:
    """Start an interview on ``problem_slug``, or on a random problem matching the filters
    (CREATED: opening its WebSocket, or PATCH status=in_progress, starts the clock)."""
    server.session_limit.check(scope.user_id)
    filters = ProblemFilter(
        difficulty=body.difficulty.value.lower() if body.difficulty else "",
        topic=body.topic or "",
    )
    return await scope.interviews.start(
        body.problem_slug,
        filters=filters.check() if body.problem_slug is None else None,
        language=body.language,
        kind=body.kind,
    )


@router.get("", response_model=SessionPage)
async def list_sessions(
    scope: Scope,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    status: Annotated[str | None, Query(max_length=200)] = None,
    sort: Annotated[str, Query(max_length=20)] = "-created_at",
) -> SessionPage:
    """One page of the user's sessions; ``status`` is one or more of created, in_progress,
    paused, awaiting_feedback, completed, cancelled (comma-separated), ``sort`` one of
    created_at, updated_at, score (``-`` first: descending)."""
    found = await scope.sessions.list_sessions(
        status=status,
        sort=_SORT_ALIASES.get(sort, sort),
        limit=limit,
        offset=(page - 1) * limit,
    )
    return SessionPage(
        items=found.items,
        total=found.total,
        page=page,
        limit=limit,
        pages=math.ceil(found.total / limit),
    )


@router.get("/{session_id}", response_model=InterviewSession)
async def get(session_id: str, scope: Scope) -> InterviewSession:
    return await scope.sessions.get(session_id)


@router.patch("/{session_id}", response_model=InterviewSession)
async def update(session_id: str, body: SessionPatch, scope: Scope) -> InterviewSession:
    """Save the editor's code (an autosave: kept only while the interview runs) and/or move
    the session: in_progress (start or resume; the interviewer greets once), paused,
    cancelled."""
    session = await scope.sessions.get(session_id)
    if body.code is not None:
        await scope.interviews.autosave(session.id, body.code, body.language or session.language)
    if body.status == "in_progress":
        if session.status in (SessionStatus.COMPLETED, SessionStatus.CANCELLED):
            raise LifecycleError(
                f"session {session.id[:8]} is {session.status.value.lower()}; start a new one",
                title="Interview finished",
            )
        await scope.interview.begin(session.id)
    elif body.status == "paused":
        await scope.interviews.leave(session.id)
    elif body.status == "cancelled":
        await scope.sessions.cancel(session.id)
    return await scope.sessions.get(session.id)


@router.post("/{session_id}/run", response_model=CodeRun, responses=RUNS_QUEUED)
async def run(session_id: str, body: CodeIn, scope: Scope) -> CodeRun:
    """Run the code on the visible tests (the session must be in progress)."""
    language = body.language or (await scope.sessions.get(session_id)).language
    return await scope.interview.run(session_id, body.code, language)


@router.post("/{session_id}/custom-run", response_model=CustomRun, responses=RUNS_QUEUED)
async def custom_run(session_id: str, body: CustomRunIn, scope: Scope) -> CustomRun:
    """Run the code on one typed input beside the reference solution (stored as a run with
    that one test; ``code_result`` is published)."""
    language = body.language or (await scope.sessions.get(session_id)).language
    return await scope.custom_input.run_in_interview(
        session_id, body.code, language, body.test_input
    )


@router.post("/{session_id}/submit", response_model=CodeRun, responses=RUNS_QUEUED)
async def submit(session_id: str, body: CodeIn, scope: Scope) -> CodeRun:
    """Submit the code on every test, hidden ones included; an accepted submission queues its
    feedback (``GET /feedback/sessions/{id}`` lists the jobs)."""
    language = body.language or (await scope.sessions.get(session_id)).language
    return await scope.interview.submit(session_id, body.code, language)


@router.post("/{session_id}/complete", response_model=InterviewSession)
async def complete(
    session_id: str, scope: Scope, body: CompleteIn | None = None
) -> InterviewSession:
    """End the interview (submissions close); feedback still due is queued."""
    body = body or CompleteIn()
    return await scope.interviews.end(session_id, body.code, body.language)


@router.delete("/{session_id}", status_code=204, response_class=Response)
async def delete(session_id: str, scope: Scope) -> Response:
    await scope.sessions.delete(session_id)
    return Response(status_code=204)


@router.get("/{session_id}/messages", response_model=list[Message])
async def messages(session_id: str, scope: Scope) -> list[Message]:
    return await scope.sessions.messages(session_id)


@router.post("/{session_id}/messages", response_model=Message)
async def say(session_id: str, body: MessageIn, scope: Scope) -> Message:
    """Say something; returns the interviewer's stored answer (its tokens stream on the
    session's WebSocket)."""
    return await scope.interview.send(session_id, body.content)


@router.get("/{session_id}/runs", response_model=list[CodeRun])
async def runs(session_id: str, scope: Scope) -> list[CodeRun]:
    return await scope.sessions.runs(session_id)


@router.get("/{session_id}/submissions", response_model=list[Submission])
async def submissions(session_id: str, scope: Scope) -> list[Submission]:
    return await scope.interview.submissions(session_id)


@router.get("/{session_id}/code")
async def code(session_id: str, scope: Scope) -> dict[str, Any]:
    """What the editor holds: the latest saved code (else the starter) and its language."""
    held = await scope.interviews.editor_code(session_id)
    return {
        "code": held.code,
        "language": held.language,
        "starter": held.starter,
        "saved_at": held.saved_at,
    }
