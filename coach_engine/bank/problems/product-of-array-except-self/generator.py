"""Product of Array Except Self cases: mostly +-1 with a few larger factors, so every prefix and
suffix product fits in 32 bits; zero, one or several zeros."""

import random

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _fits(v: int) -> bool:
    return INT_MIN <= v <= INT_MAX


def check(args):
    (nums,) = args
    assert 2 <= len(nums) <= 10**5, "2 <= nums.length <= 10^5"
    assert all(-30 <= v <= 30 for v in nums), "-30 <= nums[i] <= 30"
    p = 1
    for v in nums:
        p *= v
        assert _fits(p), "every prefix product fits in 32 bits"
    p = 1
    for v in reversed(nums):
        p *= v
        assert _fits(p), "every suffix product fits in 32 bits"
    zeros = nums.count(0)
    if zeros <= 1:
        rest = 1
        for v in nums:
            rest *= v if v else 1
        assert _fits(rest), "answer[i] fits in 32 bits"


def _factors(budget: int, rng: random.Random, count: int) -> list:
    """Up to ``count`` values in [2, 30] whose product stays within ``budget``."""
    out = []
    for _ in range(count):
        v = rng.randint(2, 30)
        if v > budget:
            v = budget
        if v < 2:
            break
        out.append(v)
        budget //= v
    return out


def generate(n: int, rng: random.Random) -> list:
    """n values. Large cases keep the total product small (so the expected output stays
    compact) but are full length, which is all a quadratic solution needs to time out."""
    if n >= 50000:
        zeros = rng.choice([0, 0, 1])
        # with no zero every answer is about the total product: keep it to one digit
        budget = rng.choice([1, 9]) if zeros == 0 else rng.choice([900, 10**6, INT_MAX])
        p_neg = 0.01
    else:
        budget = rng.choice([1, 100, 10**6, INT_MAX])
        zeros = rng.choice([0, 0, 0, 1, 2]) if n >= 3 else rng.choice([0, 0, 1])
        p_neg = 0.3
    big = _factors(budget, rng, min(n - zeros, rng.randint(0, 20)))
    nums = [(-v if rng.random() < 0.5 else v) for v in big]
    while len(nums) < n - zeros:
        nums.append(-1 if rng.random() < p_neg else 1)
    nums += [0] * zeros
    rng.shuffle(nums)
    return [nums]


def edge_cases() -> list:
    return [
        [[1, 2]],
        [[0, 0]],
        [[0, 7]],
        [[-30, 0]],
        [[-1, 1]],
        [[-30, 30]],
        [[1, -1, 1, -1]],
        [[0, 4, 0]],
        [[0, 0, 0, 0, 0]],
        [[2, 3, 0, 4, 5]],
        [[-2, -3, -4, -5, 1]],
        [[30, 30, 30, 30, 30, 30]],
        [[-30, -30, -30, -30, -30, -30]],
        [[30, -30, 30, -30, 30, -30]],
        [[-2] + [2] * 30],
        [[2] * 15 + [0] + [2] * 15],
        [[1] * 4999 + [0] + [1] * 5000],
        [[-1] * 10000],
        [[1] * 9998 + [-30, 30]],
    ]
