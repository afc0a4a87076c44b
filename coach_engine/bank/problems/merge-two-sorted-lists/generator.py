"""Merge Two Sorted Lists cases: two sorted lists of up to 50 values in [-100, 100]."""

import random

LO, HI = -100, 100


def check(args):
    list1, list2 = args
    for name, values in (("list1", list1), ("list2", list2)):
        assert len(values) <= 50, f"{name} has at most 50 nodes"
        assert all(LO <= v <= HI for v in values), "-100 <= Node.val <= 100"
        assert values == sorted(values), f"{name} is sorted in non-decreasing order"


def _sorted_values(n: int, rng: random.Random, lo: int, hi: int) -> list:
    return sorted(rng.randint(lo, hi) for _ in range(n))


def generate(n: int, rng: random.Random) -> list:
    """Each list gets n nodes (sometimes fewer for the second); value ranges overlap fully,
    partly, or not at all, and small ranges make many equal values across the lists."""
    m = n if n == 50 or rng.random() < 0.6 else rng.randint(0, n)
    mode = rng.choice(["overlap", "overlap", "dups", "disjoint"])
    if mode == "overlap":
        a, b = _sorted_values(n, rng, LO, HI), _sorted_values(m, rng, LO, HI)
    elif mode == "dups":
        a, b = _sorted_values(n, rng, -2, 2), _sorted_values(m, rng, -2, 2)
    else:
        a, b = _sorted_values(n, rng, LO, -1), _sorted_values(m, rng, 0, HI)
        if rng.random() < 0.5:
            a, b = b, a
    if rng.random() < 0.5:
        a, b = b, a
    return [a, b]


def edge_cases() -> list:
    return [
        [[], []],
        [[], [0]],
        [[0], []],
        [[-100], [100]],
        [[100], [-100]],
        [[1], [1]],
        [[5], [1, 2, 3]],
        [[1, 2, 3], [4, 5, 6]],
        [[4, 5, 6], [1, 2, 3]],
        [[1, 3, 5, 7], [2, 4, 6, 8]],
        [[1, 1, 1], [1, 1]],
        [[-3, -2, -2, 0], [-2, -1, 0, 0]],
        [[2], [1, 3]],
        [[-100] * 50, [100] * 50],
        [[100] * 50, [-100] * 50],
        [list(range(-100, 0, 2))[:50], list(range(-99, 1, 2))[:50]],
        [[7] * 50, []],
    ]
