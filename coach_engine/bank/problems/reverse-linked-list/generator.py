"""Reverse Linked List cases: lists of n values in [-5000, 5000]."""

import random


def check(args):
    (head,) = args
    assert len(head) <= 5000, "at most 5000 nodes"
    assert all(-5000 <= v <= 5000 for v in head), "-5000 <= Node.val <= 5000"


def generate(n: int, rng: random.Random) -> list:
    span = rng.choice([3, 100, 5000])  # a small span gives many repeated values
    return [[rng.randint(-span, span) for _ in range(n)]]


def edge_cases() -> list:
    return [
        [[7]],
        [[-5000]],
        [[5000, -5000]],
        [[0, 0]],
        [[1, 1, 2, 1, 1]],
        [[1, 2, 3, 2, 1]],
        [[-1, -2, -3, -4]],
        [[4, 3, 2, 1, 0, -1]],
        [list(range(1, 5001))],
        [[-5000] * 5000],
        [[(i % 2) * 10000 - 5000 for i in range(5000)]],
    ]
