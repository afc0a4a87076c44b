"""Read-only queries the TUI needs and the engine's services do not offer (yet).

Everything else goes through ``Engine`` services. The functions marked *engine gap* read the
store directly because there is no service call for them yet; each names the service method that
should replace it, so this module is the one place to change when those land.
"""

from __future__ import annotations

import importlib.util

from coach_engine.engine import Engine
from coach_engine.models import FeedbackRun, InterviewSession
from coach_tui.state import SessionView

UNFINISHED = "created,in_progress,paused,awaiting_feedback"


async def load_view(engine: Engine, session_id: str) -> SessionView:
    """The session with its problem, runs and latest feedback."""
    session = await engine.sessions.get(session_id)
    problem = await engine.interview.problem(session)
    runs = await engine.sessions.runs(session.id)
    return SessionView(session, problem, runs, latest_feedback(engine, session.id))


def latest_feedback(engine: Engine, session_id: str) -> FeedbackRun | None:
    """The session's newest feedback job. Engine gap: ``FeedbackJobs.latest(session_id)``."""
    jobs = engine.store.list_feedback(engine.user.id, session_id)
    return jobs[-1] if jobs else None


async def unfinished_sessions(engine: Engine, limit: int = 5) -> list[InterviewSession]:
    page = await engine.sessions.list_sessions(status=UNFINISHED, sort="-updated_at", limit=limit)
    return page.items


async def recent_sessions(engine: Engine, limit: int = 5) -> list[InterviewSession]:
    page = await engine.sessions.list_sessions(status="completed,cancelled", limit=limit)
    return page.items


async def solved_slugs(engine: Engine) -> set[str]:
    """Problems with a COMPLETED session holding an accepted submission.

    Engine gap: ``SessionService.solved_slugs()`` (one SQL query instead of one per session).
    """
    page = await engine.sessions.list_sessions(status="completed", limit=500)
    solved: set[str] = set()
    for session in page.items:
        if not session.problem_slug or session.problem_slug in solved:
            continue
        runs = await engine.sessions.runs(session.id)
        if any(r.is_submission and r.verdict == "AC" for r in runs):
            solved.add(session.problem_slug)
    return solved


def drills_available(engine: object) -> bool:
    """Drills landed with issue #8; an engine without them gets a clear notice instead."""
    return importlib.util.find_spec("coach_engine.drills") is not None and hasattr(
        type(engine), "drills"
    )
