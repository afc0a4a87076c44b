"""The engine facade: one object a front end builds and talks to.

``Engine.open()`` resolves the data directory, loads the configuration, opens (and migrates) the
store and picks the local user. The TUI, the CLI and the future WebSocket server all hold one
``Engine`` and call its async services — ``sessions``, ``interview``, ``feedback`` — and consume
``events``; none of them touches the store, the sandbox or a provider directly.
"""

from __future__ import annotations

import logging
from pathlib import Path

from coach_engine import config as config_mod
from coach_engine import locations
from coach_engine.config import Config
from coach_engine.drills.service import DrillService
from coach_engine.events import EventBus
from coach_engine.feedback_jobs import FeedbackJobs, Producer
from coach_engine.interview import InterviewService, SandboxRunner
from coach_engine.interviewer.base import Interviewer
from coach_engine.models import User
from coach_engine.problems import ProblemBank
from coach_engine.providers.client import LLMClient
from coach_engine.sessions import SessionService
from coach_engine.store import SQLiteStore, Store

log = logging.getLogger(__name__)


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
        self.config = config
        self.events = EventBus()
        self.user = user or store.default_user()
        self.sessions = SessionService(store, self.events, self.user.id)
        self._bank = bank
        self._interviewer = interviewer
        self._producer = producer
        self._runner = runner
        self._feedback: FeedbackJobs | None = None
        self._interview: InterviewService | None = None
        self._drills: DrillService | None = None
        self.llm_client: LLMClient | None = None
        """The provider client once ``connect_provider`` found one (narratives, insights)."""
        self.provider_status = "offline"
        """What drives the interviewer: 'offline', a provider name, or why it fell back."""

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

    # services, built on first use so CLI commands that need none of them stay fast -----------
    @property
    def bank(self) -> ProblemBank:
        if self._bank is None:
            self._bank = ProblemBank()
        return self._bank

    @property
    def feedback(self) -> FeedbackJobs:
        if self._feedback is None:
            from coach_engine.dashboard.skills import record_feedback_skills
            from coach_engine.feedback_producer import make_producer

            producer = self._producer or make_producer(self)
            self._feedback = FeedbackJobs(
                self.store,
                self.events,
                self.sessions,
                producer,
                timeout_s=60.0,
                on_completed=lambda fb, s: record_feedback_skills(self.store, self.bank, fb, s),
            )
        return self._feedback

    @property
    def interview(self) -> InterviewService:
        if self._interview is None:
            self._interview = InterviewService(
                self.sessions,
                self.events,
                self.bank,
                self._interviewer,
                runner=self._runner,
                feedback=self.feedback,
                fallback_offline=self.config.provider.fallback_offline,
            )
        return self._interview

    @property
    def drills(self) -> DrillService:
        if self._drills is None:
            self._drills = DrillService(self.store, self.user.id, self.bank, self._runner)
        return self._drills

    async def connect_provider(self) -> str:
        """Choose the interviewer from config: an LLM provider when one is configured and
        reachable, else the offline interviewer. Returns a one-line status for the UI."""
        if self.config.provider.name == "offline" or self._interviewer is not None:
            self.provider_status = "offline"
            return self.provider_status
        from coach_engine.interviewer.llm import LLMInterviewer
        from coach_engine.providers.offline import OfflineProvider
        from coach_engine.providers.registry import resolve_provider

        resolution = await resolve_provider(self.config)
        if isinstance(resolution.provider, OfflineProvider):
            self.provider_status = f"offline ({resolution.fallback_reason})"
            return self.provider_status
        client = LLMClient(
            resolution.provider,
            user_id=self.user.id,
            store=self.store,
            budget=self.config.budget,
        )
        self.interview.interviewer = LLMInterviewer(client)
        self.llm_client = client
        self.provider_status = self.config.provider.name
        return self.provider_status

    async def aclose(self) -> None:
        """Stop background jobs (they resume on the next start) and close the store."""
        if self._feedback is not None:
            await self._feedback.close()
        self.close()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
