"""Invert Binary Tree cases: random trees of n nodes, bushy to stringy, chains and full trees."""

import random

from coach_engine.problems.gen import chain_shape, level_order, random_shape

LO, HI = -100, 100


def random_tree(n: int, rng: random.Random, stringy: float) -> list:
    """Hang each new node in a free child slot of an earlier node; with probability
    ``stringy`` the parent is the most recent node with a free slot, which makes long paths."""
    vals = [rng.randint(LO, HI) for _ in range(n)]
    return level_order(*random_shape(n, rng, stringy, reach_back=False), vals)


def chain(n: int, pattern: str, vals: list) -> list:
    """Every node has one child, on the sides given by ``pattern`` ('L', 'R', 'LR'...), repeated."""
    return level_order(*chain_shape(n, pattern), vals)


def check(args):
    (root,) = args
    nodes = [v for v in root if v is not None]
    assert len(nodes) <= 100, "at most 100 nodes"
    assert all(LO <= v <= HI for v in nodes), "-100 <= Node.val <= 100"


def generate(n: int, rng: random.Random) -> list:
    stringy = rng.choice([0.0, 0.3, 0.7, 0.95])
    return [random_tree(n, rng, stringy)]


def edge_cases() -> list:
    rng = random.Random(226)
    return [
        [[]],
        [[1]],
        [[-100]],
        [[1, 2]],
        [[1, None, 2]],
        [[2, 1, 3]],
        [[1, 1, 1]],
        [[0, -1, None, -2, None, -3]],
        [[5, 4, 8, 11, None, 13, 4, 7, 2, None, None, None, 1]],
        [[3, 9, 20, None, None, 15, 7]],
        [[100, -100, 100, None, -100, -100]],
        [list(range(1, 101))],
        [chain(100, "L", [rng.randint(LO, HI) for _ in range(100)])],
        [chain(100, "R", list(range(-50, 50)))],
        [chain(100, "LR", [7] * 100)],
    ]
