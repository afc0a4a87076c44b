"""Binary Search cases: sorted distinct values in (-10^4, 10^4); target present or absent."""

import random

LO, HI = -9999, 9999  # -10^4 < value < 10^4


def check(args):
    nums, target = args
    assert 1 <= len(nums) <= 10**4, "1 <= nums.length <= 10^4"
    assert all(LO <= v <= HI for v in nums), "-10^4 < nums[i] < 10^4"
    assert LO <= target <= HI, "-10^4 < target < 10^4"
    assert all(a < b for a, b in zip(nums, nums[1:])), "sorted ascending, all unique"


def _absent(nums: list, rng: random.Random) -> int:
    """A value in range that is not in nums (beyond either end or in a gap)."""
    present = set(nums)
    for _ in range(100):
        v = rng.choice([rng.randint(LO, HI), nums[-1] + 1, nums[0] - 1])
        if LO <= v <= HI and v not in present:
            return v
    return next(v for v in range(LO, HI + 1) if v not in present)


def generate(n: int, rng: random.Random) -> list:
    """n sorted distinct values. Large cases look for the last element or for a missing value,
    the worst cases of a left-to-right scan."""
    nums = sorted(rng.sample(range(LO, HI + 1), n))
    if n >= 1000:
        target = nums[-1] if rng.random() < 0.5 else _absent(nums, rng)
    elif rng.random() < 0.5:
        target = rng.choice(nums)
    else:
        target = _absent(nums, rng)
    return [nums, target]


def edge_cases() -> list:
    full = list(range(0, 10**4))
    return [
        [[5], 5],
        [[5], -5],
        [[-9999], -9999],
        [[9999], -9999],
        [[1, 2], 1],
        [[1, 2], 2],
        [[1, 2], 3],
        [[1, 3], 2],
        [[-5, -3, -1], -3],
        [[-5, -3, -1], 0],
        [[-5, -3, -1], -6],
        [[-9999, 9999], 9999],
        [[-9999, 9999], 0],
        [[2, 4, 6, 8, 10, 12, 14], 2],
        [[2, 4, 6, 8, 10, 12, 14], 14],
        [[2, 4, 6, 8, 10, 12, 14], 9],
        [[2, 4, 6, 8, 10, 12, 14, 16], 10],
        [full, 9999],
        [full, -1],
        [list(range(-9990, 10)), 10],
    ]
