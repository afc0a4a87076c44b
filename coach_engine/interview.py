"""The interview loop: talk, run, submit, hints, reveals — the engine API the TUI and server call.

Every interviewer turn is streamed: each chunk is an ``ai_token`` event, the finished text a
stored AI message and an ``ai_message_complete`` event. Runs go to the sandbox in a worker thread
(the event loop never blocks), are stored with per-test results (``code_result`` event) and
get a reaction from the interviewer. When a provider fails mid-interview and fallback is allowed,
the offline interviewer takes over *for that session only* (remembered in its metadata, so it
survives a restart and never spreads to other sessions or users) and an ``error`` event on that
session says why.

Submissions are attempts, as on LeetCode: each is kept (``submissions``), a failed one leaves
the interview open for runs, chat, reveals and more submissions, an accepted one queues its
feedback while the interview goes on, and ending the interview (``Interviews.end``) is what
closes submissions; ``feedback_on_end`` then queues the feedback still due.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from coach_engine.clock import SILENCE_NUDGE_S, TIME_UP_KEY, Cue, InterviewClocks, due
from coach_engine.errors import (
    CoachError,
    LifecycleError,
    ProviderError,
    StoreError,
    ValidationError,
)
from coach_engine.events import (
    AiMessageCompleteData,
    AiMessageCompleteEvent,
    AiTokenData,
    AiTokenEvent,
    ErrorData,
    ErrorEvent,
    EventBus,
    InterviewHintData,
    InterviewHintEvent,
    RunQueuedData,
    RunQueuedEvent,
)
from coach_engine.feedback_jobs import FeedbackJobs
from coach_engine.inputs import check_code
from coach_engine.interviewer.base import HINT_LEVELS, Context, Interviewer, RevealStep
from coach_engine.interviewer.offline import OfflineInterviewer
from coach_engine.judge.costs import REVEAL_PRICE
from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    ContentType,
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    Message,
    Role,
    SessionStatus,
    SnapshotReason,
    TestOutcome,
    new_id,
    utcnow,
)
from coach_engine.problems import ProblemBank
from coach_engine.problems.problem import Problem
from coach_engine.run_queue import RunScope, finish_or_drop, offload_run, thread_notify
from coach_engine.sessions import SessionService
from coach_engine.store.base import Store
from coach_engine.submissions import Submission, graded_submission, submissions_of
from sandbox.spec import RunRequest, RunResult

log = logging.getLogger(__name__)
FAILED = FeedbackStatus.FAILED

SandboxRunner = Callable[[RunRequest], RunResult]
REVEAL_STEPS = 4
CAS_ATTEMPTS = 50
"""Compare-and-set retries before giving up: each loss means another writer made progress."""
FALLBACK_KEY = "interviewer_fallback"
"""Session metadata key: why this session's interviewer fell back to offline."""
SAID_KEY = "last_user_at"
"""Session metadata key: the timestamp of the candidate's latest message (the clock reads it to
know that no silence nudge can be due without reading the transcript)."""

_Rows = tuple[InterviewSession, CodeSnapshot | None, list[CodeRun], list[Message]]


def _turn_rows(store: Store, user_id: str, session_id: str, said: str | None) -> _Rows:
    """What a turn reads — the session, its latest code, its runs and messages — in one store
    worker hop (each hop is a thread switch and a GIL hand-over on the event loop; a chat
    message used to take eight). With ``said``, the candidate's message is stored first and its
    time noted (``SAID_KEY``). Runs in a store worker thread."""
    sid = store.resolve_session_id(user_id, session_id)
    if said is not None:
        message = store.add_message(
            Message(session_id=sid, user_id=user_id, role=Role.USER, content=said)
        )
        store.merge_session_metadata(user_id, sid, {SAID_KEY: message.timestamp.isoformat()})
    return (
        store.get_session(user_id, sid),
        store.latest_snapshot(user_id, sid),
        store.list_runs(user_id, sid),
        store.list_messages(user_id, sid),
    )


def _transcript_matters(session: InterviewSession, now: datetime) -> bool:
    """Whether the clock's ``due`` at ``now`` needs the session's messages: only for a silence
    nudge that may be due, i.e. when neither the interview's (re)start nor the candidate's
    latest message (``SAID_KEY``) is less than ``SILENCE_NUDGE_S`` ago. Time-up and the warning
    are read from the session alone."""
    if session.status != SessionStatus.IN_PROGRESS or session.session_metadata.get(TIME_UP_KEY):
        return False
    early = due(session, [], now)
    if early is not None and early.cue != Cue.NUDGE:
        return False
    known = [t for t in (session.started_at, session.resumed_at) if t is not None]
    said = session.session_metadata.get(SAID_KEY)
    if isinstance(said, str):
        try:
            known.append(datetime.fromisoformat(said))
        except ValueError:
            pass
    return not known or (now - max(known)).total_seconds() >= SILENCE_NUDGE_S


def _clock_rows(
    store: Store, user_id: str, session_id: str, now: datetime
) -> tuple[InterviewSession, list[Message] | None]:
    """The session and, when a nudge may be due, its messages (None: no nudge can be due): one
    store hop per clock step, and no transcript read for an interview whose candidate spoke
    recently (a server steps every interview every few seconds). Runs in a store worker
    thread."""
    session = store.get_session(user_id, store.resolve_session_id(user_id, session_id))
    if not _transcript_matters(session, now):
        return session, None
    return session, store.list_messages(user_id, session.id)


def _default_runner(request: RunRequest) -> RunResult:
    from sandbox.runner import run

    return run(request)


def to_code_run(session: InterviewSession, code: str, result: RunResult, submit: bool) -> CodeRun:
    return CodeRun(
        session_id=session.id,
        user_id=session.user_id,
        is_submission=submit,
        language=result.language,
        code=code,
        verdict=result.verdict.value,
        passed=result.passed,
        total=result.total,
        compile_ms=result.compile_ms,
        tests=[
            TestOutcome.model_validate(  # the fields we store; the sandbox may measure more
                {**t.model_dump(include=set(TestOutcome.model_fields)), "verdict": t.verdict.value}
                | ({"stderr": result.compile_output} if result.verdict == "CE" else {})
            )
            for t in result.tests
        ],
    )


@dataclass(frozen=True)
class RevealOffer:
    """The next reveal step of a failing hidden test the results don't show (1-based
    ``test_number``), and whether taking it is charged (``price``); at the last step a reveal
    repeats it for free."""

    test_number: int
    step: int
    charged: bool
    price: str


def _unshown_failures(run: CodeRun) -> list[TestOutcome]:
    """The failing hidden tests of a submission its results don't show: all but the first
    (whose input, expected and actual the table shows, as LeetCode does; PRODUCT.md §4)."""
    return [t for t in run.tests if t.hidden and t.verdict != "AC"][1:]


def _advance_reveal(store: Store, session: InterviewSession, key: str) -> int:
    """Take the next reveal step of one failing hidden test (metadata ``key``) and count the
    reveal; returns the step. Runs in a store worker thread.

    The ladder belongs to the test, not the submission: a resubmission that fails the same
    hidden test goes on from the step already seen instead of charging for it again, and asking
    again at the last step repeats it without a new charge (a reveal is priced per new step).

    The step is a read-modify-write of the session's metadata, so it is a compare-and-set on
    the whole metadata, retried when another writer (a second reveal, a reply, the clock)
    changed it first: two reveals at once are two different steps, never the same one twice.
    """
    for _ in range(CAS_ATTEMPTS):
        meta = store.get_session(session.user_id, session.id).session_metadata
        seen = int(meta.get(key, 0))
        step = min(seen + 1, REVEAL_STEPS)
        if step == seen:
            return step
        if store.update_session_if(
            session.user_id,
            session.id,
            expected={"session_metadata": meta},
            changes={"session_metadata": {**meta, key: step}},
        ):
            store.increment_session_counter(session.user_id, session.id, "reveals_used")
            return step
    raise StoreError(
        f"session {session.id[:8]} kept changing while a reveal was taken; try again",
        title="Session busy",
    )


class InterviewService:
    """One user's interviews. Collaborators are injected; ``Engine`` builds the defaults."""

    def __init__(
        self,
        sessions: SessionService,
        events: EventBus,
        bank: ProblemBank,
        interviewer: Interviewer | Callable[[], Interviewer | None] | None = None,
        *,
        runner: SandboxRunner | None = None,
        feedback: FeedbackJobs | None = None,
        fallback_offline: bool = True,
        clocks: InterviewClocks | None = None,
    ) -> None:
        self.sessions = sessions
        self.events = events
        self.bank = bank
        # A callable is asked at each turn: the provider may connect after this service exists.
        self._configured = interviewer
        self._offline = OfflineInterviewer()  # stateless: safe to share between sessions
        self.runner = runner or _default_runner
        self.feedback = feedback
        self.fallback_offline = fallback_offline
        self.clocks = clocks
        """Runs each interview's clock (nudges, warning, time-up); None: only ``tick`` by hand."""

    # context ---------------------------------------------------------------------------------
    async def problem(self, session: InterviewSession) -> Problem:
        if not session.problem_slug:
            raise ValidationError(f"session {session.id[:8]} has no problem")
        return self.bank.get(session.problem_slug)

    async def context(self, session_id: str, *, said: str | None = None) -> Context:
        """What the interviewer knows now (read in one store hop); with ``said``, the
        candidate's message is stored first."""
        session, code, runs, messages = await self.sessions.store.run(
            _turn_rows, self.sessions.store.store, self.sessions.user_id, session_id, said
        )
        return Context(
            problem=await self.problem(session),
            session=session,
            messages=messages,
            code=code.code if code else "",
            last_run=runs[-1] if runs else None,
            elapsed_s=session.elapsed_seconds(),
        )

    # speaking --------------------------------------------------------------------------------
    def interviewer_for(self, session: InterviewSession) -> Interviewer:
        """Who speaks in ``session``: the offline interviewer once that session fell back, else
        the configured one (offline when none is)."""
        if session.session_metadata.get(FALLBACK_KEY):
            return self._offline
        configured = self._configured
        if configured is not None and not isinstance(configured, Interviewer):
            configured = configured()
        return configured or self._offline

    async def _speak(
        self,
        session_id: str,
        produce: Callable[[Interviewer], AsyncIterator[str]],
        content_type: ContentType = ContentType.TEXT,
        session: InterviewSession | None = None,
    ) -> Message:
        """Stream what ``produce`` says and store it; ``session`` as just read (saves a read)."""
        message_id = new_id()
        parts: list[str] = []
        if session is None:
            session = await self.sessions.get(session_id)
        interviewer = self.interviewer_for(session)
        try:
            async for chunk in produce(interviewer):
                parts.append(chunk)
                self.events.publish(
                    AiTokenEvent(
                        data=AiTokenData(
                            session_id=session_id,
                            token=chunk,
                            message_id=message_id,
                            content_type=content_type,
                        )
                    )
                )
        except ProviderError as exc:
            if not self.fallback_offline or isinstance(interviewer, OfflineInterviewer):
                raise
            log.warning("provider failed in session %s: %s", session.id, exc.message)
            # This session only: other sessions keep their interviewer.
            await self._remember(session, **{FALLBACK_KEY: exc.message})
            self.events.publish(
                ErrorEvent(
                    data=ErrorData(
                        session_id=session.id,
                        title=exc.title,
                        message=(
                            f"{exc.message} — the offline interviewer takes over "
                            f"for session {session.id[:8]}."
                        ),
                    )
                )
            )
            parts = []
            async for chunk in produce(self._offline):
                parts.append(chunk)
                self.events.publish(
                    AiTokenEvent(
                        data=AiTokenData(
                            session_id=session_id,
                            token=chunk,
                            message_id=message_id,
                            content_type=content_type,
                        )
                    )
                )
        text = "".join(parts).strip()
        message = await self.sessions.add_message(session_id, Role.AI, text, content_type)
        self.events.publish(
            AiMessageCompleteEvent(
                data=AiMessageCompleteData(
                    session_id=session_id,
                    message_id=message_id,
                    stored_id=message.id,
                    full_content=text,
                    content_type=content_type,
                )
            )
        )
        return message

    # the loop --------------------------------------------------------------------------------
    async def begin(self, session_id: str) -> Message | None:
        """Start (or resume) the interview; greet if nothing has been said yet."""
        session = await self.sessions.get(session_id)
        if session.status == SessionStatus.CREATED:
            session = await self.sessions.start(session.id)
        elif session.status in (SessionStatus.PAUSED, SessionStatus.AWAITING_FEEDBACK):
            session = await self.sessions.resume(session.id)
        self._watch(session.id)
        if await self.sessions.messages(session.id):
            return None
        ctx = await self.context(session.id)
        return await self._speak(session.id, lambda i: i.greet(ctx))

    async def send(self, session_id: str, text: str) -> Message:
        """The candidate says something; the interviewer answers (streamed)."""
        if not text.strip():
            raise ValidationError("an empty message was not sent")
        ctx = await self.context(session_id, said=text.strip())  # stored, then read back
        return await self._speak(
            ctx.session.id, lambda i: i.reply(ctx, text.strip()), session=ctx.session
        )

    async def hint(self, session_id: str) -> Message:
        """The next hint of the ladder; each one used costs score in the feedback."""
        ctx = await self.context(session_id)
        # Counted atomically in the store: two hints asked at once are two levels, not one.
        counted = await self.sessions.store.increment_session_counter(
            self.sessions.user_id, ctx.session.id, "hints_used", ceiling=HINT_LEVELS
        )
        level = counted if counted is not None else max(ctx.session.hints_used, HINT_LEVELS) + 1
        hint = InterviewHintData(
            session_id=ctx.session.id, level=level, hints_used=min(level, HINT_LEVELS)
        )
        self.events.publish(InterviewHintEvent(data=hint))
        return await self._speak(ctx.session.id, lambda i: i.hint(ctx, level), ContentType.HINT)

    async def reveal_offer(self, session_id: str) -> RevealOffer:
        """What the next reveal would show and whether it is charged, without taking it, so a
        front end can ask "Reveal costs … — y/n" first (the step itself is taken by ``reveal``).

        Raises:
            ValidationError: nothing to reveal (no submission, or no failing hidden test the
                results do not already show).
        """
        ctx = await self.context(session_id)
        runs = [r for r in await self.sessions.runs(ctx.session.id) if r.is_submission]
        failing = self._unshown_failing(runs)
        seen = int(ctx.session.session_metadata.get(f"reveal:{failing.index}", 0))
        return RevealOffer(
            test_number=failing.index + 1,
            step=min(seen + 1, REVEAL_STEPS),
            charged=seen < REVEAL_STEPS,
            price=REVEAL_PRICE,
        )

    async def reveal(self, session_id: str) -> Message:
        """Reveal one more step of a failing hidden test of the latest submission that its
        results do not already show — during the interview (after a failed submission) as
        after it. Each new step is priced (``reveals_used`` costs score, ``judge/costs.py``)
        and recorded in the session.

        What the results show is free (PRODUCT.md §4): the first failing hidden test's input,
        expected and actual are in the submission's table, so the ladder starts at the next
        failing hidden test, and its "smallest failing input" step picks among the tests not
        shown either."""
        ctx = await self.context(session_id)
        runs = [r for r in await self.sessions.runs(ctx.session.id) if r.is_submission]
        failing = self._unshown_failing(runs)
        step = await self.sessions.store.run(
            _advance_reveal, self.sessions.store.store, ctx.session, f"reveal:{failing.index}"
        )
        all_tests = ctx.problem.tests().all()
        case = all_tests[failing.index]
        smallest = self._smallest_failing(_unshown_failures(runs[-1]), all_tests)
        reveal = RevealStep(
            step, failing, case.args, case.expected, smallest.args, smallest.expected
        )
        return await self._speak(ctx.session.id, lambda i: i.reveal(ctx, reveal), ContentType.HINT)

    @staticmethod
    def _unshown_failing(runs: list[CodeRun]) -> TestOutcome:
        """The failing hidden test the ladder reveals: the first one the results don't show."""
        unshown = _unshown_failures(runs[-1]) if runs else []
        if not unshown:
            raise ValidationError(
                "nothing to reveal: submit first; reveals show a failing hidden test"
                if not runs
                else "nothing to reveal: the results already show the latest submission's "
                "failing hidden test (input, expected and actual), free"
                if any(t.hidden and t.verdict != "AC" for t in runs[-1].tests)
                else "nothing to reveal: the latest submission fails no hidden test",
                title="No failing hidden test",
            )
        return unshown[0]

    @staticmethod
    def _smallest_failing(failed: list[TestOutcome], tests: list[Any]) -> Any:
        cases = [tests[t.index] for t in failed if t.index < len(tests)]
        return min(cases, key=lambda t: len(json.dumps(t.args)))

    async def run(
        self, session_id: str, code: str, language: str, *, submit: bool = False
    ) -> CodeRun:
        """Run (visible tests) or submit (all tests) the code; store it; let the interviewer
        react. A submission is an attempt: the session stays IN_PROGRESS whatever its verdict
        (submit again after a fix), and an accepted one queues its feedback.

        Raises:
            LifecycleError: a submission to a session not in progress (ended, paused…).
            ValidationError: a run in a session not in progress; code too large.
        """
        check_code(code)  # before the sandbox and the judge's static analysis see it
        session = await self.sessions.get(session_id)
        if submit:
            await self._may_submit(session)
        elif session.status != SessionStatus.IN_PROGRESS:
            raise ValidationError(
                f"session {session.id[:8]} is {session.status.value}; resume it to run code"
            )
        problem = await self.problem(session)
        reason = SnapshotReason.SUBMIT if submit else SnapshotReason.RUN
        await self.sessions.save_code(session.id, code, language, reason)
        request = problem.run_request(language, code, "all" if submit else "visible")

        async def run_and_store() -> CodeRun:
            result = await offload_run(self.runner, request)
            result.problem = problem.slug
            return await self.sessions.record_run(to_code_run(session, code, result, submit))

        # the sandbox queue: a caller that goes away (a closed socket, a left screen) drops a
        # run still waiting; one already running finishes and is stored
        run: CodeRun = await finish_or_drop(run_and_store, self._run_scope(session.id))
        if submit and run.verdict == "AC" and self.feedback is not None:
            # feedback on the accepted code now (queued before the interviewer reacts, so the
            # judge's timing runs start at once); the interview goes on until it is ended
            await self.feedback.request(session.id)
        ctx = await self.context(session.id)
        await self._speak(session.id, lambda i: i.react_to_run(ctx, run))
        return run

    def _run_scope(self, session_id: str) -> RunScope:
        """This user's place in the sandbox queue for a run of ``session_id``: a wait is
        published as ``run_queued`` events on the session."""

        def publish(position: int, ahead: int) -> None:
            self.events.publish(
                RunQueuedEvent(
                    data=RunQueuedData(session_id=session_id, position=position, ahead=ahead)
                )
            )

        notify = thread_notify(asyncio.get_running_loop(), publish)
        return RunScope(owner=self.sessions.user_id, session_id=session_id, notify=notify)

    async def submit(self, session_id: str, code: str, language: str) -> CodeRun:
        """Submit (all tests); see ``run``. Submit as often as needed until the end."""
        return await self.run(session_id, code, language, submit=True)

    async def _may_submit(self, session: InterviewSession) -> None:
        try:
            await self.sessions.attempt(session.id)
        except LifecycleError:
            state = session.status.value.replace("_", " ").lower()
            fix = (
                "submissions close when the interview ends; start a new interview"
                if session.status in (SessionStatus.COMPLETED, SessionStatus.CANCELLED)
                else "resume it to submit"
            )
            raise LifecycleError(
                f"session {session.id[:8]} is {state}: {fix}", title="Submissions closed"
            ) from None

    async def submissions(self, session_id: str) -> list[Submission]:
        """Every submission of the session, oldest first, numbered from 1, with its verdict,
        tests passed/total, CPU time, language, time and code."""
        return submissions_of(await self.sessions.runs(session_id))

    async def feedback_on_end(self, session_id: str) -> FeedbackRun | None:
        """Queue the feedback an ended interview still needs: when something was submitted and
        no feedback job was requested since the submission the feedback grades (the last
        accepted, else the last) — or only jobs that failed. Returns the new job, or None when
        none is due (nothing submitted, already requested, or no feedback service)."""
        graded = graded_submission(await self.sessions.runs(session_id))  # ownership checked
        if graded is None or self.feedback is None:
            return None
        jobs = await self.feedback.for_session(session_id)
        if any(j.created_at >= graded.created_at and j.status != FAILED for j in jobs):
            return None
        return await self.feedback.request(session_id)

    async def request_feedback(self, session_id: str) -> FeedbackRun:
        if self.feedback is None:
            raise CoachError("feedback is not configured for this interview")
        return await self.feedback.request(session_id)

    async def watch(self, session_id: str) -> None:
        """Run the interview clock of a session in progress (idempotent; the clock stops by
        itself when the session leaves IN_PROGRESS). ``begin`` calls it.

        Raises:
            NotFoundError: not a session of this user (clocks are process-wide: another user's
                clock started here would tick with this user's scope and never speak).
        """
        session = await self.sessions.get(session_id)
        self._watch(session.id)

    def _watch(self, session_id: str) -> None:
        if self.clocks is not None:

            async def tick(now: datetime) -> Message | None:
                return await self.tick(session_id, now)

            self.clocks.start(session_id, tick, self.events)

    async def tick(self, session_id: str, now: datetime | None = None) -> Message | None:
        """One look at the interview clock (``coach_engine/clock.py`` calls it every few
        seconds): time-up, the time warning or a silence nudge when one is due — each once, as a
        typed event and the interviewer's message, which is returned."""
        now = now or utcnow()
        session, messages = await self.sessions.store.run(
            _clock_rows, self.sessions.store.store, self.sessions.user_id, session_id, now
        )
        cue = due(session, messages or [], now)
        if messages is None and cue is not None and cue.cue == Cue.NUDGE:
            cue = None  # the candidate spoke less than SILENCE_NUDGE_S ago (SAID_KEY)
        if cue is None:
            return None
        await self._remember(session, **cue.remember)
        ctx = await self.context(session.id)
        ctx.elapsed_s = cue.elapsed_s  # at ``now``, which tests move
        self.events.publish(cue.event(session.id))
        return await self._speak(session.id, lambda i: cue.speech(i, ctx))

    async def _remember(self, session: InterviewSession, **values: Any) -> None:
        """Set keys of the session's metadata (merged atomically: other keys written meanwhile,
        e.g. by the clock, are kept)."""
        await self.sessions.store.merge_session_metadata(self.sessions.user_id, session.id, values)
