"""Search in Rotated Sorted Array cases: distinct sorted values rotated at every kind of pivot,
with the target present (anywhere, including the ends) or absent (inside or outside the range)."""

import random

LO, HI = -(10**4), 10**4


def check(args):
    nums, target = args
    assert 1 <= len(nums) <= 5000, "1 <= nums.length <= 5000"
    assert all(LO <= v <= HI for v in nums), "-10^4 <= nums[i] <= 10^4"
    assert len(set(nums)) == len(nums), "values are unique"
    k = min(range(len(nums)), key=nums.__getitem__)
    assert nums[k:] + nums[:k] == sorted(nums), "nums is a rotated ascending array"
    assert LO <= target <= HI, "-10^4 <= target <= 10^4"


def rotated(values: list, k: int) -> list:
    """Sorted ``values`` rotated so that the last ``k`` move to the front."""
    values = sorted(values)
    k %= len(values)
    return values[len(values) - k :] + values[: len(values) - k]


def generate(n: int, rng: random.Random) -> list:
    """n distinct values, a random rotation (sometimes none or by n-1), a present or absent target."""
    span = rng.choice([n + 2, 3 * n, HI]) if n < 5000 else rng.choice([5001, 8000, HI])
    span = min(span, HI)
    values = rng.sample(range(-span, span + 1), n)
    k = rng.choice([0, 1, n - 1, rng.randrange(n), rng.randrange(n)])
    nums = rotated(values, k)
    mode = rng.random()
    if mode < 0.6:
        target = rng.choice(nums)
    else:
        present = set(nums)
        missing = [v for v in range(-span, span + 1) if v not in present]
        if mode < 0.85 and missing:
            target = rng.choice(missing)
        else:
            target = rng.choice([LO, HI, min(nums) - 1, max(nums) + 1])
            target = max(LO, min(HI, target))
    return [nums, target]


def edge_cases() -> list:
    big = rotated(range(LO, HI, 4), 2500)  # 5000 values from -10^4 to 9996, pivot mid-array
    return [
        [[1], 1],
        [[1], 0],
        [[-10000], -10000],
        [[10000], -10000],
        [[1, 3], 3],
        [[1, 3], 2],
        [[3, 1], 1],
        [[3, 1], 3],
        [[3, 1], 2],
        [[5, 1, 3], 5],
        [[5, 1, 3], 3],
        [[5, 1, 3], 4],
        [[1, 2, 3, 4, 5, 6, 7], 7],
        [[1, 2, 3, 4, 5, 6, 7], 1],
        [[2, 3, 4, 5, 6, 7, 1], 1],
        [[7, 1, 2, 3, 4, 5, 6], 7],
        [[4, 5, 6, 7, 8, 1, 2, 3], 8],
        [[6, 7, 8, 1, 2, 3, 4, 5], 2],
        [[-3, -1, 0, 2, -10, -8], -8],
        [[-3, -1, 0, 2, -10, -8], -9],
        [[10000, -10000, -5000, 0], 10000],
        [[9999, 10000, -10000], -10000],
        [big, big[0]],
        [big, big[-1]],
        [big, 9998],
        [big, -10000],
    ]
