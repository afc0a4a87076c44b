"""The default feedback producer: the judge's measured feedback on a session's final code.

Correctness and complexity come from the judge (sandbox runs, timing on growing inputs, static
analysis); nothing here asks a model to decide them. The session's transcript, its runs and the
hints and reveals it used go in as evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coach_engine.errors import ValidationError
from coach_engine.feedback_jobs import FeedbackResult, Producer, Progress
from coach_engine.models import InterviewSession

if TYPE_CHECKING:
    from coach_engine.problems import ProblemBank
    from coach_engine.providers.client import LLMClient
    from coach_engine.store.aio import AsyncStore
    from sandbox.spec import RunRequest, RunResult

log = logging.getLogger(__name__)

_RESULT_FIELDS = (
    "overall_score",
    "criterion_scores",
    "strengths",
    "weaknesses",
    "suggestions",
    "detailed_feedback",
    "complexity",
)


def make_producer(
    store: AsyncStore,
    bank: Callable[[], ProblemBank],
    llm_for: Callable[[str], LLMClient | None],
    *,
    budget_s: float = 10.0,
    runner: Callable[[RunRequest], RunResult] | None = None,
) -> Producer:
    """A producer for every user's jobs: it reads the session's rows through ``store`` (scoped to
    ``session.user_id``), the problem from ``bank()`` (built on first use) and writes the
    narrative with ``llm_for(session.user_id)`` — the session owner's client, so the call is
    logged and budgeted for that user — or none when offline.

    Takes collaborators, not the ``Engine``: the engine builds producers, so importing it here
    would be a cycle (engine ⇄ feedback_producer).
    """

    async def produce(session: InterviewSession, progress: Progress) -> FeedbackResult:
        from coach_engine.judge import judge

        # Judge what was submitted, not whatever the editor autosaved afterwards: the last
        # accepted submission, else the last one (a candidate may submit until the end).
        runs = await store.list_runs(session.user_id, session.id)
        from coach_engine.submissions import graded_submission

        submitted = graded_submission(runs)
        snapshot = await store.latest_snapshot(session.user_id, session.id)
        if submitted is not None:
            code, language = submitted.code, submitted.language
        elif snapshot is not None:
            code, language = snapshot.code, snapshot.language
        else:
            code, language = "", session.language
        if not code.strip():
            raise ValidationError("the session has no code to judge")
        if not session.problem_slug:
            raise ValidationError("the session has no problem to judge against")
        problem = bank().get(session.problem_slug)
        progress(0.1, "running the tests and timing the solution")
        from coach_engine.run_queue import RunScope, scoped

        # the judge's runs wait in the sandbox queue as the session owner's, fairly with others
        with scoped(RunScope(owner=session.user_id, session_id=session.id)):
            feedback = await judge(
                problem,
                code,
                language,
                transcript=await store.list_messages(session.user_id, session.id),
                runs=runs,
                hints_used=session.hints_used,
                reveals_used=session.reveals_used,
                budget_s=budget_s,
                runner=runner,  # the engine's sandbox policy: the settings' backend and limits
            )
        progress(0.8, "scored")
        client = llm_for(session.user_id)
        if client is not None:
            from coach_engine.feedback_service import with_narrative

            # the measured feedback stands on its own if the provider fails
            review = await with_narrative(
                feedback,
                client,
                code=code,
                language=language,
                store=store,  # the rubric, read in a store thread
                transcript=await store.list_messages(session.user_id, session.id),
            )
            feedback = review.feedback
            if review.warning:
                log.warning("feedback narrative failed: %s", review.warning)
        progress(0.95, "written")
        data: dict[str, Any] = feedback.model_dump(mode="json")
        return FeedbackResult.model_validate(
            {k: data[k] for k in _RESULT_FIELDS if k in data}
            | {
                "model_name": feedback.model,
                "prompt_id": feedback.prompt_id,
                "prompt_version": feedback.prompt_version,
                "input_tokens": feedback.input_tokens,
                "output_tokens": feedback.output_tokens,
                "total_cost_usd": feedback.total_cost_usd,
            }
        )

    return produce
