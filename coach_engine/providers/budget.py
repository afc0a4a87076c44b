"""Budget caps, enforced *before* a call from an estimate, so a refused call costs nothing.

Two caps from ``config.budget``: ``per_day_usd`` over every call of the user's local day, and
``per_feedback_usd`` over the calls of one feedback run (an ``Allowance`` the feedback job
creates and passes to each call). The estimate is deliberately pessimistic: prompt tokens ≈
chars/4 plus the full ``max_tokens`` of output, priced with ``pricing.price_for`` (unknown
hosted models at the conservative rate). Free calls (local and offline models) are never refused.
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

    @classmethod
    def for_feedback(cls, budget: BudgetConfig) -> Allowance:
        return cls(limit_usd=budget.per_feedback_usd, label="feedback")

    def charge(self, usd: float) -> None:
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
    if allowance is not None and allowance.spent_usd + est.usd > allowance.limit_usd:
        needed = allowance.spent_usd + est.usd
        raise ProviderCallError(
            f"this {allowance.label} call would cost {cost}; with ${allowance.spent_usd:.4f} "
            f"already spent that passes the ${allowance.limit_usd:.2f} per-{allowance.label} "
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
