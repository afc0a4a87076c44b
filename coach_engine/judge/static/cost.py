"""Symbolic costs: monomials over named input sizes, with the evidence that produced them.

A `Cost` is n_1^a · n_2^b · log^k · (2^n if exponential); sizes are named after the input they
measure (`nums`, `grid` rows, `grid[]` columns, an int parameter `n`). Adding two costs keeps the
larger (big-O of a sum); multiplying adds exponents. A `Term` is a cost plus its evidence lines
and the confidence of the reasoning that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach_engine.judge.static.bigo import BigO, poly_class
from coach_engine.judge.static.models import Confidence, Evidence, weakest


@dataclass(frozen=True)
class Cost:
    dims: tuple[tuple[str, float], ...] = ()  # exponents are whole, or halves (√n)
    log: int = 0
    exp: bool = False

    @property
    def degree(self) -> float:
        return sum(e for _, e in self.dims)

    @property
    def constant(self) -> bool:
        return not self.dims and not self.log and not self.exp

    def key(self) -> tuple[bool, float, int, int]:
        return (self.exp, self.degree, self.log, len(self.dims))

    def __mul__(self, other: Cost) -> Cost:
        merged = dict(self.dims)
        for name, e in other.dims:
            merged[name] = merged.get(name, 0.0) + e
        return Cost(tuple(sorted(merged.items())), self.log + other.log, self.exp or other.exp)

    def big_o(self) -> BigO:
        return poly_class(self.degree, self.log, self.exp, len(self.dims))

    def names(self) -> list[str]:
        return [n for n, _ in self.dims]


ONE = Cost()
LOG = Cost(log=1)
EXP = Cost(exp=True)


def dim(name: str) -> Cost:
    return Cost(((name, 1),))


def root(c: Cost) -> Cost:
    """√c: what a counter reaches while its square stays below c (`while i * i <= n`)."""
    return Cost(tuple((n, e / 2) for n, e in c.dims), c.log, c.exp)


def power_label(label: str, e: float) -> str:
    """`n`, `√n`, `n^2`, `n^1.5` for a size named `label` raised to `e`."""
    if e == 1:
        return label
    if e == 0.5:
        return f"√{label}"
    return f"{label}^{e:g}"


def bigger(a: Cost, b: Cost) -> Cost:
    return b if b.key() > a.key() else a


def product(costs: list[Cost]) -> Cost:
    out = ONE
    for c in costs:
        out = out * c
    return out


def describe(c: Cost) -> str:
    """Human text for a cost using the candidate's own names: `len(nums)`, `rows×cols`, 2^n."""
    if c.exp:
        return "exponential"
    parts = []
    for name, e in c.dims:
        label = f"len({name[:-2]}[i])" if name.endswith("[]") else name
        parts.append(power_label(label, e))
    if c.log:
        parts.append("log" if c.log == 1 else f"log^{c.log}")
    return "·".join(parts) if parts else "constant"


@dataclass(frozen=True)
class Term:
    cost: Cost = ONE
    why: tuple[Evidence, ...] = ()
    confidence: Confidence = Confidence.HIGH

    def times(self, other: Term) -> Term:
        return Term(
            self.cost * other.cost, self.why + other.why, weakest(self.confidence, other.confidence)
        )

    def then(self, other: Term) -> Term:
        """Sequential composition: big-O keeps the larger term (ties keep both reasons)."""
        a, b = self.cost.key(), other.cost.key()
        if b > a:
            return other
        if a > b or other.cost.constant:
            return self
        why = self.why + tuple(e for e in other.why if e not in self.why)
        return Term(self.cost, why, weakest(self.confidence, other.confidence))

    def note(self, line: int, text: str) -> Term:
        return Term(self.cost, (*self.why, Evidence(line=line, text=text)), self.confidence)

    def unsure(self, level: Confidence) -> Term:
        return Term(self.cost, self.why, weakest(self.confidence, level))


ZERO = Term()


def seq(terms: list[Term]) -> Term:
    out = ZERO
    for t in terms:
        out = out.then(t)
    return out
