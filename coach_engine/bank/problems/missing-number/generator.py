"""Missing Number cases: a shuffled 0..n with one value taken out."""

import random


def check(args):
    (nums,) = args
    n = len(nums)
    assert 1 <= n <= 10**4, "1 <= n <= 10^4"
    assert all(0 <= v <= n for v in nums), "0 <= nums[i] <= n"
    assert len(set(nums)) == n, "all numbers are unique"


def generate(n: int, rng: random.Random) -> list:
    """Large cases miss n or a value near it, so checking candidates 0, 1, 2, ... in turn
    (the quadratic approach) tries almost all of them."""
    if n >= 1000:
        missing = n - min(n, int(rng.expovariate(0.2)))
    else:
        missing = rng.choice([0, n, rng.randint(0, n)])
    nums = [v for v in range(n + 1) if v != missing]
    rng.shuffle(nums)
    return [nums]


def edge_cases() -> list:
    n = 10**4
    return [
        [[0]],
        [[1]],
        [[1, 0]],
        [[0, 2]],
        [[2, 1]],
        [[1, 2, 3]],
        [[0, 1, 2]],
        [[3, 2, 0]],
        [[5, 4, 3, 2, 1]],
        [list(range(n))],
        [list(range(n, 0, -1))],
        [[v for v in range(n + 1) if v != n // 2]],
    ]
