"""Feedback on a solution outside an interview, and the one place a narrative is added.

``SolutionFeedback.review`` is ``coach feedback FILE --problem SLUG`` as a service: the offline
judge's measured feedback (tests, timing, static analysis, the transcript if given), then a
provider's written narrative when one is chosen. ``with_narrative`` is the narrative step with
its fallback, shared with the interview's feedback producer (``feedback_producer``): a provider
failure never loses the measured feedback unless the caller forbids the fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach_engine.errors import ProviderError, ValidationError

if TYPE_CHECKING:
    from coach_engine.config import Config
    from coach_engine.judge.models import Feedback
    from coach_engine.problems import ProblemBank
    from coach_engine.providers.client import LLMClient
    from coach_engine.store.aio import AsyncStore
    from coach_engine.store.base import Store


@dataclass(frozen=True)
class Review:
    """A solution's feedback, and why it has no narrative when a provider failed."""

    feedback: Feedback
    warning: str | None = None


async def with_narrative(
    feedback: Feedback,
    client: LLMClient,
    *,
    code: str,
    language: str,
    store: AsyncStore | Store | None = None,
    transcript: Sequence[Any] | None = None,
    fallback: bool = True,
) -> Review:
    """``feedback`` with ``client``'s narrative merged in (the judge's scores stand).

    On a provider failure: with ``fallback`` the measured feedback alone and a warning naming
    the failure; without it the ``ProviderError`` propagates.
    """
    from coach_engine.judge.narrative import add_narrative

    try:
        narrated = await add_narrative(
            feedback,
            client,
            code=code,
            language=language,
            store=store,
            transcript=list(transcript) if transcript else None,
        )
    except ProviderError as exc:
        if not fallback:
            raise
        return Review(feedback, f"{exc.title}: {exc.message}")
    return Review(narrated)


def choose_provider(config: Config, provider: str | None, model: str | None) -> str:
    """The provider for a narrative: ``provider`` when given, else ``provider.name``; a model
    override applies to that provider (in ``config``, which the caller owns).

    Raises:
        ValidationError: ``provider`` is not a known provider.
    """
    from coach_engine.providers.registry import PROVIDERS

    name = provider or config.provider.name
    if name not in PROVIDERS:
        raise ValidationError(f"unknown provider {name!r}; use one of {', '.join(PROVIDERS)}")
    if model and name != "offline":
        config.provider.name, config.provider.model = name, model  # type: ignore[assignment]
    return name


class SolutionFeedback:
    """Measured feedback on a solution for one user (a narrative's usage is recorded as
    theirs)."""

    def __init__(self, store: AsyncStore, user_id: str, bank: ProblemBank, config: Config) -> None:
        self._store = store
        self._user_id = user_id
        self._bank = bank
        self._config = config

    async def review(
        self,
        problem: str,
        code: str,
        language: str,
        *,
        transcript: str | None = None,
        hints_used: int = 0,
        reveals_used: int = 0,
        budget_s: float = 10.0,
        backend: str | None = None,
        provider: str | None = None,
        model: str | None = None,
    ) -> Review:
        """Judge ``code`` on ``problem`` and add the chosen provider's narrative.

        ``transcript`` is a transcript file's text (JSON ``[{role, content}]`` or ``me:`` /
        ``interviewer:`` lines). ``provider`` defaults to the configured one; ``offline`` means
        the judge alone. If the provider fails and ``provider.fallback_offline`` is set, the
        judge's feedback comes back with a warning; otherwise the ``ProviderError`` propagates.

        Raises:
            ValidationError: unknown provider, unreadable transcript.
            ProblemError: no such problem.
            ProviderError: the provider failed and fallback is off.
        """
        from coach_engine.judge import judge
        from coach_engine.judge.transcript import parse
        from coach_engine.sandbox_policy import SandboxPolicy

        config = self._config.model_copy(deep=True)  # a --model override stays in this call
        name = choose_provider(config, provider, model)
        turns = parse(transcript) if transcript is not None else None
        spec = self._bank.get(problem)
        rubric = await self._store.get_rubric("coding")
        feedback = await judge(
            spec,
            code,
            language,
            transcript=turns,
            hints_used=hints_used,
            reveals_used=reveals_used,
            budget_s=budget_s,
            rubric=rubric,
            # the settings' sandbox policy (backend, consent, default limits), as everywhere
            runner=SandboxPolicy(config, backend=backend),
        )
        if name == "offline":
            return Review(feedback)
        from coach_engine.providers.client import LLMClient
        from coach_engine.providers.registry import build_provider

        try:
            llm = build_provider(config, name=name)  # a missing key is a provider failure too
        except ProviderError as exc:
            if not config.provider.fallback_offline:
                raise
            return Review(feedback, f"{exc.title}: {exc.message}")
        try:
            # the provider client logs its calls through the AsyncStore, as the interview's does
            client = LLMClient(llm, user_id=self._user_id, store=self._store, budget=config.budget)
            return await with_narrative(
                feedback,
                client,
                code=code,
                language=language,
                store=self._store,
                fallback=config.provider.fallback_offline,
            )
        finally:
            await llm.aclose()
