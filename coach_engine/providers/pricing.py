"""What a call costs: USD per million tokens, per model, for the common hosted models.

Prices are the providers' published list prices for standard (non-batch, non-cached) usage, as
of 2025-11; they change, so update the table and ``PRICES_AS_OF`` together. Model ids match by
longest prefix, so dated snapshots (``gpt-4o-2024-08-06``, ``claude-3-5-haiku-20241022``) and
``-latest`` aliases price like their family.

Local and offline models cost 0. A hosted model missing from the table has an *unknown* cost; it
is priced at ``UNKNOWN_HOSTED`` — the top of the mainstream tier — and marked ``known=False``, so
budget caps still bind (conservatively) instead of treating an unknown model as free. Add the
model here to get its real price.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach_engine.providers.types import Usage

PRICES_AS_OF = "2025-11"


@dataclass(frozen=True)
class Price:
    input_per_m: float
    output_per_m: float
    known: bool = True

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        """USD for that many tokens."""
        return (input_tokens * self.input_per_m + output_tokens * self.output_per_m) / 1_000_000

    def cost_of(self, usage: Usage) -> float:
        return self.cost(usage.input_tokens, usage.output_tokens)


FREE = Price(0.0, 0.0)
UNKNOWN_HOSTED = Price(5.00, 25.00, known=False)

OPENAI: dict[str, Price] = {
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4-turbo": Price(10.00, 30.00),
    "gpt-4": Price(30.00, 60.00),
    "gpt-3.5-turbo": Price(0.50, 1.50),
    "o1": Price(15.00, 60.00),
    "o1-mini": Price(1.10, 4.40),
    "o3": Price(2.00, 8.00),
    "o3-mini": Price(1.10, 4.40),
    "o4-mini": Price(1.10, 4.40),
}

ANTHROPIC: dict[str, Price] = {
    "claude-opus-4-5": Price(5.00, 25.00),
    "claude-opus-4": Price(15.00, 75.00),
    "claude-sonnet-4": Price(3.00, 15.00),
    "claude-haiku-4-5": Price(1.00, 5.00),
    "claude-3-7-sonnet": Price(3.00, 15.00),
    "claude-3-5-sonnet": Price(3.00, 15.00),
    "claude-3-5-haiku": Price(0.80, 4.00),
    "claude-3-opus": Price(15.00, 75.00),
    "claude-3-haiku": Price(0.25, 1.25),
}

TABLE: dict[str, Price] = {**OPENAI, **ANTHROPIC}


def lookup(model: str) -> Price | None:
    """The table's price for ``model`` by longest matching prefix, or None."""
    model = model.lower().strip()
    # "openai/gpt-4o" style names from routers: price the part after the vendor prefix.
    model = model.rsplit("/", 1)[-1]
    best: str | None = None
    for prefix in TABLE:
        if (model == prefix or model.startswith(prefix + "-")) and len(prefix) > len(best or ""):
            best = prefix
    return TABLE[best] if best is not None else None


def price_for(model: str, *, local: bool) -> Price:
    """The price of one model: free when local, the table's, or conservative when unknown."""
    if local:
        return FREE
    return lookup(model) or UNKNOWN_HOSTED
