"""Binary Tree Maximum Path Sum cases: random trees from bushy to chain-like, with values that
are all negative, all positive, or mixed, as LeetCode level order.

Deep trees (a 30,000-node chain among the max-size cases) break solutions that recurse without
enough stack and make the per-node recomputation quadratic.
"""

import random

from coach_engine.problems.gen import chain_shape, level_order, random_shape

N_MAX, LO, HI = 3 * 10**4, -1000, 1000


def values(n: int, rng: random.Random, mode: str) -> list:
    if mode == "negative":
        return [rng.randint(LO, -1) for _ in range(n)]
    if mode == "positive":
        return [rng.randint(0, HI) for _ in range(n)]
    if mode == "small":  # many sign changes, short numbers
        return [rng.randint(-9, 9) for _ in range(n)]
    return [rng.randint(LO, HI) for _ in range(n)]


def check(args):
    (root,) = args
    nodes = [v for v in root if v is not None]
    assert 1 <= len(nodes) <= N_MAX, "1 <= number of nodes <= 3 * 10^4"
    assert all(LO <= v <= HI for v in nodes), "-1000 <= Node.val <= 1000"


def complete_shape(n: int) -> tuple:
    """A complete tree (heap layout): level order without any null."""
    left = [2 * i + 1 if 2 * i + 1 < n else -1 for i in range(n)]
    right = [2 * i + 2 if 2 * i + 2 < n else -1 for i in range(n)]
    return left, right


def generate(n: int, rng: random.Random) -> list:
    """Large trees are deep (a chain or a stringy random tree, with one-digit values to keep
    tests.json small) or complete with full-range values."""
    if n >= 10**4:
        shape = rng.choice(["chain", "stringy", "complete"])
        mode = "mixed" if shape == "complete" else "small"
    else:
        shape = rng.choice(["chain", "stringy", "bushy", "bushy", "complete"])
        mode = rng.choice(["mixed", "mixed", "negative", "positive", "small"])
    if shape == "chain":
        left, right = chain_shape(n, rng.choice(["L", "R", "LR", "LLR", "RRL"]))
    elif shape == "complete":
        left, right = complete_shape(n)
    else:
        left, right = random_shape(n, rng, 0.995 if shape == "stringy" else rng.choice([0.0, 0.5]))
    return [level_order(left, right, values(n, rng, mode))]


def edge_cases() -> list:
    rng = random.Random(124)
    return [
        [[-3]],
        [[LO]],
        [[HI]],
        [[0]],
        [[2, -1]],
        [[-2, -1]],
        [[1, -2, 3]],
        [[-1, 5, None, 4, None, None, 2, -4]],
        [[5, 4, 8, 11, None, 13, 4, 7, 2, None, None, None, 1]],
        [[9, 6, -3, None, None, -6, 2, None, None, 2, None, -6, -6, -6]],
        [[1, -2, -3, 1, 3, -2, None, -1]],
        [[-1, -1, -1, -1, -1, -1, -1]],
        [[10, -100, -100, 50, 60, 70, 80]],
        [level_order(*chain_shape(7, "LR"), [3, -1, 4, -1, 5, -9, 2])],
        [level_order(*random_shape(2047, rng, 0.0), [HI] * 2047)],
        [level_order(*random_shape(2000, rng, 0.0), [LO] * 2000)],  # answer is -1000
    ]
