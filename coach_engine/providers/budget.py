"""Budget caps, enforced *before* a call from an estimate, so a refused call costs nothing.

Two caps from ``config.budget``: ``per_day_usd`` over every call of the user's local day, and
``per_feedback_usd`` over the calls of one feedback run (an ``Allowance`` the feedback job
creates and passes to each call). The estimate is deliberately pessimistic: prompt tokens ≈
chars/4 plus the full ``max_tokens`` of output, priced with ``pricing.price_for`` (unknown
hosted models at the conservative rate). Free calls (local and offline models) are never refused.

Both caps *reserve* the estimate while a call is in flight, so calls made at once cannot all
pass a cap that only one of them fits: the daily cap through a reservation row the store writes
in the same transaction as its sum (``Store.reserve_llm_call``), the allowance by holding the
estimate in memory (``Allowance.hold``; it lives on one event loop) until the call is charged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from coach_engine.config import BudgetConfig
from coach_engine.providers.pricing import Price
from coach_engine.providers.types import ChatMessage, ProviderCallError, estimate_prompt_tokens

OFFLINE_FIX = "or use the offline coach (`coach config set provider.name offline`)"


@dataclass
class Allowance:
    """A cap shared by the calls of one unit of work (a feedback run); tracks its spending."""

    limit_usd: float
    label: str = "feedback"
    spent_usd: float = 0.0
    held_usd: float = 0.0
    """Estimates of the calls in flight (held by ``hold``, released when they are charged)."""

    @classmethod
    def for_feedback(cls, budget: BudgetConfig) -> Allowance:
        return cls(limit_usd=budget.per_feedback_usd, label="feedback")

    def hold(self, usd: float) -> None:
        """Reserve a call's estimate until ``charge(..., held=usd)`` settles it."""
        self.held_usd += usd

    def charge(self, usd: float, *, held: float = 0.0) -> None:
        """Count what a call cost, releasing the estimate it held."""
        self.held_usd = max(self.held_usd - held, 0.0)
        self.spent_usd += usd


@dataclass(frozen=True)
class Estimate:
    input_tokens: int
    output_tokens: int
    usd: float
    price_known: bool


def estimate(messages: Sequence[ChatMessage], max_tokens: int, price: Price) -> Estimate:
    """Most a call can cost: the prompt's estimated tokens plus every allowed output token."""
    tokens_in = estimate_prompt_tokens(messages)
    return Estimate(tokens_in, max_tokens, price.cost(tokens_in, max_tokens), price.known)


def start_of_day(now: datetime | None = None) -> datetime:
    """Midnight of ``now``'s day in its timezone (default: the machine's local time)."""
    now = now if now is not None and now.tzinfo is not None else datetime.now().astimezone()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _suggest(needed: float, limit: float) -> str:
    """A round new limit that would let the call through."""
    return f"{max(math.ceil(needed * 20) / 20, limit * 2, 0.05):.2f}"


def check_budget(
    est: Estimate,
    *,
    budget: BudgetConfig,
    model: str,
    spent_today_usd: float | None,
    allowance: Allowance | None = None,
) -> None:
    """Refuse a call that could push spending past a cap.

    ``spent_today_usd`` None means no store is attached and the daily cap cannot be checked.

    Raises:
        ProviderCallError: ``kind="budget"``, title "Budget exceeded", with the fix.
    """
    if est.usd <= 0:
        return
    cost = f"up to ${est.usd:.4f} (≈{est.input_tokens} prompt + {est.output_tokens} answer tokens"
    cost += f" on {model}" + ("" if est.price_known else ", not in the price table: priced high")
    cost += ")"
    committed = 0.0 if allowance is None else allowance.spent_usd + allowance.held_usd
    if allowance is not None and committed + est.usd > allowance.limit_usd:
        needed = committed + est.usd
        in_flight = f" (${allowance.held_usd:.4f} of it by calls in flight)"
        raise ProviderCallError(
            f"this {allowance.label} call would cost {cost}; with ${committed:.4f} "
            f"already spent{in_flight if allowance.held_usd else ''} that passes the "
            f"${allowance.limit_usd:.2f} per-{allowance.label} "
            f"budget. Raise it (`coach config set budget.per_feedback_usd "
            f"{_suggest(needed, allowance.limit_usd)}`), choose a cheaper model "
            f"(`coach config set provider.model …`), {OFFLINE_FIX}",
            kind="budget",
        )
    if spent_today_usd is not None and spent_today_usd + est.usd > budget.per_day_usd:
        needed = spent_today_usd + est.usd
        raise ProviderCallError(
            f"this call would cost {cost}; ${spent_today_usd:.4f} of today's "
            f"${budget.per_day_usd:.2f} budget is already spent. Raise it (`coach config set "
            f"budget.per_day_usd {_suggest(needed, budget.per_day_usd)}`), wait until tomorrow, "
            f"{OFFLINE_FIX}",
            kind="budget",
        )
