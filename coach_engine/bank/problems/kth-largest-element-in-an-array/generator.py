"""Kth Largest Element cases: random arrays, sorted and reverse-sorted arrays (quadratic for a
quickselect with a fixed pivot), and arrays of a few repeated values (quadratic for a two-way
partition, even with a random pivot); k near the middle for big inputs."""

import random

LO, HI = -(10**4), 10**4


def check(args):
    nums, k = args
    assert 1 <= len(nums) <= 10**5, "1 <= nums.length <= 10^5"
    assert 1 <= k <= len(nums), "1 <= k <= nums.length"
    assert all(LO <= v <= HI for v in nums), "-10^4 <= nums[i] <= 10^4"


def generate(n: int, rng: random.Random) -> list:
    """n values. Large inputs are sorted, reverse sorted, few-valued or random, with k in the
    middle third (the most work for a heap of size k and for a partial selection sort)."""
    if n >= 50000:
        kind = rng.choice(["random", "random", "sorted", "reversed", "few"])
    else:
        kind = rng.choice(["random", "sorted", "reversed", "few"])
    if kind == "few":
        values = rng.sample(range(-3, 4), rng.randint(3, 7) if n >= 50000 else rng.randint(1, 3))
        nums = [rng.choice(values) for _ in range(n)]
    else:
        span = 1000 if n >= 50000 else rng.choice([5, 100, HI])  # 1000: smaller tests.json
        nums = [rng.randint(-span, span) for _ in range(n)]
        if kind == "sorted":
            nums.sort()
        elif kind == "reversed":
            nums.sort(reverse=True)
    if n >= 1000:
        k = rng.randint(n // 3, 2 * n // 3)
    else:
        k = rng.choice([1, n, rng.randint(1, n)])
    return [nums, k]


def timing(n: int, rng: random.Random) -> list:
    """The judge's timing input: the large cases' shape at every n — k in the middle third,
    values over a range proportional to n, sorted, reversed, or random with every copy of the
    answer last (a scan that stops at the answer does the same share of its work at every n;
    few-valued inputs would let it stop at a random early position)."""
    kind = rng.choice(["sorted", "reversed", "late"])
    k = rng.randint(1, 2)  # which third's end: drawn before the values, like the kind
    span = max(1, min(HI, n // 50))  # 1000 at n = 50000, as generate's large cases
    nums = [rng.randint(-span, span) for _ in range(n)]
    k = max(1, n * (k + 1) // 6)  # n/3 or n/2
    if kind == "late":
        answer = sorted(nums, reverse=True)[k - 1]
        nums = [v for v in nums if v != answer] + [v for v in nums if v == answer]
    else:
        nums.sort(reverse=kind == "reversed")
    return [nums, k]


def edge_cases() -> list:
    return [
        [[1], 1],
        [[-10000], 1],
        [[10000], 1],
        [[1, 2], 1],
        [[1, 2], 2],
        [[2, 1], 1],
        [[5, 5, 4], 2],
        [[5, 5, 4], 3],
        [[-1, -1], 2],
        [[3, 3, 3, 3, 3], 4],
        [[-3, -1, -2, -5, -4], 1],
        [[-3, -1, -2, -5, -4], 5],
        [[0, -10000, 10000, 0], 2],
        [[10000] * 7 + [-10000] * 7, 7],
        [[10000] * 7 + [-10000] * 7, 8],
        [[7, 6, 5, 4, 3, 2, 1], 5],
        [list(range(1, 2001)), 1000],
        [list(range(2000, 0, -1)), 2000],
        [[2, 1] * 1000, 1001],
        [[0] * 10000, 5000],
    ]
