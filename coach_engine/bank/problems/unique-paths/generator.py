"""Unique Paths cases: one side of the grid is n, the other is as large as the 2 * 10^9 answer
bound allows (often exactly the largest allowed, to reach the biggest counts)."""

import math
import random

LIMIT = 2 * 10**9


def paths(m: int, n: int) -> int:
    return math.comb(m + n - 2, m - 1)


def check(args):
    m, n = args
    assert 1 <= m <= 100 and 1 <= n <= 100, "1 <= m, n <= 100"
    assert paths(m, n) <= LIMIT, "the answer is at most 2 * 10^9"


def widest(n: int) -> int:
    """The largest other side k with paths(n, k) within the bound."""
    k = 1
    while k < 100 and paths(n, k + 1) <= LIMIT:
        k += 1
    return k


def generate(n: int, rng: random.Random) -> list:
    """One side is n; the other is the widest allowed or close to it (the largest answers), or
    for small n anything allowed. Either side may be the long one."""
    top = widest(n)
    if n == 100:
        k = top - rng.randint(0, 2)
    else:
        k = top if rng.random() < 0.5 else rng.randint(1, top)
    return [n, k] if rng.random() < 0.5 else [k, n]


def edge_cases() -> list:
    return [
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 2],
        [1, 100],
        [100, 1],
        [2, 100],
        [100, 2],
        [3, 3],
        [10, 10],
        [16, 16],
        [17, 17],
        [17, 18],
        [18, 17],
        [13, 23],
        [100, 3],
        [4, 100],
    ]
