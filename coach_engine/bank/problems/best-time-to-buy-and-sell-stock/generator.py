"""Best Time to Buy and Sell Stock cases: random walks, falling markets, late lows and spikes."""

import random

LO, HI = 0, 10**4


def check(args):
    (prices,) = args
    assert 1 <= len(prices) <= 10**5, "1 <= prices.length <= 10^5"
    assert all(LO <= p <= HI for p in prices), "0 <= prices[i] <= 10^4"


def _walk(n: int, rng: random.Random, step: int, drift: float) -> list:
    p = rng.randint(LO, HI)
    out = []
    for _ in range(n):
        p += round(rng.uniform(-step, step) + drift)
        p = min(HI, max(LO, p))
        out.append(p)
    return out


def _large(n: int, rng: random.Random) -> list:
    """Max-size shapes with one-digit prices (compact tests.json; the quadratic scan is slow on
    any input): random digits, a market that never rises (answer 0), or a falling market whose
    only profitable trade is on the last two days."""
    mode = rng.choice(["digits", "falling", "late"])
    if mode == "digits":
        return [rng.randint(0, 9) for _ in range(n)]
    if mode == "falling":
        return sorted((rng.randint(0, 9) for _ in range(n)), reverse=True)
    return sorted((rng.randint(1, 9) for _ in range(n - 2)), reverse=True) + [0, HI]


def generate(n: int, rng: random.Random) -> list:
    """Small and medium cases vary where the best trade sits: uniform prices, random walks,
    falling and rising markets."""
    if n >= 10**4:
        return [_large(n, rng)]
    mode = rng.choice(["uniform", "walk", "walk", "falling", "rising"])
    if mode == "uniform":
        span = rng.choice([10, 100, HI])
        return [[rng.randint(LO, span) for _ in range(n)]]
    if mode == "walk":
        return [_walk(n, rng, rng.choice([3, 30, 300]), 0.0)]
    if mode == "falling":
        return [_walk(n, rng, 2, -0.2)]
    return [_walk(n, rng, 2, 0.2)]


def edge_cases() -> list:
    return [
        [[5]],
        [[0]],
        [[10**4]],
        [[1, 2]],
        [[2, 1]],
        [[3, 3]],
        [[0, 10**4]],
        [[10**4, 0]],
        [[3, 3, 5, 0, 0, 3, 1, 4]],
        [[2, 1, 2, 1, 0, 1, 2]],
        [[1, 2, 4, 2, 5, 7, 2, 4, 9, 0]],
        [[9, 8, 7, 1, 2, 3, 10, 0, 11]],
        [[5, 5, 5, 5, 5]],
        [[10**4, 9999, 9999, 5000, 1, 0]],
        [[0, 0, 0, 0, 10**4]],
    ]
