"""``/drills``: generate a set from a feedback, list, pending, get, hints, start, submit,
complete, skip."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from coach_engine.api import Drill, DrillOutcome
from coach_engine.server.deps import Scope, State
from coach_engine.server.responses import RATE_LIMITED, RUNS_QUEUED
from coach_engine.server.schemas import DrillAnswer, DrillGraded, DrillStart, HintOut, TextAnswer

router = APIRouter(prefix="/drills", tags=["drills"])


def _graded(outcome: DrillOutcome) -> DrillGraded:
    run = outcome.run
    return DrillGraded(
        drill=outcome.drill,
        score=outcome.score,
        details=outcome.details,
        verdict=run.verdict if run is not None else None,
        passed=run.passed if run is not None else None,
        total=run.total if run is not None else None,
    )


@router.post(
    "/feedback/{feedback_id}/drills",
    status_code=201,
    response_model=list[Drill],
    responses=RATE_LIMITED,
)
async def generate(feedback_id: str, scope: Scope, server: State) -> list[Drill]:
    """3–5 drills from a completed feedback's weakest criteria (idempotent: the same set
    again). Code drills are verified in the sandbox before they are stored."""
    await scope.feedback.status(feedback_id)  # a foreign id is 404 before it counts
    server.drill_set_limit.check(scope.user_id)
    return await scope.drills.generate(feedback_id)


@router.get("", response_model=list[Drill])
async def list_drills(
    scope: Scope,
    due: Annotated[bool, Query()] = False,
    include_done: Annotated[bool, Query()] = False,
) -> list[Drill]:
    """Open drills (pending, in progress), by due date; ``due``: only those due now;
    ``include_done``: completed and skipped ones too."""
    return await scope.drills.queue(due=due, include_done=include_done)


@router.get("/pending")
async def pending(scope: Scope) -> dict[str, Any]:
    """The drills due now (the daily queue)."""
    drills = await scope.drills.queue(due=True)
    return {"drills": [d.model_dump(mode="json") for d in drills], "total": len(drills)}


@router.get("/{drill_id}", response_model=Drill)
async def get(drill_id: str, scope: Scope) -> Drill:
    return await scope.drills.get(drill_id)


@router.post("/{drill_id}/hints", response_model=HintOut)
async def hint(drill_id: str, scope: Scope) -> HintOut:
    """The next hint; each one lowers the grade of the next answer."""
    return HintOut(drill_id=drill_id, hint=await scope.drills.hint(drill_id))


@router.post("/{drill_id}/start", response_model=DrillStart)
async def start(drill_id: str, scope: Scope) -> DrillStart:
    """What to answer in: a code drill's starter code and language (text drills: empty)."""
    drill, held = await scope.interviews.drill_editor(drill_id)
    return DrillStart(drill_id=drill.id, code=held.code, language=held.language)


@router.post("/{drill_id}/submit", response_model=DrillGraded, responses=RUNS_QUEUED)
async def submit(drill_id: str, body: DrillAnswer, scope: Scope) -> DrillGraded:
    """Grade an answer: code runs against the problem's tests in the sandbox, text is graded
    by the key points it covers. The grade schedules the next review (SM-2)."""
    if body.response_type == "text":
        return _graded(await scope.drills.answer(drill_id, body.response))
    return _graded(await scope.drills.submit_code(drill_id, body.response, body.language))


@router.post("/{drill_id}/complete", response_model=DrillGraded)
async def complete(drill_id: str, body: TextAnswer, scope: Scope) -> DrillGraded:
    """Complete a talk-through drill (concept review, mock scenario, practice question) with
    its written answer."""
    return _graded(await scope.drills.answer(drill_id, body.response))


@router.post("/{drill_id}/skip", response_model=Drill)
async def skip(drill_id: str, scope: Scope) -> Drill:
    return await scope.drills.skip(drill_id)
