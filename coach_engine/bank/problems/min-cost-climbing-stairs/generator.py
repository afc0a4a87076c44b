"""Min Cost Climbing Stairs cases: tolls in [0, 999], random, patterned and extreme."""

import random

LO, HI = 0, 999


def check(args):
    (cost,) = args
    assert 2 <= len(cost) <= 1000, "2 <= cost.length <= 1000"
    assert all(LO <= c <= HI for c in cost), "0 <= cost[i] <= 999"


def generate(n: int, rng: random.Random) -> list:
    """n tolls; a small span gives many ties, a 0/999 mix makes the choice of step matter."""
    mode = rng.choice(["uniform", "uniform", "small", "spiky"])
    if mode == "uniform":
        cost = [rng.randint(LO, HI) for _ in range(n)]
    elif mode == "small":
        cost = [rng.randint(0, 3) for _ in range(n)]
    else:
        cost = [HI if rng.random() < 0.4 else rng.randint(0, 5) for _ in range(n)]
    return [cost]


def edge_cases() -> list:
    return [
        [[0, 0]],
        [[999, 999]],
        [[1, 100]],
        [[100, 1]],
        [[5, 5, 5]],
        [[0, 999, 0]],
        [[999, 0, 999]],
        [[1, 1, 999, 1]],
        [[999, 999, 0, 999, 999]],
        [[3, 2, 1, 0, 1, 2, 3]],
        [[0, 0, 0, 0, 0, 0, 0, 0]],
        [[999] * 1000],
        [[0] * 1000],
        [[999 if i % 2 else 0 for i in range(1000)]],
        [[999 if i % 3 == 0 else 1 for i in range(1000)]],
    ]
