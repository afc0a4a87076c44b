"""Median of Two Sorted Arrays cases: random splits of m + n values, interleaved or disjoint."""

import random

LEN_MAX, V = 1000, 10**6


def check(args):
    nums1, nums2 = args
    assert 0 <= len(nums1) <= LEN_MAX and 0 <= len(nums2) <= LEN_MAX, "0 <= m, n <= 1000"
    assert 1 <= len(nums1) + len(nums2) <= 2 * LEN_MAX, "1 <= m + n <= 2000"
    for a in (nums1, nums2):
        assert all(-V <= v <= V for v in a), "-10^6 <= nums1[i], nums2[i] <= 10^6"
        assert all(a[i] <= a[i + 1] for i in range(len(a) - 1)), "arrays are sorted"


def generate(n: int, rng: random.Random) -> list:
    """n values split between the arrays; the layout decides how the two value ranges overlap."""
    m = rng.randint(max(0, n - LEN_MAX), min(n, LEN_MAX))
    span = rng.choice([3, 100, V])
    layout = rng.choice(["interleaved", "interleaved", "disjoint", "nested"])
    if layout == "interleaved":
        a = sorted(rng.randint(-span, span) for _ in range(m))
        b = sorted(rng.randint(-span, span) for _ in range(n - m))
    elif layout == "disjoint":  # every value of one array is below every value of the other
        cut = rng.randint(-span, span)
        a = sorted(rng.randint(-span, cut) for _ in range(m))
        b = sorted(rng.randint(cut, span) for _ in range(n - m))
        if rng.random() < 0.5:
            a, b = b, a
    else:  # one array's values lie in the middle of the other's range
        a = sorted(rng.randint(-span, span) for _ in range(m))
        b = sorted(rng.randint(-span // 4, span // 4) for _ in range(n - m))
    return [a, b]


def edge_cases() -> list:
    return [
        [[], [1]],
        [[2], []],
        [[], [2, 3]],
        [[1], [1]],
        [[-V], [V]],
        [[V], [-V, V]],
        [[1, 2], [1, 2]],
        [[5, 5, 5], [5, 5, 5, 5]],
        [[1, 2, 3], [4, 5, 6]],
        [[4, 5, 6], [1, 2, 3]],
        [[1, 3, 5, 7], [2, 4, 6, 8]],
        [[-7, -3, -1], [-6, -4]],
        [[1], [2, 3, 4, 5, 6, 7]],
        [[100], [1, 2, 3, 4, 5, 6]],
        [[0, 0], [-1, 1]],
        [[-V] * LEN_MAX, [V] * LEN_MAX],  # median is the mean of -10^6 and 10^6
        [[], list(range(-LEN_MAX, 2 * LEN_MAX, 3))],
        [[V - 1], list(range(V - LEN_MAX, V))],
    ]
