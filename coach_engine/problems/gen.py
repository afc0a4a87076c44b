"""Shared helpers for problem generators (``generator.py``): binary tree shapes and their encoding.

A tree *shape* is a pair of child-index arrays ``(left, right)``: node 0 is the root and ``-1``
means no child. :func:`level_order` turns a shape plus node values into the wire encoding of
:mod:`sandbox.spec` (LeetCode's level order, trailing nulls trimmed, ``[]`` for an empty tree).

Generators are seeded with the problem's slug and ``tests.json`` must stay reproducible, so every
helper here documents exactly what it draws from ``rng``; changing that order changes the tests of
every problem that uses it.
"""

from __future__ import annotations

import random

Shape = tuple[list[int], list[int]]
"""``(left, right)`` child-index arrays: node 0 is the root, ``-1`` is no child."""


def level_order(left: list[int], right: list[int], vals: list[int]) -> list[int | None]:
    """Encode the tree ``(left, right)`` with node ``i`` holding ``vals[i]`` as level order.

    Returns ``[]`` when ``vals`` is empty. Draws nothing from any ``rng``.
    """
    if not vals:
        return []
    out: list[int | None] = []
    queue, head = [0], 0
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


def random_shape(n: int, rng: random.Random, locality: float, *, reach_back: bool = True) -> Shape:
    """A random tree of ``n`` nodes: each new node hangs in a free child slot of an earlier node.

    With probability ``locality`` the parent is taken from the most recently added nodes that
    still have a free slot, which makes long paths; otherwise it is any such node, uniformly.
    When ``reach_back`` is true a local pick goes back ``int(rng.expovariate(1.0))`` places from
    the newest such node; when false it is always the newest.

    Draws, for each node after the first: ``rng.random()``, then ``rng.expovariate(1.0)`` (local
    pick with ``reach_back``) or nothing (local pick without) or ``rng.randrange(...)`` (uniform
    pick), then ``rng.choice(...)`` over the parent's free sides.
    """
    left, right = [-1] * n, [-1] * n
    free = [0] if n else []  # nodes with at least one free child slot
    for new in range(1, n):
        if rng.random() < locality:
            back = int(rng.expovariate(1.0)) if reach_back else 0
            k = len(free) - 1 - min(len(free) - 1, back)
        else:
            k = rng.randrange(len(free))
        parent = free[k]
        slots = [arr for arr in (left, right) if arr[parent] < 0]
        rng.choice(slots)[parent] = new
        if len(slots) == 1:
            free[k] = free[-1]
            free.pop()
        free.append(new)
    return left, right


def chain_shape(n: int, pattern: str) -> Shape:
    """A degenerate tree of ``n`` nodes: node ``i`` has the single child ``i + 1``, on the side
    ``pattern[i % len(pattern)]`` (``'L'`` or ``'R'``; ``"LR"`` zigzags). Draws nothing."""
    left, right = [-1] * n, [-1] * n
    for i in range(n - 1):
        (left if pattern[i % len(pattern)] == "L" else right)[i] = i + 1
    return left, right


__all__ = ["Shape", "chain_shape", "level_order", "random_shape"]
