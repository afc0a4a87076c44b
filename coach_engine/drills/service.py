"""The drill workflow of one user: generate, list the daily queue, hint, skip, answer, review.

Every answer is graded by measurement (the sandbox for code, key points for text), then SM-2
schedules the next review and the drill's skill progress is updated. A drill whose reviews
reach ``MASTERED_AFTER`` good grades in a row is completed; otherwise it returns to the queue on
its next due date.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach_engine.drills import generate as gen
from coach_engine.drills.grade import grade_code, grade_text
from coach_engine.drills.schedule import quality, review
from coach_engine.errors import ValidationError
from coach_engine.inputs import check_code
from coach_engine.models import Drill, DrillStatus, DrillType, utcnow
from coach_engine.store.aio import AsyncStore

if TYPE_CHECKING:  # annotations only: listing drills parses no problem and loads no sandbox
    from coach_engine.problems import ProblemBank
    from sandbox.spec import RunRequest, RunResult

MASTERED_AFTER = 3
OPEN = (DrillStatus.PENDING, DrillStatus.IN_PROGRESS)
CAS_TRIES = 5
"""Read-modify-write updates are compare-and-set; this many lost races is an error."""


@dataclass
class DrillOutcome:
    """The result of one answer: score, what it was based on, and the next review."""

    drill: Drill
    score: int
    details: list[str] = field(default_factory=list)
    run: RunResult | None = None


def _default_runner(request: RunRequest) -> RunResult:
    from sandbox.runner import run

    return run(request)


class DrillService:
    def __init__(
        self,
        store: AsyncStore,
        user_id: str,
        bank: ProblemBank,
        runner: Callable[[RunRequest], RunResult] | None = None,
    ) -> None:
        self.store = store
        self.user_id = user_id
        self.bank = bank
        self.runner = runner or _default_runner

    async def generate(self, feedback_id: str) -> list[Drill]:
        """3–5 drills from a completed feedback (idempotent: existing ones are returned)."""
        feedback = await self.store.get_feedback(self.user_id, feedback_id)
        existing = await self.store.list_drills(self.user_id, feedback_run_id=feedback.id)
        if existing:
            return existing
        session = await self.store.get_session(self.user_id, feedback.session_id)
        taken = {
            d.problem_slug for d in await self.store.list_drills(self.user_id) if d.problem_slug
        }
        drills = await asyncio.to_thread(
            gen.generate, feedback, session, self.bank, self.runner, taken=taken
        )
        # one transaction: a kill or a failed insert leaves no partial set behind
        return await self.store.add_drill_set(self.user_id, feedback.id, drills)

    async def queue(self, *, due: bool = False, include_done: bool = False) -> list[Drill]:
        statuses = None if include_done else list(OPEN)
        return await self.store.list_drills(
            self.user_id, statuses=statuses, due_before=utcnow() if due else None
        )

    async def get(self, drill_id: str) -> Drill:
        return await self.store.get_drill(self.user_id, drill_id)

    async def hint(self, drill_id: str) -> str:
        """The next hint; each one lowers the grade of the next answer."""
        for _ in range(CAS_TRIES):
            drill = await self.get(drill_id)
            if not drill.hints:
                raise ValidationError("this drill has no hints", title="No hints")
            if drill.hints_used >= len(drill.hints):
                return f"That was the last hint ({len(drill.hints)} of {len(drill.hints)})."
            if await self._swap(drill, "hints_used", {"hints_used": drill.hints_used + 1}):
                return drill.hints[drill.hints_used]
        raise self._contended(drill_id)

    async def skip(self, drill_id: str) -> Drill:
        for _ in range(CAS_TRIES):
            drill = await self.get(drill_id)
            if drill.status not in OPEN:
                raise ValidationError(f"drill {drill.id[:8]} is already {drill.status.value}")
            if await self._swap(drill, "status", {"status": DrillStatus.SKIPPED.value}):
                return await self.get(drill.id)
        raise self._contended(drill_id)

    async def _swap(self, drill: Drill, field: str, changes: dict[str, Any]) -> bool:
        """Apply ``changes`` only if ``field`` still has the value read in ``drill``."""
        seen = getattr(drill, field)
        expected = {field: seen.value if isinstance(seen, DrillStatus) else seen}
        return await self.store.update_drill_if(
            self.user_id, drill.id, expected=expected, changes=changes
        )

    @staticmethod
    def _contended(drill_id: str) -> ValidationError:
        return ValidationError(
            f"drill {drill_id[:8]} kept changing while this was applied; nothing was changed, "
            "try again",
            title="Drill busy",
        )

    async def answer(self, drill_id: str, text: str) -> DrillOutcome:
        """Grade a text answer against the drill's key points."""
        drill = await self.get(drill_id)
        if drill.drill_type == DrillType.CODE_EXERCISE:
            raise ValidationError("this is a code drill: submit code, not text")
        if not text.strip():
            raise ValidationError("the answer is empty")
        graded = grade_text(text, drill.key_points)
        details = [f"covered: {p}" for p in graded.covered] + [
            f"missed: {p}" for p in graded.missed
        ]
        return await self._record(drill, graded.score, text, details)

    async def submit_code(
        self, drill_id: str, code: str, language: str | None = None
    ) -> DrillOutcome:
        """Run a code drill's solution against its problem's tests in the sandbox.

        Raises:
            ValidationError: no answer — the code is empty or the problem's starter unchanged.
                Nothing is run or recorded: a drill not attempted must not count as a review
                (weekly goals) or a failing grade (skills).
        """
        check_code(code)
        drill = await self.get(drill_id)
        if drill.drill_type != DrillType.CODE_EXERCISE or not drill.problem_slug:
            raise ValidationError("this drill takes a text answer, not code")
        language = language or drill.language or "python"
        problem = self.bank.get(drill.problem_slug)
        if not code.strip() or code.strip() == problem.starter(language).strip():
            raise ValidationError(
                "no answer: the code is "
                + ("empty" if not code.strip() else "the problem's starter, unchanged")
                + "; nothing was graded or recorded. Write a solution, or skip the drill",
                title="No answer",
            )
        from coach_engine.run_queue import RunScope, offload_in

        # the sandbox queue: this user's turn; a caller that goes away drops a waiting run
        request = problem.run_request(language, code, "all")
        result = await offload_in(RunScope(owner=self.user_id), self.runner, request)
        score = grade_code(result.passed, result.total)
        details = [f"{result.verdict}: {result.passed}/{result.total} tests passed"]
        outcome = await self._record(drill, score, code, details)
        outcome.run = result
        return outcome

    async def _record(
        self, drill: Drill, score: int, response: str, details: list[str]
    ) -> DrillOutcome:
        # Compare-and-set on ``attempts``: two answers at once are two reviews in turn, each
        # scheduled from the state the other left, never one lost.
        for _ in range(CAS_TRIES):
            if await self._swap(drill, "attempts", self._reviewed(drill, score, response)):
                break
            drill = await self.get(drill.id)
        else:
            raise self._contended(drill.id)
        if drill.target_skill:
            await self.store.record_skill(self.user_id, drill.target_skill, score)
        return DrillOutcome(await self.store.get_drill(self.user_id, drill.id), score, details)

    @staticmethod
    def _reviewed(drill: Drill, score: int, response: str) -> dict[str, Any]:
        """The drill's fields after this answer (SM-2 from its current state)."""
        now = utcnow()
        q = quality(score, drill.hints_used)
        step = review(drill.repetitions, drill.interval_days, drill.ease, q, now)
        mastered = step.repetitions >= MASTERED_AFTER
        return {
            "score": score,
            "user_response": response,
            "attempts": drill.attempts + 1,
            "repetitions": step.repetitions,
            "interval_days": step.interval_days,
            "ease": step.ease,
            "due_at": step.due_at,
            "last_reviewed_at": now,
            "hints_used": 0,
            "started_at": drill.started_at or now,
            "status": (DrillStatus.COMPLETED if mastered else DrillStatus.PENDING).value,
            "completed_at": now if mastered else None,
        }
