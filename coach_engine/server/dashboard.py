"""``/dashboard``: the whole dashboard, or its parts as the seed splits them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from coach_engine.api import Dashboard, UserEngine, dashboard as build_dashboard
from coach_engine.server.deps import Scope

router = APIRouter(prefix="/dashboard", tags=["dashboard"])

Tz = Annotated[
    str | None,
    Query(max_length=64, description="IANA time zone for streaks and weeks (default: server's)"),
]


async def _board(scope: UserEngine, tz: str | None) -> Dashboard:
    return await build_dashboard(scope, tz=tz)


@router.get("", response_model=Dashboard)
async def whole(scope: Scope, tz: Tz = None) -> Dashboard:
    return await _board(scope, tz)


@router.get("/stats")
async def stats(scope: Scope, tz: Tz = None) -> dict[str, Any]:
    board = await _board(scope, tz)
    return {
        "overall_score": board.overall_score,
        "interviews_completed": board.interviews_completed,
        "current_streak_days": board.current_streak_days,
        "total_time_hours": board.time_invested_hours,
        "skills_improving": len(board.skills.improving),
        "weakest_area": board.skills.weakest,
        "strongest_area": board.skills.strongest,
        "drills_reviewed": board.drills_reviewed,
    }


@router.get("/recent-sessions")
async def recent_sessions(scope: Scope, tz: Tz = None) -> dict[str, Any]:
    board = await _board(scope, tz)
    return {
        "sessions": [s.model_dump(mode="json") for s in board.recent_sessions],
        "total": board.interviews_completed,
    }


@router.get("/skills")
async def skills(scope: Scope, tz: Tz = None) -> dict[str, Any]:
    board = await _board(scope, tz)
    return board.skills.model_dump(mode="json")


@router.get("/goals")
async def goals(scope: Scope, tz: Tz = None) -> dict[str, Any]:
    board = await _board(scope, tz)
    return {"week": board.week, "goals": [g.model_dump(mode="json") for g in board.goals]}


@router.get("/insight")
async def insight(scope: Scope, tz: Tz = None) -> dict[str, Any]:
    board = await _board(scope, tz)
    return board.insight.model_dump(mode="json")
