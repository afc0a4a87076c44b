"""Trapping Rain Water cases: random skylines, mountains, valleys, staircases and sawtooths."""

import random

N_MAX, H_MAX = 2 * 10**4, 10**5


def check(args):
    (height,) = args
    assert 1 <= len(height) <= N_MAX, "1 <= n <= 2 * 10^4"
    assert all(0 <= h <= H_MAX for h in height), "0 <= height[i] <= 10^5"


def _shape(n: int, rng: random.Random, kind: str, top: int) -> list:
    if kind == "random":
        return [rng.randint(0, top) for _ in range(n)]
    if kind == "valley":  # high walls, a deep random basin in the middle
        return [top if i in (0, n - 1) else rng.randint(0, top // 2) for i in range(n)]
    if kind == "mountain":  # rises then falls: little or no water, long scans for brute force
        peak = rng.randrange(n)
        return [max(0, top - abs(i - peak) * top // max(1, n)) for i in range(n)]
    if kind == "sawtooth":
        period = rng.randint(2, 10)
        return [(i % period) * top // period for i in range(n)]
    # "nested": basins inside basins, heights rising towards the middle then falling again
    rise = [min(i, n - 1 - i) * top // max(1, n) for i in range(n)]
    return [min(top, rng.randint(0, top // 4) + r) for r in rise]


def generate(n: int, rng: random.Random) -> list:
    kinds = ["random", "valley", "mountain", "sawtooth", "nested"]
    if n == N_MAX:  # at full size, only shapes that hold water (the staircase edge case holds none)
        kinds.remove("mountain")
    kind = rng.choice(kinds)
    top = rng.choice([3, 10, 1000, H_MAX]) if n < 1000 else rng.choice([1000, 10**4, H_MAX])
    return [_shape(n, rng, kind, top)]


def edge_cases() -> list:
    return [
        [[0]],
        [[H_MAX]],
        [[5, 0]],
        [[0, 0, 0]],
        [[3, 0, 3]],
        [[2, 2, 2, 2]],
        [[1, 2, 3, 4, 5]],
        [[5, 4, 3, 2, 1]],
        [[5, 1, 1, 1, 5]],
        [[2, 0, 5, 0, 2]],
        [[0, 5, 0, 0, 5, 0]],
        [[4, 1, 3, 1, 4, 1, 3]],
        [[H_MAX, 0, H_MAX]],
        [[H_MAX] + [0] * (N_MAX - 2) + [H_MAX]],  # the largest answer: 1,999,800,000
        [[i // 20 for i in range(N_MAX)]],  # a rising staircase holds nothing
    ]
