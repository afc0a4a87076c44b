"""Maximum Depth cases: random trees of n nodes, from bushy to chain-like, as level order."""

import random

from coach_engine.problems.gen import chain_shape, level_order, random_shape

LO, HI = -100, 100


def random_tree(n: int, rng: random.Random, locality: float) -> list:
    """Attach each new node under a random node that has a free slot; with probability
    ``locality`` that node is one of the last few added, which makes long paths."""
    vals = [rng.randint(LO, HI) for _ in range(n)]
    return level_order(*random_shape(n, rng, locality), vals)


def chain(n: int, pattern: str, rng: random.Random) -> list:
    """A degenerate tree: every node has one child, on the sides given by ``pattern``
    ('L', 'R', 'LR' zigzag...), repeated."""
    return level_order(*chain_shape(n, pattern), [rng.randint(LO, HI) for _ in range(n)])


def check(args):
    (root,) = args
    nodes = [v for v in root if v is not None]
    assert len(nodes) <= 10**4, "at most 10^4 nodes"
    assert all(LO <= v <= HI for v in nodes), "-100 <= Node.val <= 100"


def generate(n: int, rng: random.Random) -> list:
    """Small trees vary from bushy to stringy; large ones are stringy (deep, but not chains)."""
    locality = 0.995 if n >= 1000 else rng.choice([0.0, 0.5, 0.9, 0.99])
    return [random_tree(n, rng, locality)]


def edge_cases() -> list:
    rng = random.Random(104)
    return [
        [[0]],
        [[-100]],
        [[1, 2]],
        [[1, None, 2, None, 3]],
        [[1, 2, 3, 4, 5, 6, 7]],
        [[1, 2, 3, 4, None, None, 5, 6, None, None, 7]],
        [[5, 5, 5, 5, 5, 5, 5, 5]],
        [chain(7, "LR", rng)],
        [[100, -100, 100, -100, None, None, 100, None, -100]],
        [chain(10**4, "L", rng)],
        [chain(10**4, "R", rng)],
        [chain(10**4, "LR", rng)],
        [chain(10**4, "LLR", rng)],
    ]
