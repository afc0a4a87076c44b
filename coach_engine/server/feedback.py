"""``/feedback``: request (202 with the status and result URLs), status, result, retry, list."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from coach_engine.api import FeedbackRun, FeedbackStatus
from coach_engine.server.deps import Scope, State
from coach_engine.server.errors import ApiError
from coach_engine.server.responses import RATE_LIMITED
from coach_engine.server.schemas import (
    FeedbackAccepted,
    FeedbackResult,
    FeedbackStatusOut,
    NotReady,
)

router = APIRouter(prefix="/feedback", tags=["feedback"])

PREFIX = "/api/v1/feedback"
ESTIMATED_WAIT_S = 20  # the seed's estimate; the judge's timing series dominates it


def _accepted(job: FeedbackRun) -> JSONResponse:
    body = FeedbackAccepted(
        feedback_id=job.id,
        status=job.status,
        status_url=f"{PREFIX}/{job.id}/status",
        result_url=f"{PREFIX}/{job.id}/result",
        estimated_wait_seconds=ESTIMATED_WAIT_S,
    )
    return JSONResponse(body.model_dump(mode="json"), 202)


@router.post(
    "/sessions/{session_id}/feedback",
    status_code=202,
    response_model=FeedbackAccepted,
    responses={202: {"model": FeedbackAccepted}, **RATE_LIMITED},
)
async def request(session_id: str, scope: Scope, server: State) -> JSONResponse:
    """Queue feedback on the session's code and transcript; poll ``status_url`` or listen for
    ``feedback`` events on the session's WebSocket."""
    await scope.sessions.get(session_id)  # a foreign id is 404 before it counts against a limit
    server.feedback_limit.check(scope.user_id)
    return _accepted(await scope.feedback.request(session_id))


@router.get("/sessions/{session_id}", response_model=list[FeedbackStatusOut])
async def for_session(session_id: str, scope: Scope) -> list[FeedbackStatusOut]:
    """The session's feedback jobs, oldest first."""
    return [_status(job) for job in await scope.feedback.for_session(session_id)]


def _status(job: FeedbackRun) -> FeedbackStatusOut:
    return FeedbackStatusOut(
        feedback_id=job.id,
        session_id=job.session_id,
        status=job.status,
        progress_percent=round(job.progress * 100),
        retries=job.retry_count,
        error=job.error_message,
    )


@router.get("/{feedback_id}/status", response_model=FeedbackStatusOut)
async def status(feedback_id: str, scope: Scope) -> FeedbackStatusOut:
    return _status(await scope.feedback.status(feedback_id))


@router.get(
    "/{feedback_id}/result",
    response_model=FeedbackResult,
    responses={202: {"model": NotReady, "description": "Feedback not ready yet"}},
)
async def result(feedback_id: str, scope: Scope) -> FeedbackResult | JSONResponse:
    job = await scope.feedback.status(feedback_id)
    if job.status != FeedbackStatus.COMPLETED:
        if job.status == FeedbackStatus.FAILED:
            raise ApiError(
                409,
                "feedback_failed",
                f"Feedback failed: {job.error_message or 'no reason recorded'}",
                f"POST {PREFIX}/{job.id}/retry to queue it again",
            )
        pending = NotReady(
            detail="Feedback not ready yet",
            status=job.status,
            status_url=f"{PREFIX}/{job.id}/status",
        )
        return JSONResponse(pending.model_dump(mode="json"), 202)
    return FeedbackResult(
        feedback_id=job.id,
        session_id=job.session_id,
        status=job.status,
        overall_score=job.overall_score,
        criterion_scores=job.criterion_scores,
        strengths=job.strengths,
        weaknesses=job.weaknesses,
        suggestions=job.suggestions,
        detailed_feedback=job.detailed_feedback,
        complexity=job.complexity,
        completed_at=job.completed_at,
    )


@router.post(
    "/{feedback_id}/retry",
    status_code=202,
    response_model=FeedbackAccepted,
    responses={202: {"model": FeedbackAccepted}, **RATE_LIMITED},
)
async def retry(feedback_id: str, scope: Scope, server: State) -> JSONResponse:
    """Queue a failed feedback again (a new job on the same session)."""
    job = await scope.feedback.status(feedback_id)
    if job.status != FeedbackStatus.FAILED:
        raise ApiError(
            409,
            "not_failed",
            f"Feedback {job.id[:8]} is {job.status.value}, not FAILED",
            f"only a failed job is retried; poll {PREFIX}/{job.id}/status",
        )
    server.feedback_limit.check(scope.user_id)
    return _accepted(await scope.feedback.request(job.session_id))
