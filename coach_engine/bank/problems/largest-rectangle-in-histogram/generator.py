"""Largest Rectangle cases: random bars, staircases, plateaus with dips, and valleys.

Max-size cases use one-digit heights to keep tests.json small; their shapes (a long rising
staircase, a plateau) are the worst cases of the quadratic solutions: expanding from every
bar, and divide and conquer that splits at the leftmost minimum.
"""

import random

N_MAX, H_MAX = 10**5, 10**4


def check(args):
    (heights,) = args
    assert 1 <= len(heights) <= N_MAX, "1 <= heights.length <= 10^5"
    assert all(0 <= h <= H_MAX for h in heights), "0 <= heights[i] <= 10^4"


def generate(n: int, rng: random.Random) -> list:
    top = rng.choice([2, 9, 100, H_MAX]) if n <= 2000 else 9
    kind = rng.choice(["random", "rising", "falling", "plateau", "valley"])
    if kind == "random":
        heights = [rng.randint(0, top) for _ in range(n)]
    elif kind in ("rising", "falling"):  # a staircase with long steps
        heights = [1 + i * top // n for i in range(n)]
        if kind == "falling":
            heights.reverse()
    elif kind == "plateau":  # equal bars with a few dips
        heights = [top] * n
        for _ in range(rng.randint(0, 3)):
            heights[rng.randrange(n)] = rng.randint(0, top)
    else:  # a valley: high at both ends, low in the middle
        heights = [max(0, top - min(i, n - 1 - i) * 2 * top // max(1, n)) for i in range(n)]
    return [heights]


def edge_cases() -> list:
    return [
        [[0]],
        [[H_MAX]],
        [[1, 1]],
        [[0, 0, 0]],
        [[5, 0, 5]],
        [[1, 2, 3, 4, 5]],
        [[5, 4, 3, 2, 1]],
        [[2, 1, 2]],
        [[4, 2, 0, 3, 2, 5]],
        [[6, 2, 5, 4, 5, 1, 6]],
        [[1, 3, 2, 3, 1]],
        [[3, 6, 5, 7, 4, 8, 1, 0]],
        [[H_MAX, 1, H_MAX]],
        [[H_MAX] * 2000],  # area 2 * 10^7
        [[i // 10 for i in range(2000)]],
    ]
