"""``LLMClient``: how the engine calls a provider — budget check, call, cost, log.

Every call made through it is logged to the store exactly once, whether it succeeded, failed,
was refused by a budget cap or was abandoned by the caller. A failed call that received no text
is logged with zero tokens and cost (providers do not bill refused or failed requests); one cut
off mid-answer is logged with estimated tokens and cost, to stay on the safe side of the budget.

The log row is written *before* the call, holding its estimated cost (outcome ``pending``): the
daily cap's sum and that insert are one store transaction (``reserve_llm_call``), so concurrent
calls cannot all pass a cap only one fits. When the call ends the row is settled with what it
really cost; a process killed mid-call leaves the estimate counted (the safe side).

No store call runs on the event loop: the client awaits the engine's ``AsyncStore`` (a plain
``Store`` is run in ``asyncio.to_thread`` instead, for callers that have no ``AsyncStore``).
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
    from coach_engine.store.aio import AsyncStore
    from coach_engine.store.base import Store

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
PENDING = "pending"
"""Outcome of a call's row while the call is in flight (its cost is the estimate)."""


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
        store: AsyncStore | Store | None = None,
        budget: BudgetConfig | None = None,
        session_id: str | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        from coach_engine.store.aio import AsyncStore

        self.provider = provider
        self.user_id = user_id
        self.astore = store if isinstance(store, AsyncStore) else None
        self.store: Store | None = store.store if isinstance(store, AsyncStore) else store
        """The synchronous store, only ever called in a worker thread (see ``_in_thread``)."""
        self.budget = budget or BudgetConfig.model_validate({})
        self.session_id = session_id
        self._now = now
        self._background: set[asyncio.Future[bool]] = set()

    @property
    def price(self) -> Price:
        return price_for(self.provider.model, local=self.provider.is_local)

    async def _in_thread(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run blocking store work off the event loop."""
        if self.astore is not None:
            return await self.astore.run(fn, *args, **kwargs)
        return await asyncio.to_thread(fn, *args, **kwargs)

    def _today(self) -> datetime:
        return budgets.start_of_day(self._now().astimezone())

    async def spent_today(self) -> float | None:
        """Today's spending of the user (this machine's local day; calls in flight count at
        their estimate), or None without a store."""
        if self.store is None:
            return None
        return await self._in_thread(self.store.llm_cost_since, self.user_id, self._today())

    # calls --------------------------------------------------------------------------------
    async def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        prompt: PromptLike | None = None,
        options: BaseModel | Mapping[str, Any] | None = None,
        allowance: budgets.Allowance | None = None,
    ) -> StreamResponse:
        """Check and reserve the budget now (raising before anything is sent), then return the
        answer's stream (the request goes out when it is iterated)."""
        return await self._start(messages, prompt, options, allowance, stream=True)

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        prompt: PromptLike | None = None,
        options: BaseModel | Mapping[str, Any] | None = None,
        allowance: budgets.Allowance | None = None,
    ) -> Completion:
        """The whole answer, with usage, cost and the id of its log row."""
        response = await self._start(messages, prompt, options, allowance, stream=False)
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

        async def mark(completion: Completion, reason: str) -> None:
            if self.store is not None and completion.call_id is not None:
                await self._in_thread(
                    self.store.set_llm_call_outcome,
                    self.user_id,
                    completion.call_id,
                    "invalid_output",
                    reason[:500],
                )

        return await complete_structured(one, messages, schema, on_invalid=mark)

    # internals ----------------------------------------------------------------------------
    async def _start(
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
            # the allowance is checked and held with no await in between: atomic on the loop
            budgets.check_budget(
                est,
                budget=self.budget,
                model=self.provider.model,
                spent_today_usd=None,
                allowance=allowance,
            )
            if allowance is not None:
                allowance.hold(est.usd)
            # Shielded: a caller cancelled while the row is being written must not leave it
            # pending (its estimate would count all day); it is settled as cancelled instead.
            reservation = asyncio.ensure_future(self._reserve(base, est, price.known))
            try:
                reserved = await asyncio.shield(reservation)
            except BaseException as exc:
                if allowance is not None:
                    allowance.charge(0.0, held=est.usd)
                if isinstance(exc, asyncio.CancelledError):
                    reservation.add_done_callback(lambda r: self._abandoned(r, base))
                raise
        except ProviderCallError as exc:
            if exc.kind == "budget":
                refused = {"outcome": "budget", "error_message": str(exc)}
                await self._log(base.model_copy(update=refused))
            raise

        def settle(resp: StreamResponse | None, error: BaseException | None) -> LLMCall:
            usage = self._usage(resp, error)
            cost = price.cost_of(usage)
            if resp is not None:
                resp.cost_usd = cost
            if allowance is not None:
                allowance.charge(cost, held=est.usd)
            return base.model_copy(
                update={
                    "model": (resp.stats.model if resp else None) or self.provider.model,
                    "input_tokens": usage.input_tokens,
                    "output_tokens": usage.output_tokens,
                    "tokens_estimated": usage.estimated,
                    "cost_usd": cost,
                    "cost_known": price.known,
                    "latency_ms": resp.latency_ms if resp else 0,
                    "first_token_ms": resp.first_chunk_ms if resp else None,
                    "attempts": resp.stats.attempts if resp else 0,
                    "outcome": _outcome(error),
                    "error_message": _error_text(error),
                }
            )

        try:
            response = self.provider.start(messages, opts, stream=stream)
        except BaseException as exc:  # nothing was sent: settle the reservation at zero
            if reserved:
                await self._settle(settle(None, exc))
            raise

        async def done(resp: StreamResponse, error: BaseException | None) -> None:
            call = settle(resp, error)
            logged = await self._settle(call) if reserved else await self._log(call)
            resp.call_id = call.id if logged else None

        response.add_done_callback(done)
        return response

    def _abandoned(self, reservation: asyncio.Future[bool], base: LLMCall) -> None:
        """The caller left while its call's row was being written: settle the row (if it was
        written) as a cancelled call that cost nothing."""
        if reservation.cancelled() or reservation.exception() is not None:
            return
        if reservation.result():
            task = asyncio.ensure_future(
                self._settle(base.model_copy(update={"outcome": "cancelled"}))
            )
            self._background.add(task)  # a reference until it is done (tasks are weakly held)
            task.add_done_callback(self._background.discard)

    async def _reserve(self, base: LLMCall, est: budgets.Estimate, price_known: bool) -> bool:
        """Write the call's row before it is made, holding its estimate against today's cap
        (free calls are never refused). Returns False without a store (nothing is logged).

        Raises:
            ProviderCallError: ``kind="budget"`` — today's spending plus the estimate passes
                ``budget.per_day_usd``; nothing was logged yet.
        """
        if self.store is None:
            return False
        held = base.model_copy(
            update={"cost_usd": est.usd, "cost_known": price_known, "outcome": PENDING}
        )
        spent = await self._in_thread(
            self.store.reserve_llm_call,
            held,
            since=self._today(),
            limit_usd=self.budget.per_day_usd if est.usd > 0 else None,
        )
        if spent is None:
            return True
        budgets.check_budget(
            est, budget=self.budget, model=self.provider.model, spent_today_usd=spent
        )
        raise ProviderCallError(  # the store's sum and check_budget's agree; never reached
            f"today's budget (${self.budget.per_day_usd:.2f}) is spent", kind="budget"
        )

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
    def _usage(resp: StreamResponse | None, error: BaseException | None) -> Usage:
        if resp is None:
            return Usage()
        if error is None:
            return resp.usage or resp.estimated_usage()
        if not resp.text:
            return Usage(estimated=resp.usage is None)
        return resp.usage or resp.estimated_usage()

    async def _log(self, call: LLMCall) -> bool:
        if self.store is None:
            return False
        try:
            await self._in_thread(self.store.add_llm_call, call)
        except Exception as exc:  # logging must never turn a good answer into a failure
            logger.warning("could not log a %s call: %s", call.provider, exc)
            return False
        return True

    async def _settle(self, call: LLMCall) -> bool:
        """Replace the reserved row with what the call cost (a failure leaves the estimate)."""
        assert self.store is not None  # only reserved calls are settled
        try:
            await self._in_thread(self.store.settle_llm_call, call)
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
