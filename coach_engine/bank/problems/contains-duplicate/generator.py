"""Contains Duplicate cases: all-distinct lists, one late repeated pair, or many repeats."""

import random

LO, HI = -(10**9), 10**9


def check(args):
    (nums,) = args
    assert 1 <= len(nums) <= 10**5, "1 <= nums.length <= 10^5"
    assert all(LO <= v <= HI for v in nums), "-10^9 <= nums[i] <= 10^9"


def generate(n: int, rng: random.Random) -> list:
    """Large cases have no repeat or a single repeat in the last position, so a solution must
    look at every element (and every pair, for the quadratic one). Values stay compact for
    large n to keep tests.json small."""
    if n >= 10**4:
        nums = rng.sample(range(-(n // 2), n - n // 2), n)
        if rng.random() < 0.5:
            nums[-1] = nums[rng.randrange(n - 1)]
        return [nums]
    mode = rng.choice(["distinct", "late", "many"])
    span = rng.choice([n, 1000, HI])
    if mode == "many" or n == 1:
        nums = [rng.randint(-span, span) for _ in range(n)]
    else:
        nums = rng.sample(range(-max(span, n), max(span, n) + 1), n)
        if mode == "late" and n >= 2:
            nums[-1] = nums[rng.randrange(n - 1)]
    return [nums]


def edge_cases() -> list:
    return [
        [[1]],
        [[-(10**9)]],
        [[7, 7]],
        [[7, -7]],
        [[0, 0]],
        [[10**9, -(10**9)]],
        [[10**9, 10**9]],
        [[-(10**9), 5, -(10**9)]],
        [[-1, -2, -3, -1]],
        [[-1, -2, -3, -4]],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]],
        [[5, 4, 3, 2, 1, 0, -1, -2, -3, -4]],
        [[2, 14, 18, 22, 22]],
        [[0] * 100],
    ]
