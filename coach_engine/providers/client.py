"""``LLMClient``: how the engine calls a provider — budget check, call, cost, log.

Every call made through it is logged to the store exactly once, whether it succeeded, failed,
was refused by a budget cap or was abandoned by the caller. A failed call that received no text
is logged with zero tokens and cost (providers do not bill refused or failed requests); one cut
off mid-answer is logged with estimated tokens and cost, to stay on the safe side of the budget.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel

from coach_engine.config import BudgetConfig
from coach_engine.models import utcnow
from coach_engine.providers import budget as budgets
from coach_engine.providers.base import Provider
from coach_engine.providers.calllog import LLMCall
from coach_engine.providers.pricing import Price, price_for
from coach_engine.providers.response import StreamResponse
from coach_engine.providers.structured import Structured, complete_structured
from coach_engine.providers.types import ChatMessage, Completion, ProviderCallError, Usage

if TYPE_CHECKING:  # runtime import would cycle: the store imports calllog from this package
    from coach_engine.store.base import Store

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)


class PromptLike(Protocol):
    """What a call needs to know about its prompt (``prompts.PromptTemplate`` fits)."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int | str: ...


class LLMClient:
    """Provider calls on behalf of one user (and optionally one session)."""

    def __init__(
        self,
        provider: Provider,
        *,
        user_id: str,
        store: Store | None = None,
        budget: BudgetConfig | None = None,
        session_id: str | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.provider = provider
        self.user_id = user_id
        self.store = store
        self.budget = budget or BudgetConfig.model_validate({})
        self.session_id = session_id
        self._now = now

    @property
    def price(self) -> Price:
        return price_for(self.provider.model, local=self.provider.is_local)

    def spent_today(self) -> float | None:
        """Today's spending of the user (this machine's local day), or None without a store."""
        if self.store is None:
            return None
        today = budgets.start_of_day(self._now().astimezone())
        return self.store.llm_cost_since(self.user_id, today)

    # calls --------------------------------------------------------------------------------
    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        prompt: PromptLike | None = None,
        options: BaseModel | Mapping[str, Any] | None = None,
        allowance: budgets.Allowance | None = None,
    ) -> StreamResponse:
        """Check the budget now (raising before anything is sent), then stream the answer."""
        return self._start(messages, prompt, options, allowance, stream=True)

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        prompt: PromptLike | None = None,
        options: BaseModel | Mapping[str, Any] | None = None,
        allowance: budgets.Allowance | None = None,
    ) -> Completion:
        """The whole answer, with usage, cost and the id of its log row."""
        response = self._start(messages, prompt, options, allowance, stream=False)
        await response.collect()
        return response.completion().model_copy(
            update={"cost_usd": response.cost_usd, "call_id": response.call_id}
        )

    async def complete_structured(
        self,
        messages: Sequence[ChatMessage],
        schema: type[M],
        *,
        prompt: PromptLike | None = None,
        options: BaseModel | Mapping[str, Any] | None = None,
        allowance: budgets.Allowance | None = None,
    ) -> Structured[M]:
        """JSON validated as ``schema`` (see ``structured``); invalid answers are re-labelled
        ``invalid_output`` in the log."""

        async def one(conversation: list[ChatMessage]) -> Completion:
            return await self.complete(
                conversation, prompt=prompt, options=options, allowance=allowance
            )

        def mark(completion: Completion, reason: str) -> None:
            if self.store is not None and completion.call_id is not None:
                self.store.set_llm_call_outcome(
                    self.user_id, completion.call_id, "invalid_output", reason[:500]
                )

        return await complete_structured(one, messages, schema, on_invalid=mark)

    # internals ----------------------------------------------------------------------------
    def _start(
        self,
        messages: Sequence[ChatMessage],
        prompt: PromptLike | None,
        options: BaseModel | Mapping[str, Any] | None,
        allowance: budgets.Allowance | None,
        *,
        stream: bool,
    ) -> StreamResponse:
        opts = self.provider.parse_options(options)
        price = self.price
        est = budgets.estimate(messages, opts.max_tokens, price)
        base = self._row(prompt, opts, streamed=stream)
        try:
            budgets.check_budget(
                est,
                budget=self.budget,
                model=self.provider.model,
                spent_today_usd=self.spent_today() if est.usd > 0 else None,
                allowance=allowance,
            )
        except ProviderCallError as exc:
            self._log(base.model_copy(update={"outcome": "budget", "error_message": str(exc)}))
            raise
        response = self.provider.start(messages, opts, stream=stream)

        def done(resp: StreamResponse, error: BaseException | None) -> None:
            usage = self._usage(resp, error)
            cost = price.cost_of(usage)
            resp.cost_usd = cost
            if allowance is not None:
                allowance.charge(cost)
            call = base.model_copy(
                update={
                    "model": resp.stats.model or self.provider.model,
                    "input_tokens": usage.input_tokens,
                    "output_tokens": usage.output_tokens,
                    "tokens_estimated": usage.estimated,
                    "cost_usd": cost,
                    "cost_known": price.known,
                    "latency_ms": resp.latency_ms,
                    "first_token_ms": resp.first_chunk_ms,
                    "attempts": resp.stats.attempts,
                    "outcome": _outcome(error),
                    "error_message": _error_text(error),
                }
            )
            resp.call_id = call.id if self._log(call) else None

        response.add_done_callback(done)
        return response

    def _row(self, prompt: PromptLike | None, opts: Provider.Options, *, streamed: bool) -> LLMCall:
        return LLMCall(
            user_id=self.user_id,
            session_id=self.session_id,
            provider=self.provider.name,
            model=self.provider.model,
            prompt_id=prompt.id if prompt is not None else None,
            prompt_version=str(prompt.version) if prompt is not None else None,
            options=opts.model_dump(exclude_none=True),
            streamed=streamed,
            attempts=0,
        )

    @staticmethod
    def _usage(resp: StreamResponse, error: BaseException | None) -> Usage:
        if error is None:
            return resp.usage or resp.estimated_usage()
        if not resp.text:
            return Usage(estimated=resp.usage is None)
        return resp.usage or resp.estimated_usage()

    def _log(self, call: LLMCall) -> bool:
        if self.store is None:
            return False
        try:
            self.store.add_llm_call(call)
        except Exception as exc:  # logging must never turn a good answer into a failure
            logger.warning("could not log a %s call: %s", call.provider, exc)
            return False
        return True


def _outcome(error: BaseException | None) -> str:
    if error is None:
        return "ok"
    if isinstance(error, ProviderCallError):
        return error.kind
    if isinstance(error, asyncio.CancelledError):
        return "cancelled"
    return "error"


def _error_text(error: BaseException | None) -> str | None:
    if error is None or isinstance(error, asyncio.CancelledError):
        return None
    if isinstance(error, ProviderCallError):
        return error.message[:500]  # already redacted by the provider
    return type(error).__name__  # an unexpected error's text could hold anything
