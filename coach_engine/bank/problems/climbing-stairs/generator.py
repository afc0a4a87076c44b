"""Climbing Stairs cases: the input is just n, so the hidden set is every n from 1 to 45.

Edge cases are the smallest stairs and n = 44; n = 45 is the single max-size test (listing it
here too would make the builder drop the max-size case as a duplicate).
"""

import random

LO, HI = 1, 45


def check(args):
    (n,) = args
    assert isinstance(n, int) and not isinstance(n, bool), "n is an int"
    assert LO <= n <= HI, "1 <= n <= 45"


def generate(n: int, rng: random.Random) -> list:
    """The input is the size itself; generate(45, rng) is the worst case for naive recursion."""
    return [n]


def edge_cases() -> list:
    return [[1], [2], [3], [44]]
