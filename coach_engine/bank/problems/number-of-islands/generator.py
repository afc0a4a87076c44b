"""Number of Islands cases: random land, checkerboards, spirals and snakes on a grid."""

import random


def check(args):
    (grid,) = args
    assert 1 <= len(grid) <= 300, "1 <= m <= 300"
    assert all(len(row) == len(grid[0]) for row in grid), "all rows have n cells"
    assert 1 <= len(grid[0]) <= 300, "1 <= n <= 300"
    assert all(c in "01" for row in grid for c in row), "cells are '0' or '1'"


def random_grid(m: int, n: int, rng: random.Random, density: float) -> list:
    return [["1" if rng.random() < density else "0" for _ in range(n)] for _ in range(m)]


def snake(m: int, n: int) -> list:
    """One island shaped as a serpentine path: rows of land joined at alternating ends."""
    grid = [["0"] * n for _ in range(m)]
    for r in range(0, m, 2):
        grid[r] = ["1"] * n
        if r + 1 < m:
            grid[r + 1][n - 1 if (r // 2) % 2 == 0 else 0] = "1"
    return grid


def checkerboard(m: int, n: int) -> list:
    return [["1" if (r + c) % 2 == 0 else "0" for c in range(n)] for r in range(m)]


def generate(n: int, rng: random.Random) -> list:
    """An n x n grid; large grids use densities near the percolation threshold, which gives
    both many islands and large tangled ones."""
    if n >= 100:
        density = rng.choice([0.45, 0.55, 0.6])
    else:
        density = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9])
    return [random_grid(n, n, rng, density)]


def edge_cases() -> list:
    rng = random.Random(200)
    return [
        [[["0"]]],
        [[["1"]]],
        [[["1", "0", "1", "0", "1"]]],
        [[["1"], ["1"], ["0"], ["1"]]],
        [[["1", "1"], ["1", "1"]]],
        [[["0", "0", "0"], ["0", "0", "0"]]],
        [[["1", "0"], ["0", "1"]]],
        [[["1", "1", "1"], ["1", "0", "1"], ["1", "1", "1"]]],
        [[["0", "1", "0"], ["1", "0", "1"], ["0", "1", "0"]]],
        [checkerboard(7, 9)],
        [snake(9, 6)],
        [random_grid(1, 300, rng, 0.5)],
        [random_grid(300, 1, rng, 0.5)],
        [random_grid(3, 40, rng, 0.6)],
        [[["1"] * 300 for _ in range(300)]],
        [[["0"] * 300 for _ in range(300)]],
        [checkerboard(300, 300)],
        [snake(300, 300)],
    ]
