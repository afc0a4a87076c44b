"""Subsets cases: distinct values from [-10, 10], negatives and zero included."""

import random

VALUES = range(-10, 11)


def check(args):
    (nums,) = args
    assert 1 <= len(nums) <= 10, "1 <= nums.length <= 10"
    assert all(-10 <= v <= 10 for v in nums), "-10 <= nums[i] <= 10"
    assert len(set(nums)) == len(nums), "all the numbers are unique"


def generate(n: int, rng: random.Random) -> list:
    """n distinct values in random order (sorted now and then)."""
    nums = rng.sample(VALUES, n)
    if rng.random() < 0.25:
        nums.sort(reverse=rng.random() < 0.5)
    return [nums]


def edge_cases() -> list:
    return [
        [[0]],
        [[-10]],
        [[10]],
        [[1, 2]],
        [[2, 1]],
        [[-10, 10]],
        [[0, -1]],
        [[5, -5, 0]],
        [[-1, -2, -3, -4]],
        [list(range(-10, 0))],
        [list(range(1, 11))],
        [list(range(-5, 5))],
        [[10, -10, 9, -9, 8, -8, 7, -7, 0, 1]],
    ]
