"""The engine facade: one process-wide object, and a cheap per-user scope for every request.

``Engine.open()`` resolves the data directory, loads the configuration, opens (and migrates) the
store and picks the local user. What is process-wide lives on ``Engine``: the store (and
``astore``, its calls as coroutines run in worker threads — what the async services use, so no
SQLite call blocks the event loop), the config, the problem bank, the sandbox runner, the
provider, the interview clocks, the per-user event buses and the one feedback worker that runs
every user's queued jobs.

Who is asking is explicit: ``engine.for_user(user_id)`` (``await engine.user_scope(user_id)`` in
async code) returns a ``UserEngine`` whose services — ``sessions``, ``interview``, ``feedback``,
``drills``, ``interviews``, ``account``, ``solution_feedback`` — read and write only that user's
rows and publish only on that user's event bus. ``engine.local`` is the local user's scope, and
``engine.sessions`` / ``.interview`` / ``.feedback`` / ``.drills`` / ``.events`` are its
services, so a single-user front end (the TUI, the CLI) keeps calling the engine directly.

Nothing mutable is shared between users or sessions: a scope holds no state of its own beyond
its services (building one costs a user lookup), job tasks live in the worker keyed by job id,
an interviewer that falls back to offline does so for one session only, and each user's
provider calls are logged and budgeted under that user. ``tests/test_multi_user.py`` checks
every scope service method for isolation.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from coach_engine import config as config_mod, locations
from coach_engine.config import Config
from coach_engine.errors import NotFoundError, ValidationError
from coach_engine.event_bus import EventBus
from coach_engine.models import User
from coach_engine.sessions import SessionService
from coach_engine.store import SQLiteStore, Store
from coach_engine.store.aio import AsyncStore

# Services and heavy collaborators are imported where first built: `coach history` opens an
# Engine and needs the sessions alone (CLI start-up, issue 13 item 8; bench/cli_startup.py).
if TYPE_CHECKING:
    from coach_engine.account import Account
    from coach_engine.clock import InterviewClocks
    from coach_engine.custom_input import CustomInput
    from coach_engine.drills.service import DrillService
    from coach_engine.feedback_jobs import FeedbackJobs, FeedbackWorker, Producer
    from coach_engine.feedback_service import SolutionFeedback
    from coach_engine.interview import InterviewService, SandboxRunner
    from coach_engine.interviewer.base import Interviewer
    from coach_engine.interviews import Interviews
    from coach_engine.problems import ProblemBank
    from coach_engine.providers.base import Provider
    from coach_engine.providers.client import LLMClient

log = logging.getLogger(__name__)

MAX_USER_ID = 200


class UserEngine:
    """One user's view of the engine: every service here is scoped to ``user``.

    Built by ``Engine.for_user``; cheap (no I/O beyond the user lookup), so a server may build
    one per request. Attributes a front end reads: ``user``, ``user_id``, ``events`` (this
    user's event bus: a subscription sees this user's events only) and the services.
    """

    def __init__(self, engine: Engine, user: User) -> None:
        self.engine = engine
        self.user = user
        self.user_id = user.id
        self.store = engine.store
        self.astore = engine.astore
        self.config = engine.config
        self.events = engine.events_for(user.id)
        self.sessions = SessionService(engine.astore, self.events, user.id)
        self._interview: InterviewService | None = None
        self._feedback: FeedbackJobs | None = None
        self._drills: DrillService | None = None
        self._llm_client: LLMClient | None = None

    @property
    def bank(self) -> ProblemBank:
        return self.engine.bank

    @property
    def llm_client(self) -> LLMClient | None:
        """A provider client that logs and budgets this user's calls, or None when offline."""
        provider = self.engine.provider
        if provider is None:
            return None
        if self._llm_client is None or self._llm_client.provider is not provider:
            from coach_engine.providers.client import LLMClient

            self._llm_client = LLMClient(
                provider, user_id=self.user_id, store=self.engine.astore, budget=self.config.budget
            )
        return self._llm_client

    def interviewer(self) -> Interviewer | None:
        """The configured interviewer for this user (None: the offline one)."""
        if self.engine.interviewer is not None:
            return self.engine.interviewer
        client = self.llm_client
        if client is None:
            return None
        from coach_engine.interviewer.llm import LLMInterviewer

        return LLMInterviewer(client)

    @property
    def feedback(self) -> FeedbackJobs:
        if self._feedback is None:
            from coach_engine.feedback_jobs import FeedbackJobs

            self._feedback = FeedbackJobs(self.engine.feedback_worker, self.sessions)
        return self._feedback

    @property
    def interview(self) -> InterviewService:
        if self._interview is None:
            from coach_engine.interview import InterviewService

            self._interview = InterviewService(
                self.sessions,
                self.events,
                self.bank,
                self.interviewer,
                runner=self.engine.runner,
                feedback=self.feedback,
                fallback_offline=self.config.provider.fallback_offline,
                clocks=self.engine.clocks,
            )
        return self._interview

    @property
    def drills(self) -> DrillService:
        if self._drills is None:
            from coach_engine.drills.service import DrillService

            engine = self.engine
            # the sandbox policy is built when a drill first runs code: listing drills needs none
            self._drills = DrillService(
                engine.astore, self.user_id, self.bank, lambda request: engine.runner(request)
            )
        return self._drills

    @property
    def interviews(self) -> Interviews:
        """The interview flows a front end drives (start, open, leave, switch language, end,
        summary); stateless over this scope's services, so built per call."""
        from coach_engine.interviews import Interviews

        return Interviews(self)

    @property
    def custom_input(self) -> CustomInput:
        """Custom test input (LeetCode's "Testcase" box): check an input, run code and the
        reference on it, in an interview stored as a run."""
        from coach_engine.custom_input import CustomInput

        return CustomInput(self.bank, lambda request: self.engine.runner(request), self.sessions)

    @property
    def account(self) -> Account:
        """This user's data as a whole (row counts, delete all)."""
        from coach_engine.account import Account

        return Account(self.engine.astore, self.user_id)

    @property
    def solution_feedback(self) -> SolutionFeedback:
        """Measured feedback on a solution file, with the chosen provider's narrative."""
        from coach_engine.feedback_service import SolutionFeedback

        return SolutionFeedback(self.engine.astore, self.user_id, self.bank, self.config)


class Engine:
    """Collaborators in, services out. Tests construct it with a temporary store."""

    def __init__(
        self,
        store: Store,
        config: Config,
        user: User | None = None,
        *,
        bank: ProblemBank | None = None,
        interviewer: Interviewer | None = None,
        producer: Producer | None = None,
        runner: SandboxRunner | None = None,
    ) -> None:
        self.store = store
        self.astore = AsyncStore(store)
        """The store's calls as coroutines run in worker threads: what the async services use,
        so no SQLite call blocks the event loop."""
        self.config = config
        self._bank = bank
        self.interviewer = interviewer
        """An interviewer injected for every session (tests); None: from the provider."""
        self._producer = producer
        self._runner = runner
        self._buses: weakref.WeakValueDictionary[str, EventBus] = weakref.WeakValueDictionary()
        self._worker: FeedbackWorker | None = None
        self._clocks: InterviewClocks | None = None
        self.provider: Provider | None = None
        """The connected LLM provider once ``connect_provider`` found one; None: offline."""
        self.provider_status = "offline"
        """What drives the interviewer: 'offline', a provider name, or why it fell back."""
        self.local = UserEngine(self, user or store.default_user())
        """The local user's scope: what the TUI and the CLI act as."""

    @classmethod
    def open(cls, database: Path | None = None) -> Engine:
        """Open the engine on the person's data directory (``COACH_HOME`` aware).

        Raises:
            ConfigError: config.toml is invalid.
            StoreError: the data directory or database is unusable.
        """
        if database is None:
            locations.ensure_home()
            database = locations.database_path()
        config = config_mod.load()
        return cls(SQLiteStore.open(database), config)

    # identity --------------------------------------------------------------------------------
    def for_user(self, user_id: str) -> UserEngine:
        """The scope of one user: its services see and change only that user's rows.

        Synchronous (one indexed read); async code serving requests uses ``user_scope``.

        Raises:
            NotFoundError: no user has that id (create it first with ``create_user``).
            ValidationError: the id is empty or absurdly long.
        """
        if self._check_user_id(user_id):
            return self.local
        return UserEngine(self, self._lookup(user_id))

    async def user_scope(self, user_id: str) -> UserEngine:
        """``for_user`` for async callers (a server's request handler): the user lookup runs in
        a store thread, not on the event loop. Same errors."""
        if self._check_user_id(user_id):
            return self.local
        user = await self.astore.run(self._lookup, user_id)
        return UserEngine(self, user)

    def _check_user_id(self, user_id: str) -> bool:
        """Validate the id; True when it is the local user's (no lookup needed)."""
        if not isinstance(user_id, str) or not user_id.strip():
            raise ValidationError("a user id is required", title="Unknown user")
        if len(user_id) > MAX_USER_ID:
            raise ValidationError(
                f"a user id is at most {MAX_USER_ID} characters, not {len(user_id)}",
                title="Unknown user",
            )
        return user_id == self.local.user_id

    def _lookup(self, user_id: str) -> User:
        try:
            return self.store.get_user(user_id)
        except NotFoundError:
            raise NotFoundError(
                f"no user {user_id[:40]!r}; create it with Engine.create_user first",
                title="Unknown user",
            ) from None

    def create_user(self, full_name: str = "", *, email: str | None = None) -> UserEngine:
        """Add a user (e.g. a server account) and return its scope."""
        user = self.store.create_user(User(full_name=full_name, email=email, provider="server"))
        return UserEngine(self, user)

    def events_for(self, user_id: str) -> EventBus:
        """The event bus of one user (created on first use; kept while anyone holds it)."""
        bus = self._buses.get(user_id)
        if bus is None:
            bus = EventBus()
            self._buses[user_id] = bus
        return bus

    # the local user's services, for single-user front ends -----------------------------------
    @property
    def user(self) -> User:
        return self.local.user

    @property
    def events(self) -> EventBus:
        return self.local.events

    @property
    def sessions(self) -> SessionService:
        return self.local.sessions

    @property
    def interview(self) -> InterviewService:
        return self.local.interview

    @property
    def feedback(self) -> FeedbackJobs:
        return self.local.feedback

    @property
    def drills(self) -> DrillService:
        return self.local.drills

    @property
    def interviews(self) -> Interviews:
        return self.local.interviews

    @property
    def llm_client(self) -> LLMClient | None:
        return self.local.llm_client

    @property
    def account(self) -> Account:
        return self.local.account

    @property
    def custom_input(self) -> CustomInput:
        return self.local.custom_input

    @property
    def solution_feedback(self) -> SolutionFeedback:
        return self.local.solution_feedback

    def sandbox_runner(
        self, *, backend: str | None = None, cache_dir: Path | None = None
    ) -> SandboxRunner:
        """The runner for one command (``coach run --backend``): the settings' policy with the
        command's backend and build cache; without either, the engine's own runner.

        Raises:
            ValidationError: ``backend`` is not a backend's name.
            ConfigError: ``unsafe`` is configured without ``sandbox.allow_unsafe``.
        """
        from coach_engine.sandbox_policy import SandboxPolicy

        runner = self.runner
        if backend is not None or cache_dir is not None:
            runner = SandboxPolicy(self.config, backend=backend, cache_dir=cache_dir)
        if isinstance(runner, SandboxPolicy):
            runner.settings  # noqa: B018  # a bad flag or unsafe without consent fails first
        return runner

    # process-wide collaborators, built on first use so CLI commands that need none stay fast -
    @property
    def runner(self) -> SandboxRunner:
        """Runs code in the sandbox for every service (interview, drills, the judge): by default
        the ``sandbox.*`` settings' policy (``coach_engine.sandbox_policy``)."""
        if self._runner is None:
            from coach_engine.sandbox_policy import SandboxPolicy

            self._runner = SandboxPolicy(self.config)
        return self._runner

    @runner.setter
    def runner(self, runner: SandboxRunner) -> None:
        self._runner = runner

    @property
    def clocks(self) -> InterviewClocks:
        """Every interview's clock (silence nudges, time warning, time-up), process-wide."""
        if self._clocks is None:
            from coach_engine.clock import InterviewClocks

            self._clocks = InterviewClocks()
        return self._clocks

    @property
    def bank(self) -> ProblemBank:
        if self._bank is None:
            from coach_engine.problems import ProblemBank

            self._bank = ProblemBank()
        return self._bank

    @property
    def feedback_worker(self) -> FeedbackWorker:
        """The one worker that runs queued feedback jobs of every user."""
        if self._worker is None:
            from coach_engine.dashboard.skills import record_feedback_skills
            from coach_engine.feedback_jobs import FeedbackWorker
            from coach_engine.feedback_producer import make_producer

            producer = self._producer or make_producer(
                self.astore, lambda: self.bank, self._llm_client_for, runner=self.runner
            )
            self._worker = FeedbackWorker(
                self.astore,
                producer,
                sessions_for=self._sessions_for,
                timeout_s=60.0,
                on_completed=lambda fb, s: record_feedback_skills(self.store, self.bank, fb, s),
            )
        return self._worker

    # The worker's view of a job's user: built from the job row's user id, without a lookup
    # (a blocking store call) — the row exists, so its user does.
    def _sessions_for(self, user_id: str) -> SessionService:
        if user_id == self.local.user_id:
            return self.local.sessions
        return SessionService(self.astore, self.events_for(user_id), user_id)

    def _llm_client_for(self, user_id: str) -> LLMClient | None:
        if user_id == self.local.user_id:
            return self.local.llm_client
        if self.provider is None:
            return None
        from coach_engine.providers.client import LLMClient

        return LLMClient(
            self.provider, user_id=user_id, store=self.astore, budget=self.config.budget
        )

    async def connect_provider(self) -> str:
        """Choose the interviewer from config: an LLM provider when one is configured and
        reachable, else the offline interviewer. Returns a one-line status for the UI."""
        if self.config.provider.name == "offline" or self.interviewer is not None:
            self.provider_status = "offline"
            return self.provider_status
        from coach_engine.providers.offline import OfflineProvider
        from coach_engine.providers.registry import resolve_provider

        resolution = await resolve_provider(self.config)
        if isinstance(resolution.provider, OfflineProvider):
            self.provider_status = f"offline ({resolution.fallback_reason})"
            return self.provider_status
        self.provider = resolution.provider
        self.provider_status = self.config.provider.name
        return self.provider_status

    async def stop_background(self) -> None:
        """Stop every interview clock and every user's running feedback jobs (they resume on the
        next start)."""
        if self._clocks is not None:  # no interview ran: no clock to stop
            await self._clocks.aclose()
        if self._worker is not None:
            await self._worker.close()

    async def aclose(self) -> None:
        """Stop background jobs (they resume on the next start) and close the store."""
        await self.stop_background()
        self.close()

    def close(self) -> None:
        self.astore.close()  # waits for store calls in flight, then the store itself
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
