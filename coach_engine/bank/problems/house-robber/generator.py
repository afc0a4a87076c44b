"""House Robber cases: random streets, streets where greedy picks fail, zeros and the maximum."""

import random

HI = 400


def check(args):
    (nums,) = args
    assert 1 <= len(nums) <= 100, "1 <= nums.length <= 100"
    assert all(0 <= v <= HI for v in nums), "0 <= nums[i] <= 400"


def generate(n: int, rng: random.Random) -> list:
    kind = rng.choice(["random", "random", "small", "pairs"])
    if kind == "random":
        return [[rng.randint(0, HI) for _ in range(n)]]
    if kind == "small":  # many ties, many zeros
        return [[rng.randint(0, 3) for _ in range(n)]]
    # high values in adjacent pairs: taking every other house is often wrong
    out = []
    while len(out) < n:
        v = rng.randint(200, HI)
        out += [v, v - rng.randint(0, 20), rng.randint(0, 50)]
    return [out[:n]]


def edge_cases() -> list:
    return [
        [[0]],
        [[400]],
        [[7]],
        [[5, 1]],
        [[1, 5]],
        [[3, 3]],
        [[1, 5, 1]],
        [[5, 1, 1, 5]],
        [[2, 1, 1, 2]],
        [[1, 3, 1, 3, 100]],
        [[0, 0, 0, 0, 0]],
        [[400, 0, 0, 400, 0, 400]],
        [[4, 1, 2, 7, 5, 3, 1]],
        [[10, 1, 1, 10, 1, 1, 10, 1, 1, 10]],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
        [[400] * 100],
        [[0] * 100],
        [[400, 0] * 50],
        [[0, 400] * 50],
        [[i % 401 for i in range(0, 400, 4)]],
    ]
