"""Drills and feedback jobs over REST: ``DrillService`` (``RemoteDrills``) and ``FeedbackJobs``
(``RemoteFeedback``); the jobs and the grading run on the server."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach_engine.models import Drill, FeedbackRun
from coach_engine.remote.http import RemoteHttp
from coach_engine.remote.wire import parse, segment as _sid

if TYPE_CHECKING:
    from coach_engine.drills.service import DrillOutcome


class RemoteFeedback:
    """``FeedbackJobs`` over REST (the jobs run on the server)."""

    def __init__(self, http: RemoteHttp) -> None:
        self.http = http

    async def resume(self) -> list[str]:
        return []  # the server resumes its own lost jobs when it starts

    async def for_session(self, session_id: str) -> list[FeedbackRun]:
        body = await self.http.get(f"/sessions/{_sid(session_id)}/feedback-jobs")
        return parse(list[FeedbackRun], body)

    async def request(self, session_id: str) -> FeedbackRun:
        body = await self.http.post(f"/sessions/{_sid(session_id)}/request-feedback")
        return FeedbackRun.model_validate(body)


class RemoteDrills:
    """``DrillService`` over REST."""

    def __init__(self, http: RemoteHttp) -> None:
        self.http = http

    async def generate(self, feedback_id: str) -> list[Drill]:
        return parse(
            list[Drill], await self.http.post(f"/drills/feedback/{_sid(feedback_id)}/drills")
        )

    async def queue(self, *, due: bool = False, include_done: bool = False) -> list[Drill]:
        body = await self.http.get("/drills", due=due, include_done=include_done)
        return parse(list[Drill], body)

    async def get(self, drill_id: str) -> Drill:
        return Drill.model_validate(await self.http.get(f"/drills/{_sid(drill_id)}"))

    async def hint(self, drill_id: str) -> str:
        return str((await self.http.post(f"/drills/{_sid(drill_id)}/hints"))["hint"])

    async def skip(self, drill_id: str) -> Drill:
        return Drill.model_validate(await self.http.post(f"/drills/{_sid(drill_id)}/skip"))

    async def _graded(self, drill_id: str, body: dict[str, Any]) -> DrillOutcome:
        from coach_engine.drills.service import DrillOutcome

        graded = await self.http.post(f"/drills/{_sid(drill_id)}/submit", body)
        details = [str(d) for d in graded.get("details", [])]
        if graded.get("verdict") is not None:  # the run itself stays on the server
            details.insert(0, f"{graded['verdict']} — {graded['passed']}/{graded['total']} tests")
        return DrillOutcome(
            drill=Drill.model_validate(graded["drill"]), score=int(graded["score"]), details=details
        )

    async def answer(self, drill_id: str, text: str) -> DrillOutcome:
        return await self._graded(drill_id, {"response": text, "response_type": "text"})

    async def submit_code(
        self, drill_id: str, code: str, language: str | None = None
    ) -> DrillOutcome:
        return await self._graded(
            drill_id, {"response": code, "response_type": "code", "language": language}
        )
