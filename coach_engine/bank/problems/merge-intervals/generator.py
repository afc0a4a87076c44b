"""Merge Intervals cases: intervals on [0, 10^4], from sparse to heavily overlapping."""

import random

HI = 10**4


def check(args):
    (intervals,) = args
    assert 1 <= len(intervals) <= 10**4, "1 <= intervals.length <= 10^4"
    assert all(len(iv) == 2 for iv in intervals), "intervals[i].length == 2"
    assert all(0 <= s <= e <= HI for s, e in intervals), "0 <= start <= end <= 10^4"


def generate(n: int, rng: random.Random) -> list:
    """n intervals; for large n mostly short ones, so many merged ranges survive (the quadratic
    brute force compares against all of them)."""
    max_len = rng.choice([0, 1, 3]) if n >= 1000 else rng.choice([0, 2, 10, 100, 5000])
    lo, hi = (0, HI) if n >= 50 or rng.random() < 0.5 else (0, 3 * n)
    out = []
    for _ in range(n):
        s = rng.randint(lo, hi)
        out.append([s, min(HI, s + rng.randint(0, max_len))])
    return [out]


def edge_cases() -> list:
    rng = random.Random(56)
    spread = [[2 * i, 2 * i] for i in range(5000)]
    rng.shuffle(spread)
    nested = [[i, HI - i] for i in range(5000)]
    rng.shuffle(nested)
    chain = [[i, i + 1] for i in range(HI)]
    rng.shuffle(chain)
    return [
        [[[0, 0]]],
        [[[10000, 10000]]],
        [[[0, 10000]]],
        [[[5, 5], [5, 5]]],
        [[[1, 2], [3, 4]]],
        [[[3, 4], [1, 2]]],
        [[[1, 10], [2, 3], [4, 5]]],
        [[[2, 3], [4, 5], [6, 7], [8, 9], [1, 10]]],
        [[[1, 4], [0, 0]]],
        [[[1, 4], [0, 1]]],
        [[[0, 2], [3, 5], [6, 8], [2, 6]]],
        [[[1, 3], [1, 3], [1, 3]]],
        [[[0, 0], [1, 1], [2, 2], [0, 2]]],
        [spread + [[10000, 10000]]],
        [nested],
        [chain],
    ]
