"""Two Sum cases: one planted pair, every other pair provably misses the target."""

import random
from collections import Counter

LO, HI = -(10**9), 10**9


def _pairs(nums, target):
    count = Counter(nums)
    total = 0
    for v, c in count.items():
        w = target - v
        if v < w:
            total += c * count.get(w, 0)
        elif v == w:
            total += c * (c - 1) // 2
    return total


def check(args):
    nums, target = args
    assert 2 <= len(nums) <= 10**4, "2 <= nums.length <= 10^4"
    assert all(LO <= v <= HI for v in nums), "-10^9 <= nums[i] <= 10^9"
    assert LO <= target <= HI, "-10^9 <= target <= 10^9"
    assert _pairs(nums, target) == 1, "exactly one pair must sum to target"


def generate(n: int, rng: random.Random) -> list:
    """n values; the answer sits at the last two indices for large n (brute force's worst case)."""
    span = rng.choice([10, 1000, HI])  # small spans force many duplicates
    target = rng.randint(-span, span)
    a = rng.randint(max(LO, target - HI), min(HI, target - LO))
    if abs(a) > span and span < HI:
        a = rng.randint(max(-span, target - span), min(span, target + span))
    b = target - a
    banned = {a, b}
    chosen = []
    for _ in range(n - 2):
        for _ in range(50):
            v = rng.randint(-span, span)
            if v not in banned and 2 * v != target:
                break
        else:
            v = rng.choice(chosen) if chosen else None
            if v is None:
                span = HI
                continue
        chosen.append(v)
        banned.add(target - v)
    while len(chosen) < n - 2:  # only when a tiny span was exhausted
        v = rng.randint(LO, HI)
        if v not in banned and 2 * v != target:
            chosen.append(v)
            banned.add(target - v)
    if n >= 1000 or rng.random() < 0.25:
        nums = chosen + [a, b]
    else:
        nums = chosen[:]
        i = rng.randint(0, len(nums))
        nums.insert(i, a)
        nums.insert(rng.randint(0, len(nums)), b)
    return [nums, target]


def edge_cases() -> list:
    return [
        [[1, 2], 3],
        [[-3, -7], -10],
        [[0, 0], 0],
        [[-1, -2, -3, -4, -5], -8],
        [[0, 4, 3, 0], 0],
        [[10**9, -(10**9), 5], 0],
        [[-(10**9), 0, 7], -(10**9)],
        [[10**9, 0, 3], 10**9],
        [[-999999999, -1, 5], -(10**9)],
        [[5, 5, 1, 2], 10],
        [[2, 5, 5, 11], 10],
        [[0, 3, -3, 8], 8],
        [[1, 5, 9, 13, 7], 8],
        [[3, 2, 3], 6],
        [[1, 1, 1, 1, 1, 4, 1, 1, 1, 9], 13],
        [[7] + [1] * 9997 + [4, 3], 10],
    ]
