"""Invert Binary Tree cases: random trees of n nodes, bushy to stringy, chains and full trees."""

import random

LO, HI = -100, 100


def _level_order(left: list, right: list, vals: list) -> list:
    """Encode a tree given as child-index arrays (node 0 is the root; -1 is no child)."""
    if not vals:
        return []
    out, queue, head = [], [0], 0
    while head < len(queue):
        node = queue[head]
        head += 1
        if node < 0:
            out.append(None)
            continue
        out.append(vals[node])
        queue.append(left[node])
        queue.append(right[node])
    while out and out[-1] is None:
        out.pop()
    return out


def random_tree(n: int, rng: random.Random, stringy: float) -> list:
    """Hang each new node in a free child slot of an earlier node; with probability
    ``stringy`` the parent is the most recent node with a free slot, which makes long paths."""
    vals = [rng.randint(LO, HI) for _ in range(n)]
    left, right = [-1] * n, [-1] * n
    free = [0] if n else []  # nodes with at least one free child slot
    for new in range(1, n):
        k = len(free) - 1 if rng.random() < stringy else rng.randrange(len(free))
        parent = free[k]
        slots = [arr for arr in (left, right) if arr[parent] < 0]
        rng.choice(slots)[parent] = new
        if len(slots) == 1:
            free[k] = free[-1]
            free.pop()
        free.append(new)
    return _level_order(left, right, vals)


def chain(n: int, pattern: str, vals: list) -> list:
    """Every node has one child, on the sides given by ``pattern`` ('L', 'R', 'LR'...), repeated."""
    left, right = [-1] * n, [-1] * n
    for i in range(n - 1):
        (left if pattern[i % len(pattern)] == "L" else right)[i] = i + 1
    return _level_order(left, right, vals)


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
