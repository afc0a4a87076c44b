"""``RemoteEngine``: the engine API a front end uses, served by a Coach server.

It offers the attributes the TUI and the read-only CLI commands use on a local ``Engine`` —
``sessions``, ``interview``, ``interviews``, ``feedback``, ``drills``, ``custom_input``,
``events``, ``config``, ``provider_status``, ``connect_provider``, ``stop_background`` — with the
same method names, arguments and return types: every call is one REST request
(``coach_engine/server``) answered with the engine's own pydantic models, validated back into
them here, so a screen cannot tell the two apart. What is derived from the problem bank and no
one's data — the listing, a session's ``Problem``, a custom input's example — comes from the
client's own bundled bank (the same package as the server's); the person's data lives on the
server only.

Events: ``events`` is a plain local ``EventBus``; subscribing to a session opens that session's
WebSocket (``connection(session_id)``, a ``SessionConnection`` from ``remote/connection.py``,
which reconnects and resynchronises) and every event it receives is published on the bus, so a
``Subscription`` behaves as locally. ``RemoteEngine(http, connect=...)`` takes another
connection factory (tests).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import TypeAdapter

from coach_engine.event_bus import EventBus, Subscription
from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    Drill,
    FeedbackRun,
    InterviewKind,
    InterviewSession,
    Message,
    Note,
    Page,
    Role,
    SnapshotReason,
    User,
)
from coach_engine.remote.auth import Logins
from coach_engine.remote.http import RemoteHttp

if TYPE_CHECKING:
    from coach_engine.config import Config
    from coach_engine.custom_input import CheckedInput, CustomRun
    from coach_engine.dashboard.models import Dashboard
    from coach_engine.drills.service import DrillOutcome
    from coach_engine.events import Event
    from coach_engine.export import Packet
    from coach_engine.interview import RevealOffer
    from coach_engine.interviews import EditorCode, SessionSummary
    from coach_engine.problem_catalog import ProblemListing, ProblemStats
    from coach_engine.problem_choice import ProblemFilter
    from coach_engine.problems import ProblemBank
    from coach_engine.protocol_state import SessionView
    from coach_engine.submissions import Submission

log = logging.getLogger(__name__)

T = TypeVar("T")
DRAIN_S, DRAIN_POLL_S = 5.0, 0.05
"""Leaving or ending waits this long for the socket's outbox to be delivered."""
AUTOSAVE_WAIT_S = 5.0
"""How long an autosave through the WebSocket waits for the server's acknowledgement."""
_adapters: dict[Any, TypeAdapter[Any]] = {}


def parse(kind: type[T], data: Any) -> T:
    """``data`` (JSON from the server) validated into ``kind`` — the engine's own model or
    dataclass, so what a remote call returns is what the local call returns."""
    adapter = _adapters.get(kind)
    if adapter is None:
        adapter = _adapters[kind] = TypeAdapter(kind)
    found: T = adapter.validate_python(data)
    return found


class Connection(Protocol):
    """What RemoteEngine needs of a session's WebSocket (see /tmp interface note and
    ``remote/connection.py``)."""

    @property
    def state(self) -> str: ...

    @property
    def pending(self) -> int: ...

    async def start(self) -> None: ...
    async def send(self, event: str, data: dict[str, Any]) -> Sent: ...
    async def close(self) -> None: ...


class Sent(Protocol):
    """A queued action (``connection.Delivery``): ``wait`` gives the server's answer (True ran,
    False refused) or None when it has not come within ``timeout``."""

    async def wait(self, timeout: float | None = None) -> bool | None: ...


ConnectFactory = Callable[[RemoteHttp, str, Callable[["Event"], object]], Connection]


def _default_connect(
    http: RemoteHttp, session_id: str, publish: Callable[[Event], object]
) -> Connection:
    from coach_engine.remote.connection import SessionConnection

    connection: Connection = SessionConnection(http, session_id, publish)
    return connection


def _sid(session_id: str) -> str:
    # a path segment: ids are hex, a prefix is hex too; anything else cannot name a session
    from urllib.parse import quote

    return quote(session_id, safe="")


class RemoteEvents(EventBus):
    """The local bus the session connections publish on; subscribing to a session opens its
    WebSocket."""

    def __init__(self, engine: RemoteEngine) -> None:
        super().__init__()
        self._engine = engine

    def subscribe(self, session_id: str | None = None) -> Subscription:
        subscription = super().subscribe(session_id)
        if session_id is not None:
            self._engine.open_connection(session_id)
        return subscription


# services ----------------------------------------------------------------------------------------
class RemoteSessions:
    """``SessionService`` over REST."""

    def __init__(self, http: RemoteHttp, user_id: str) -> None:
        self.http = http
        self.user_id = user_id

    async def get(self, session_id: str) -> InterviewSession:
        return InterviewSession.model_validate(await self.http.get(f"/sessions/{_sid(session_id)}"))

    async def list_sessions(
        self,
        *,
        status: str | None = None,
        sort: str = "-created_at",
        limit: int = 20,
        offset: int = 0,
    ) -> Page[InterviewSession]:
        """One page; the server pages by number, so ``offset`` must be a multiple of
        ``limit`` (as every front end asks)."""
        if limit > 100:  # the server's largest page: read several
            items: list[InterviewSession] = []
            total = 0
            for start in range(offset, offset + limit, 100):
                page = await self.list_sessions(status=status, sort=sort, limit=100, offset=start)
                items += page.items
                total = page.total
                if len(page.items) < 100:
                    break
            return Page[InterviewSession](
                items=items[:limit], total=total, limit=limit, offset=offset
            )
        body = await self.http.get(
            "/sessions", page=offset // limit + 1, limit=limit, status=status, sort=sort
        )
        items = [InterviewSession.model_validate(s) for s in body["items"]]
        return Page[InterviewSession](
            items=items, total=int(body["total"]), limit=limit, offset=offset
        )

    async def most_recent_unfinished(self) -> InterviewSession | None:
        found = await self.http.get("/interviews/unfinished", limit=1)
        return InterviewSession.model_validate(found[0]) if found else None

    async def delete(self, session_id: str) -> None:
        await self.http.delete(f"/sessions/{_sid(session_id)}")

    async def resume(self, session_id: str) -> InterviewSession:
        body = await self.http.post(f"/sessions/{_sid(session_id)}/resume")
        return InterviewSession.model_validate(body)

    async def cancel(self, session_id: str) -> InterviewSession:
        body = await self.http.patch(f"/sessions/{_sid(session_id)}", {"status": "cancelled"})
        return InterviewSession.model_validate(body)

    async def messages(self, session_id: str) -> list[Message]:
        return parse(list[Message], await self.http.get(f"/sessions/{_sid(session_id)}/messages"))

    async def runs(self, session_id: str) -> list[CodeRun]:
        return parse(list[CodeRun], await self.http.get(f"/sessions/{_sid(session_id)}/runs"))

    async def notes(self, session_id: str) -> list[Note]:
        return parse(list[Note], await self.http.get(f"/sessions/{_sid(session_id)}/notes"))

    async def add_note(self, session_id: str, content: str) -> Note:
        body = await self.http.post(f"/sessions/{_sid(session_id)}/notes", {"content": content})
        return Note.model_validate(body)

    async def save_code(
        self,
        session_id: str,
        code: str,
        language: str,
        reason: SnapshotReason = SnapshotReason.MANUAL,
    ) -> CodeSnapshot:
        body = await self.http.post(
            f"/sessions/{_sid(session_id)}/snapshots",
            {"code": code, "language": language, "reason": reason.value},
        )
        return CodeSnapshot.model_validate(body)

    async def latest_code(self, session_id: str) -> CodeSnapshot | None:
        body = await self.http.get(f"/sessions/{_sid(session_id)}/latest-code")
        return None if body is None else CodeSnapshot.model_validate(body)


class RemoteInterview:
    """``InterviewService`` over REST; the interviewer's tokens arrive on the session's
    WebSocket as ``ai_token`` events, as locally on the bus."""

    def __init__(self, engine: RemoteEngine) -> None:
        self.engine = engine
        self.http = engine.http

    def _path(self, session_id: str, action: str) -> str:
        return f"/sessions/{_sid(session_id)}/{action}"

    async def begin(self, session_id: str) -> Message | None:
        """Start or resume the interview (the interviewer greets once). With the session's
        WebSocket open, opening it did this on the server: nothing more is sent."""
        connection = self.engine.connections.get(session_id)
        if connection is not None:
            await self.engine.started(session_id)
            return None
        body = await self.http.post(self._path(session_id, "begin"))
        return None if body is None else Message.model_validate(body)

    async def send(self, session_id: str, text: str) -> Message:
        """Say something. Without the session's WebSocket: the interviewer's stored answer
        (REST). With it: the message is queued in the connection's outbox — delivered now or
        after a reconnect, run once — and the candidate's message is returned at once; the
        answer streams in as events, as locally.

        Raises:
            ValidationError: an empty message (nothing is queued).
        """
        from coach_engine.errors import ValidationError

        connection = self.engine.live_connection(session_id)
        if connection is None:
            body = await self.http.post(self._path(session_id, "messages"), {"content": text})
            return Message.model_validate(body)
        if not text.strip():
            raise ValidationError("an empty message was not sent")
        await connection.send("message", {"content": text})
        return Message(
            session_id=session_id, user_id=self.engine.user_id, role=Role.USER, content=text.strip()
        )

    async def hint(self, session_id: str) -> Message:
        return Message.model_validate(await self.http.post(self._path(session_id, "hint")))

    async def reveal_offer(self, session_id: str) -> RevealOffer:
        from coach_engine.interview import RevealOffer

        body = await self.http.get(self._path(session_id, "reveal-offer"))
        found: RevealOffer = parse(RevealOffer, body)
        return found

    async def reveal(self, session_id: str) -> Message:
        return Message.model_validate(await self.http.post(self._path(session_id, "reveal")))

    async def run(
        self, session_id: str, code: str, language: str, *, submit: bool = False
    ) -> CodeRun:
        action = "submit" if submit else "run"
        body = await self.http.post(
            self._path(session_id, action), {"code": code, "language": language}
        )
        return CodeRun.model_validate(body)

    async def submit(self, session_id: str, code: str, language: str) -> CodeRun:
        return await self.run(session_id, code, language, submit=True)

    async def submissions(self, session_id: str) -> list[Submission]:
        from coach_engine.submissions import Submission

        body = await self.http.get(self._path(session_id, "submissions"))
        found: list[Submission] = parse(list[Submission], body)
        return found

    async def request_feedback(self, session_id: str) -> FeedbackRun:
        body = await self.http.post(self._path(session_id, "request-feedback"))
        return FeedbackRun.model_validate(body)


class RemoteInterviews:
    """``Interviews`` (the interview flows a front end drives) over REST."""

    def __init__(self, engine: RemoteEngine) -> None:
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
        from coach_engine.errors import ValidationError
        from coach_engine.models import FeedbackStatus

        done = [
            j for j in await self.feedback_jobs(session_id) if j.status == FeedbackStatus.COMPLETED
        ]
        if not done:
            raise ValidationError(
                f"session {session_id[:8]} has no completed feedback; submit and get feedback "
                "first",
                title="No feedback yet",
            )
        return done[-1]

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

        drill = await self.engine.drills.get(drill_id)
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
            latest = await self.engine.sessions.latest_code(session_id)
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
        await self.http.put(
            self._path(session_id, "unsaved"),
            {"since": None if since is None else since.isoformat()},
        )

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


class RemoteCustomInput:
    """Custom test input: checked against the client's bank, run on the server."""

    def __init__(self, engine: RemoteEngine) -> None:
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


# the facade --------------------------------------------------------------------------------------
class RemoteEngine:
    """The engine API over a Coach server, for one signed-in user (see the module docstring).

    Build it with ``await RemoteEngine.open(server)`` (the saved login of ``coach login``);
    close it with ``await engine.aclose()``.
    """

    remote = True
    """Front ends that must tell (a dashboard computed on the server) read this."""

    def __init__(
        self,
        http: RemoteHttp,
        user: User,
        *,
        config: Config | None = None,
        bank: ProblemBank | None = None,
        connect: ConnectFactory | None = None,
    ) -> None:
        self.http = http
        self.server = http.server
        self.user = user
        self.user_id = user.id
        self._config = config
        self._bank = bank
        self._connect = connect or _default_connect
        self.connections: dict[str, Connection] = {}
        self._starting: dict[str, asyncio.Task[None]] = {}
        self.events = RemoteEvents(self)
        self.sessions = RemoteSessions(http, user.id)
        self.interview = RemoteInterview(self)
        self.interviews = RemoteInterviews(self)
        self.feedback = RemoteFeedback(http)
        self.drills = RemoteDrills(http)
        self.custom_input = RemoteCustomInput(self)
        self.provider_status = f"server {self.server}"
        """What drives the interviewer, as the header shows it."""

    @classmethod
    async def open(
        cls,
        server: str | None = None,
        *,
        connect: ConnectFactory | None = None,
        logins: Logins | None = None,
    ) -> RemoteEngine:
        """The engine of the saved login for ``server`` (default: the last one signed in to).

        Raises:
            NotSignedIn: no saved login (the message names ``coach login URL``), or the
                server refused it. ServerUnreachable: no answer. ValidationError: a bad URL.
        """
        logins = logins or Logins()
        login = logins.find(server)
        http = RemoteHttp(login.server, logins)
        try:
            body = await http.get("/auth/me")
        except BaseException:
            await http.aclose()
            raise
        user = User(id=body["id"], email=body.get("email"), full_name=body.get("full_name", ""))
        return cls(http, user, connect=connect)

    # what the client keeps itself ----------------------------------------------------------------
    @property
    def config(self) -> Config:
        """This machine's settings (the editor, the theme, the autosave period)."""
        if self._config is None:
            from coach_engine import config as config_mod

            self._config = config_mod.load()
        return self._config

    @property
    def bank(self) -> ProblemBank:
        if self._bank is None:
            from coach_engine.problems import ProblemBank

            self._bank = ProblemBank()
        return self._bank

    def problem(self, session: InterviewSession) -> Any:
        """The session's problem from the client's bank.

        Raises:
            ProblemError: the server's problem is not in this install's bank (update Coach).
        """
        from coach_engine.errors import ProblemError

        try:
            return self.bank.get(session.problem_slug or "")
        except ProblemError as exc:
            raise ProblemError(
                f"the server's problem {session.problem_slug!r} is not in this Coach's bank "
                f"({exc.message}); install the server's version of Coach",
                title="Unknown problem",
            ) from None

    # the session connections ---------------------------------------------------------------------
    def open_connection(self, session_id: str) -> Connection:
        """The session's WebSocket, opened (in a task) on first use."""
        connection = self.connections.get(session_id)
        if connection is None:
            connection = self._connect(self.http, session_id, self.events.publish)
            self.connections[session_id] = connection
            task = asyncio.get_running_loop().create_task(connection.start())
            task.add_done_callback(_log_failure)
            self._starting[session_id] = task
        return connection

    async def started(self, session_id: str) -> None:
        """Wait until the session's connection has connected once (its error raised)."""
        task = self._starting.get(session_id)
        if task is not None:
            await asyncio.shield(task)

    def connection(self, session_id: str) -> Connection | None:
        return self.connections.get(session_id)

    def live_connection(self, session_id: str) -> Connection | None:
        """The session's connection unless it is offline for good (then REST is used, and its
        errors say why)."""
        connection = self.connections.get(session_id)
        if connection is None or connection.state == "offline":
            return None
        return connection

    async def drain(self, session_id: str, timeout_s: float = DRAIN_S) -> None:
        """Wait (at most ``timeout_s``) until the session's connection has delivered what its
        outbox holds, while it is connected; a link that is down keeps it queued."""
        connection = self.connections.get(session_id)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while (
            connection is not None
            and connection.pending
            and connection.state == "connected"
            and loop.time() < deadline
        ):
            await asyncio.sleep(DRAIN_POLL_S)

    async def close_connection(self, session_id: str) -> None:
        connection = self.connections.pop(session_id, None)
        task = self._starting.pop(session_id, None)
        if task is not None and not task.done():
            task.cancel()
        if connection is not None:
            await connection.close()

    # what the local engine also offers -----------------------------------------------------------
    async def connect_provider(self) -> str:
        return self.provider_status

    async def dashboard(self, *, tz: str | None = None) -> Dashboard:
        from coach_engine.dashboard.models import Dashboard

        return Dashboard.model_validate(await self.http.get("/dashboard", tz=tz))

    async def export_packet(self, session: str | None = None, *, all_: bool = False) -> Packet:
        """The packet of one session (id or unique prefix) or of all, as ``export_packet``.

        Raises:
            ValidationError: neither or both of ``session`` and ``all_``. NotFoundError.
        """
        from coach_engine.errors import ValidationError
        from coach_engine.export import Packet

        if (session is None) == (not all_):
            raise ValidationError(
                "give a SESSION id or --all (not both)", title="Nothing to export"
            )
        body = await self.http.get("/me/export", format="json", session=session)
        return Packet.model_validate(body)

    async def stop_background(self) -> None:
        """Close every session's WebSocket (the server keeps the interviews)."""
        for session_id in list(self.connections):
            await self.close_connection(session_id)

    async def aclose(self) -> None:
        await self.stop_background()
        await self.http.aclose()


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("session connection failed: %s", type(task.exception()).__name__)
