"""The interview flows a front end drives, as one per-user service: ``Interviews``.

Starting an interview (a slug, or a random problem of some filters), reading where it stands
(``SessionView``), what the editor opens with, leaving it (save the code, pause the clock),
switching language (save the old code, the new language's starter), ending it, its summary,
re-queueing a lost feedback job, the latest (completed) feedback, solved problems. The TUI and
the server call these and keep only presentation; talking, running and submitting stay on
``InterviewService``.

The service reads everything through the scope's user-scoped services (``sessions``,
``interview``, ``feedback``), so it sees and changes only its user's data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from coach_engine.errors import LifecycleError, ValidationError
from coach_engine.models import (
    CodeSnapshot,
    Difficulty,
    Drill,
    FeedbackRun,
    FeedbackStatus,
    InterviewKind,
    InterviewSession,
    SessionCreate,
    SessionStatus,
    SnapshotReason,
)
from coach_engine.problem_catalog import (
    ProblemListing,
    ProblemStats,
    problem_listing,
    problem_stats,
)
from coach_engine.problem_choice import ProblemFilter, pick
from coach_engine.protocol_state import FINISHED, SessionView

if TYPE_CHECKING:
    from coach_engine.config import Config
    from coach_engine.drills.service import DrillService
    from coach_engine.feedback_jobs import FeedbackJobs
    from coach_engine.interview import InterviewService
    from coach_engine.problems import Problem, ProblemBank
    from coach_engine.sessions import SessionService

UNFINISHED = "created,in_progress,paused,awaiting_feedback"
RESUMABLE = "created,in_progress,paused"
"""Sessions a candidate can still code in: offered before a second start on the same problem."""
RESUMABLE_SCAN = 200
"""Resumable sessions read to find one on a problem (most recently touched first)."""
UNSAVED_SINCE = "editor_unsaved_since"
"""Session metadata: when the editor's unsaved changes began (ISO time), or None."""
SOLVED_SCAN_LIMIT = 500
"""Completed sessions read to find solved problems (newest first)."""


class InterviewScope(Protocol):
    """What ``Interviews`` needs of a user's scope (the engine or a ``UserEngine``)."""

    @property
    def sessions(self) -> SessionService: ...
    @property
    def interview(self) -> InterviewService: ...
    @property
    def feedback(self) -> FeedbackJobs: ...
    @property
    def drills(self) -> DrillService: ...
    @property
    def bank(self) -> ProblemBank: ...
    @property
    def config(self) -> Config: ...


@dataclass(frozen=True)
class EditorCode:
    """What the editor holds: the code, its language, that language's starter (to tell
    "modified" from "untouched") and when it was saved (None: never, it is the starter)."""

    code: str
    language: str
    starter: str
    saved_at: datetime | None = None


@dataclass(frozen=True)
class SessionSummary:
    """The figures of an interview's summary (a front end lays them out)."""

    session: InterviewSession
    problem_title: str
    problem_difficulty: str
    time_spent_s: float
    score: int | None
    runs: int
    """Runs of the visible tests (submissions not counted)."""
    submissions: int
    best_run: tuple[int, int] | None
    """(passed, total) of the run or submission with the best pass rate."""
    final_submission: tuple[str, int, int] | None
    """(verdict, passed, total) of the last submission."""
    feedback_status: str
    weak_areas: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Interviews:
    """One user's interview flows (see the module docstring)."""

    def __init__(self, scope: InterviewScope) -> None:
        self.scope = scope

    @property
    def sessions(self) -> SessionService:
        return self.scope.sessions

    # problems ----------------------------------------------------------------------------------
    async def solved_slugs(self) -> set[str]:
        """Problems with a COMPLETED session holding an accepted submission."""
        page = await self.sessions.list_sessions(status="completed", limit=SOLVED_SCAN_LIMIT)
        solved: set[str] = set()
        for session in page.items:
            if not session.problem_slug or session.problem_slug in solved:
                continue
            runs = await self.sessions.runs(session.id)
            if any(r.is_submission and r.verdict == "AC" for r in runs):
                solved.add(session.problem_slug)
        return solved

    async def problem_stats(self) -> dict[str, ProblemStats]:
        """slug → this user's record on it (last attempted, submissions, accepted, solved) from
        the newest ``SOLVED_SCAN_LIMIT`` sessions: what a listing sorts by and marks ✓."""
        page = await self.sessions.list_sessions(sort="-updated_at", limit=SOLVED_SCAN_LIMIT)
        history = [(s, await self.sessions.runs(s.id)) for s in page.items if s.problem_slug]
        return problem_stats(history)

    def listing(self) -> ProblemListing:
        """The bank's problems summarised, with the difficulties and tags to filter by, from the
        cached index (``problem_catalog``): what a problem list shows, without parsing every
        problem. A problem is loaded in full when it is started or opened.

        Raises:
            ProblemError: an invalid problem (when the index is rebuilt).
        """
        return problem_listing(self.scope.bank)

    async def problems(self, filters: ProblemFilter | None = None) -> list[Problem]:
        """The bank's problems matching ``filters`` (all without)."""
        problems = self.scope.bank.list()
        if filters is None:
            return problems
        return filters.check().apply(problems, await self.solved_slugs())

    # sessions to show --------------------------------------------------------------------------
    async def unfinished(self, limit: int = 5) -> list[InterviewSession]:
        """Sessions to resume, most recently touched first."""
        page = await self.sessions.list_sessions(status=UNFINISHED, sort="-updated_at", limit=limit)
        return page.items

    async def unfinished_for(self, slug: str) -> InterviewSession | None:
        """The most recently touched interview on ``slug`` the candidate can still work in
        (created, in progress or paused), or None. Front ends offer to resume it before
        starting a second one on the same problem (QA #20); one that awaits its feedback has
        ended and is not offered."""
        page = await self.sessions.list_sessions(
            status=RESUMABLE, sort="-updated_at", limit=RESUMABLE_SCAN
        )
        return next((s for s in page.items if s.problem_slug == slug), None)

    async def recent(self, limit: int = 5) -> list[InterviewSession]:
        """Finished sessions, newest first."""
        page = await self.sessions.list_sessions(status="completed,cancelled", limit=limit)
        return page.items

    # starting and opening ----------------------------------------------------------------------
    async def start(
        self,
        slug: str | None = None,
        *,
        filters: ProblemFilter | None = None,
        language: str | None = None,
        kind: InterviewKind = InterviewKind.CODING,
        rng: random.Random | None = None,
    ) -> InterviewSession:
        """Create a session on ``slug``, or on a random problem matching ``filters``.

        The language defaults to ``interview.language`` of the config, the length to
        ``interview.duration_minutes``. The session is CREATED; opening it starts the clock.

        Raises:
            ValidationError: unknown problem or language, or no problem matches the filters.
        """
        config = self.scope.config.interview
        language = language or config.language
        if slug is not None:
            problem = self.scope.bank.get(slug)
        else:
            chosen = (filters or ProblemFilter()).check()
            solved = await self.solved_slugs() if chosen.solved else set()
            listed = chosen.apply(self.listing().problems, solved)
            problem = self.scope.bank.get(pick(listed, rng).slug)  # only the drawn one parsed
        problem.starter(language)  # an unknown language fails here, before a session exists
        return await self.sessions.create(
            SessionCreate(
                kind=kind,
                problem_slug=problem.slug,
                topic=problem.tags[0],
                difficulty=Difficulty(problem.difficulty.upper()),
                language=language,
                duration_minutes=config.duration_minutes,
                role=None,
            )
        )

    async def feedback_jobs(self, session_id: str) -> list[FeedbackRun]:
        """The session's feedback jobs, oldest first."""
        return await self.scope.feedback.for_session(session_id)

    async def latest_feedback(self, session_id: str) -> FeedbackRun | None:
        """The session's newest feedback job, whatever its status."""
        jobs = await self.feedback_jobs(session_id)
        return jobs[-1] if jobs else None

    async def latest_completed_feedback(self, session_id: str) -> FeedbackRun:
        """The newest COMPLETED feedback of the session (what drills are generated from).

        Raises:
            ValidationError: the session has no completed feedback yet.
        """
        done = latest_completed(await self.feedback_jobs(session_id))
        if done is None:
            raise no_completed_feedback((await self.sessions.get(session_id)).id)
        return done

    async def view(self, session_id: str) -> SessionView:
        """The session with its problem, runs and latest feedback job."""
        session = await self.sessions.get(session_id)
        problem = await self.scope.interview.problem(session)
        runs = await self.sessions.runs(session.id)
        return SessionView(session, problem, runs, await self.latest_feedback(session.id))

    async def editor_code(self, session_id: str) -> EditorCode:
        """What the editor opens with: the latest saved code (autosave, run, submission,
        language switch), or the starter of the session's language when nothing was saved."""
        session = await self.sessions.get(session_id)
        problem = await self.scope.interview.problem(session)
        snapshot = await self.sessions.latest_code(session.id)
        if snapshot is not None:
            starter = problem.starter(snapshot.language)
            return EditorCode(snapshot.code, snapshot.language, starter, snapshot.created_at)
        starter = problem.starter(session.language)
        return EditorCode(starter, session.language, starter)

    async def requeue_lost_feedback(self, session_id: str) -> FeedbackRun | None:
        """A session AWAITING_FEEDBACK without any feedback job (the process died between the
        submission and the request): queue one and return it. Otherwise None — a job exists
        (follow it through ``latest_feedback`` and ``feedback`` events) or none is due."""
        session = await self.sessions.get(session_id)
        if session.status != SessionStatus.AWAITING_FEEDBACK:
            return None
        if await self.latest_feedback(session.id) is not None:
            return None
        return await self.scope.interview.request_feedback(session.id)

    async def drill_editor(self, drill_id: str) -> tuple[Drill, EditorCode]:
        """A drill and what its code editor opens with: the starter of the drill's problem in
        the drill's language (``interview.language`` of the config when it names none). A drill
        without a problem (a written answer) opens on an empty editor."""
        drill = await self.scope.drills.get(drill_id)
        language = drill.language or self.scope.config.interview.language
        starter = ""
        if drill.problem_slug:
            starter = self.scope.bank.get(drill.problem_slug).starter(language)
        return drill, EditorCode(starter, language, starter)

    # saving and leaving ------------------------------------------------------------------------
    async def _unchanged(self, session: InterviewSession, code: str, language: str) -> bool:
        """``code`` is what is already stored (or the untouched starter of a fresh session)."""
        snapshot = await self.sessions.latest_code(session.id)
        if snapshot is not None:
            return snapshot.code == code and snapshot.language == language
        problem = await self.scope.interview.problem(session)
        return language == session.language and code == problem.starter(language)

    async def save_if_changed(
        self, session_id: str, code: str, language: str, reason: SnapshotReason
    ) -> CodeSnapshot | None:
        """Save the editor's code unless it is already stored; the snapshot, or None."""
        session = await self.sessions.get(session_id)
        if await self._unchanged(session, code, language):
            return None
        return await self.sessions.save_code(session.id, code, language, reason)

    async def autosave(self, session_id: str, code: str, language: str) -> CodeSnapshot | None:
        """Periodic save while coding. Only IN_PROGRESS: after a submission the stored code is
        what the judge reads, and a finished session's code is final."""
        session = await self.sessions.get(session_id)
        if session.status != SessionStatus.IN_PROGRESS:
            return None
        return await self.save_if_changed(session.id, code, language, SnapshotReason.AUTOSAVE)

    async def leave(
        self, session_id: str, code: str | None = None, language: str | None = None
    ) -> InterviewSession:
        """The candidate leaves (quits, goes home): save changed code, pause a running clock.

        Any other state is left as it is, so leaving is always safe to call."""
        session = await self.sessions.get(session_id)
        if code is not None and session.status not in FINISHED:
            await self.save_if_changed(
                session.id, code, language or session.language, SnapshotReason.AUTOSAVE
            )
            await self.mark_unsaved(session.id, None)  # what the editor holds is stored
        session = await self.sessions.get(session.id)
        if session.status == SessionStatus.IN_PROGRESS:
            try:
                session = await self.sessions.pause(session.id)
            except LifecycleError:
                # It moved on meanwhile (a submission finished); nothing to pause.
                session = await self.sessions.get(session.id)
        return session

    async def mark_unsaved(self, session_id: str, since: datetime | None) -> None:
        """Record that the editor holds changes, made from ``since`` on, that no save has stored
        yet (``None``: it holds what is stored). A front end calls it when its editor turns
        modified (and back), not on every keystroke; a crash, or an autosave that failed
        (full disk, damaged database) before it, leaves the mark newer than the latest save, and
        ``unsaved_work_lost`` tells the resumed interview so."""
        value = None if since is None else since.isoformat()
        session = await self.sessions.get(session_id)  # another user's looks missing
        await self.sessions.store.merge_session_metadata(
            self.sessions.user_id, session.id, {UNSAVED_SINCE: value}
        )

    async def unsaved_work_lost(self, session_id: str) -> datetime | None:
        """On resume: when the editor last held changes that no later save stored (they could
        not be restored), the moment they began; ``None`` when everything was saved. The mark
        is cleared, so it is said once."""
        session = await self.sessions.get(session_id)
        raw = session.session_metadata.get(UNSAVED_SINCE)
        if not raw:
            return None
        await self.mark_unsaved(session.id, None)
        since = datetime.fromisoformat(raw)
        snapshot = await self.sessions.latest_code(session.id)
        if snapshot is not None and snapshot.created_at >= since:
            return None
        return since

    async def switch_language(
        self,
        session_id: str,
        language: str,
        *,
        code: str | None = None,
        previous: str | None = None,
    ) -> EditorCode:
        """Switch the editor to ``language``: ``code`` (written in ``previous``) is saved first
        unless it is empty or that language's untouched starter, then the new language's
        starter is saved, so a reopened session shows it. Returns the new editor content.

        Raises:
            ValidationError: unknown language, or the session is not IN_PROGRESS.
        """
        session = await self.sessions.get(session_id)
        if session.status != SessionStatus.IN_PROGRESS:
            raise ValidationError(
                f"session {session.id[:8]} is {session.status.value}; resume it to change "
                "the language",
                title="Interview not in progress",
            )
        problem = await self.scope.interview.problem(session)
        starter = problem.starter(language)  # unknown language: ValidationError, nothing saved
        if code is not None and previous is not None:
            old_starter = problem.starter(previous)
            if code.strip() and code.strip() != old_starter.strip():
                await self.sessions.save_code(session.id, code, previous, SnapshotReason.MANUAL)
        snapshot = await self.sessions.save_code(
            session.id, starter, language, SnapshotReason.MANUAL
        )
        return EditorCode(starter, language, starter, snapshot.created_at)

    # ending ------------------------------------------------------------------------------------
    async def end(
        self, session_id: str, code: str | None = None, language: str | None = None
    ) -> InterviewSession:
        """Complete the session from whatever unfinished state it is in, saving changed
        ``code`` first: ending is what closes submissions. Feedback already requested still
        arrives, and feedback still due (something submitted since the last request) is
        queued. A finished session is returned unchanged."""
        session = await self.sessions.get(session_id)
        if session.status in FINISHED:
            return session
        if code is not None:
            await self.save_if_changed(
                session.id, code, language or session.language, SnapshotReason.MANUAL
            )
        if session.status == SessionStatus.CREATED:
            session = await self.sessions.start(session.id)
        if session.status == SessionStatus.PAUSED:
            session = await self.sessions.resume(session.id)
        if session.status in (SessionStatus.IN_PROGRESS, SessionStatus.AWAITING_FEEDBACK):
            session = await self.sessions.complete(session.id)
            await self.scope.interview.feedback_on_end(session.id)
        return session

    async def summary(self, session_id: str) -> SessionSummary:
        """What happened in the session, for its summary screen or page."""
        view = await self.view(session_id)
        notes = await self.sessions.notes(view.session.id)
        s = view.session
        submissions = [r for r in view.runs if r.is_submission]
        best = max(view.runs, key=lambda r: (r.passed / r.total) if r.total else 0, default=None)
        final = submissions[-1] if submissions else None
        return SessionSummary(
            session=s,
            problem_title=view.problem.title,
            problem_difficulty=view.problem.difficulty,
            time_spent_s=s.active_seconds or s.elapsed_seconds(),
            score=view.score,
            runs=len(view.runs) - len(submissions),
            submissions=len(submissions),
            best_run=(best.passed, best.total) if best else None,
            final_submission=(final.verdict, final.passed, final.total) if final else None,
            feedback_status=view.feedback_status(),
            weak_areas=view.weak_areas,
            notes=[n.content for n in notes],
        )


def latest_completed(jobs: list[FeedbackRun]) -> FeedbackRun | None:
    """The newest COMPLETED job of ``jobs`` (oldest first), if any: the rule the local engine and
    the remote client (``coach_engine.remote``) share."""
    return next((j for j in reversed(jobs) if j.status == FeedbackStatus.COMPLETED), None)


def no_completed_feedback(session_id: str) -> ValidationError:
    return ValidationError(
        f"session {session_id[:8]} has no completed feedback; submit and get feedback first",
        title="No feedback yet",
    )
