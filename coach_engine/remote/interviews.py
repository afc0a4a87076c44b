"""The interview flows over REST (``Interviews`` → ``RemoteInterviews``) and custom test input
(``RemoteCustomInput``); what derives from the problem bank comes from the client's own."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    Drill,
    FeedbackRun,
    InterviewKind,
    InterviewSession,
)
from coach_engine.remote.wire import parse, segment as _sid

if TYPE_CHECKING:
    from coach_engine.custom_input import CheckedInput, CustomRun
    from coach_engine.interviews import EditorCode, SessionSummary
    from coach_engine.problem_catalog import ProblemListing, ProblemStats
    from coach_engine.problem_choice import ProblemFilter
    from coach_engine.protocol_state import SessionView
    from coach_engine.remote.scope import RemoteScope

AUTOSAVE_WAIT_S = 5.0
"""How long an autosave through the WebSocket waits for the server's acknowledgement."""


class RemoteInterviews:
    """``Interviews`` (the interview flows a front end drives) over REST."""

    def __init__(self, engine: RemoteScope) -> None:
        self.engine = engine
        self.http = engine.http

    def _path(self, session_id: str, action: str) -> str:
        return f"/sessions/{_sid(session_id)}/{action}"

    # problems: the bank is the client's own -------------------------------------------------
    def listing(self) -> ProblemListing:
        from coach_engine.problem_catalog import problem_listing

        return problem_listing(self.engine.bank)

    async def problem_stats(self) -> dict[str, ProblemStats]:
        from coach_engine.problem_catalog import ProblemStats

        found: dict[str, ProblemStats] = parse(
            dict[str, ProblemStats], await self.http.get("/interviews/problem-stats")
        )
        return found

    async def solved_slugs(self) -> set[str]:
        return {slug for slug, stats in (await self.problem_stats()).items() if stats.solved}

    # sessions to show ----------------------------------------------------------------------------
    async def unfinished(self, limit: int = 5) -> list[InterviewSession]:
        return parse(
            list[InterviewSession], await self.http.get("/interviews/unfinished", limit=limit)
        )

    async def unfinished_for(self, slug: str) -> InterviewSession | None:
        body = await self.http.get("/interviews/resumable", slug=slug)
        return None if body is None else InterviewSession.model_validate(body)

    async def recent(self, limit: int = 5) -> list[InterviewSession]:
        return parse(list[InterviewSession], await self.http.get("/interviews/recent", limit=limit))

    # starting and opening ------------------------------------------------------------------------
    async def start(
        self,
        slug: str | None = None,
        *,
        filters: ProblemFilter | None = None,
        language: str | None = None,
        kind: InterviewKind = InterviewKind.CODING,
        rng: object = None,
    ) -> InterviewSession:
        """Create a session on the server. Filters: difficulty and topic (a "solved" filter
        is the client's: it draws the problem here from the record the server keeps)."""
        body: dict[str, Any] = {"kind": kind.value, "language": language}
        if slug is None and filters is not None and filters.check().solved:
            from coach_engine.problem_choice import pick

            chosen = filters.check()
            listed = chosen.apply(self.listing().problems, await self.solved_slugs())
            slug = pick(listed, rng).slug  # type: ignore[arg-type]
        if slug is not None:
            body["problem_slug"] = slug
        elif filters is not None:
            chosen = filters.check()
            if chosen.difficulty:
                body["difficulty"] = chosen.difficulty.upper()
            if chosen.topic:
                body["topic"] = chosen.topic
        return InterviewSession.model_validate(await self.http.post("/sessions", body))

    async def feedback_jobs(self, session_id: str) -> list[FeedbackRun]:
        return parse(
            list[FeedbackRun], await self.http.get(self._path(session_id, "feedback-jobs"))
        )

    async def latest_feedback(self, session_id: str) -> FeedbackRun | None:
        jobs = await self.feedback_jobs(session_id)
        return jobs[-1] if jobs else None

    async def latest_completed_feedback(self, session_id: str) -> FeedbackRun:
        from coach_engine.interviews import latest_completed, no_completed_feedback

        done = latest_completed(await self.feedback_jobs(session_id))
        if done is None:
            raise no_completed_feedback(session_id)
        return done

    async def view(self, session_id: str) -> SessionView:
        from coach_engine.protocol_state import SessionView

        body = await self.http.get(self._path(session_id, "view"))
        session = InterviewSession.model_validate(body["session"])
        feedback = body.get("feedback")
        return SessionView(
            session,
            self.engine.problem(session),
            parse(list[CodeRun], body["runs"]),
            None if feedback is None else FeedbackRun.model_validate(feedback),
        )

    async def editor_code(self, session_id: str) -> EditorCode:
        from coach_engine.interviews import EditorCode

        found: EditorCode = parse(EditorCode, await self.http.get(self._path(session_id, "editor")))
        return found

    async def requeue_lost_feedback(self, session_id: str) -> FeedbackRun | None:
        body = await self.http.post(self._path(session_id, "requeue-lost-feedback"))
        return None if body is None else FeedbackRun.model_validate(body)

    async def drill_editor(self, drill_id: str) -> tuple[Drill, EditorCode]:
        from coach_engine.interviews import EditorCode

        drill = Drill.model_validate(await self.http.get(f"/drills/{_sid(drill_id)}"))
        body = await self.http.post(f"/drills/{_sid(drill_id)}/start")
        code, language = str(body["code"]), str(body["language"])
        return drill, EditorCode(code, language, code)

    # saving and leaving --------------------------------------------------------------------------
    async def autosave(self, session_id: str, code: str, language: str) -> CodeSnapshot | None:
        """Save the editor's code while coding (None: nothing saved, or not yet). With the
        session's WebSocket open it goes through the outbox as ``typing`` (the newest code
        replaces unsent older code), so code typed while the link is down is saved when it is
        back; a save not acknowledged within ``AUTOSAVE_WAIT_S`` returns None and stays queued
        (the editor stays "modified" and saves again later)."""
        connection = self.engine.live_connection(session_id)
        if connection is not None:
            sent = await connection.send("typing", {"code": code, "language": language})
            if not await sent.wait(AUTOSAVE_WAIT_S):
                return None
            body = await self.http.get(self._path(session_id, "latest-code"))
            latest = None if body is None else CodeSnapshot.model_validate(body)
            if latest is None or latest.code != code or latest.language != language:
                return None  # not in progress (the engine saves only while coding), or newer
            return latest
        body = await self.http.post(
            self._path(session_id, "autosave"), {"code": code, "language": language}
        )
        return None if body is None else CodeSnapshot.model_validate(body)

    async def leave(
        self, session_id: str, code: str | None = None, language: str | None = None
    ) -> InterviewSession:
        """Save changed code and pause, as locally; then the session's socket is closed —
        opening one (a reconnect too) resumes the interview on the server, which must not
        happen to an interview the candidate left. What its outbox holds is delivered first."""
        await self.engine.drain(session_id)
        body = await self.http.post(
            self._path(session_id, "leave"), {"code": code, "language": language}
        )
        await self.engine.close_connection(session_id)
        return InterviewSession.model_validate(body)

    async def mark_unsaved(self, session_id: str, since: datetime | None) -> None:
        """Best effort: with the server out of reach the editor goes on (the code itself waits
        in the session's outbox); only a later resume's "changes lost" notice misses it."""
        from coach_engine.remote.http import ServerUnreachable

        try:
            await self.http.put(
                self._path(session_id, "unsaved"),
                {"since": None if since is None else since.isoformat()},
            )
        except ServerUnreachable:
            pass

    async def unsaved_work_lost(self, session_id: str) -> datetime | None:
        body = await self.http.post(self._path(session_id, "unsaved-lost"))
        since = body.get("since") if isinstance(body, dict) else None
        return None if since is None else datetime.fromisoformat(since)

    async def switch_language(
        self,
        session_id: str,
        language: str,
        *,
        code: str | None = None,
        previous: str | None = None,
    ) -> EditorCode:
        from coach_engine.interviews import EditorCode

        body = await self.http.post(
            self._path(session_id, "language"),
            {"language": language, "code": code, "previous": previous},
        )
        found: EditorCode = parse(EditorCode, body)
        return found

    # ending --------------------------------------------------------------------------------------
    async def end(
        self, session_id: str, code: str | None = None, language: str | None = None
    ) -> InterviewSession:
        """Complete the session (what its socket's outbox holds is delivered first); the
        socket stays open for the feedback's events."""
        await self.engine.drain(session_id)
        body = await self.http.post(
            self._path(session_id, "complete"), {"code": code, "language": language}
        )
        return InterviewSession.model_validate(body)

    async def summary(self, session_id: str) -> SessionSummary:
        from coach_engine.interviews import SessionSummary

        found: SessionSummary = parse(
            SessionSummary, await self.http.get(self._path(session_id, "summary"))
        )
        return found


class RemoteCustomInput:
    """Custom test input: checked against the client's bank, run on the server."""

    def __init__(self, engine: RemoteScope) -> None:
        self.engine = engine

    def example(self, problem: str) -> str:
        from coach_engine.problems.testcase_input import example_text

        return example_text(self.engine.bank.get(problem))

    def check(self, problem: str, text: str) -> CheckedInput:
        from coach_engine.custom_input import check_input

        return check_input(self.engine.bank.get(problem), text)

    async def run_in_interview(
        self, session_id: str, code: str, language: str, text: str
    ) -> CustomRun:
        from coach_engine.custom_input import CustomRun

        body = await self.engine.http.post(
            f"/sessions/{_sid(session_id)}/custom-run",
            {"code": code, "language": language, "test_input": text},
        )
        found: CustomRun = parse(CustomRun, body)
        return found
