"""Container With Most Water cases: random walls, mountains, valleys and sparse tall walls.

Max-size cases keep heights short to print (a quadratic scan is slow on any input of 10^5
walls); the extreme heights and the ~10^9 answer are covered by the edge cases."""

import random

HI = 10**4


def check(args):
    (height,) = args
    assert 2 <= len(height) <= 10**5, "2 <= n <= 10^5"
    assert all(0 <= h <= HI for h in height), "0 <= height[i] <= 10^4"


def mountain(n: int, top: int) -> list:
    """Heights rising to the middle and falling again: the best pair is not the outer one."""
    return [min(top, min(i, n - 1 - i) * top // max(1, n // 2)) for i in range(n)]


def generate(n: int, rng: random.Random) -> list:
    if n >= 50000:
        kind = rng.choice(["small", "sparse", "mountain"])
        if kind == "small":
            return [[rng.randint(0, 99) for _ in range(n)]]
        if kind == "sparse":
            return [[rng.randint(1, HI) if rng.random() < 0.01 else 0 for _ in range(n)]]
        noise = [rng.randint(0, 9) for _ in range(n)]
        return [[max(0, h - d) for h, d in zip(mountain(n, 99), noise)]]
    kind = rng.choice(["random", "random", "small", "mountain", "valley"])
    if kind == "random":
        return [[rng.randint(0, HI) for _ in range(n)]]
    if kind == "small":
        return [[rng.randint(0, 5) for _ in range(n)]]
    if kind == "mountain":
        return [[max(0, h - rng.randint(0, 3)) for h in mountain(n, rng.randint(1, HI))]]
    top = rng.randint(1, HI)
    return [[top - h for h in mountain(n, top)]]


def edge_cases() -> list:
    n = 10**5
    return [
        [[0, 0]],
        [[1, 1]],
        [[0, 10000]],
        [[10000, 10000]],
        [[1, 2]],
        [[2, 1, 2]],
        [[1, 2, 1]],
        [[1, 2, 4, 3]],
        [[2, 3, 4, 5, 18, 17, 6]],
        [[1, 3, 2, 5, 25, 24, 5]],
        [[5, 5, 5, 5, 5, 5]],
        [[0, 0, 0, 0, 0]],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
        [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
        [[10000, 1, 1, 1, 1, 1, 1, 1, 1, 10000]],
        [[1, 10000, 10000, 1]],
        [[10000] + [0] * (n - 2) + [10000]],
    ]
