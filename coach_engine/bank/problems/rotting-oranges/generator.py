"""Rotting Oranges cases: random crates with one or many rotten oranges, unreachable fresh ones,
and serpentine paths where the rot needs many minutes."""

import random


def check(args):
    (grid,) = args
    assert 1 <= len(grid) <= 10, "1 <= m <= 10"
    assert all(len(row) == len(grid[0]) for row in grid), "all rows have n cells"
    assert 1 <= len(grid[0]) <= 10, "1 <= n <= 10"
    assert all(v in (0, 1, 2) for row in grid for v in row), "cells are 0, 1 or 2"


def snake(m: int, n: int) -> list:
    """Fresh oranges along a serpentine path with one rotten orange at its start."""
    grid = [[0] * n for _ in range(m)]
    for r in range(0, m, 2):
        grid[r] = [1] * n
        if r + 1 < m:
            grid[r + 1][n - 1 if (r // 2) % 2 == 0 else 0] = 1
    grid[0][0] = 2
    return grid


def random_grid(m: int, n: int, rng: random.Random) -> list:
    empty = rng.choice([0.0, 0.1, 0.3, 0.5])
    rotten = rng.choice([0.0, 0.02, 0.05, 0.2])
    grid = []
    for _ in range(m):
        row = []
        for _ in range(n):
            x = rng.random()
            row.append(0 if x < empty else 2 if x < empty + rotten else 1)
        grid.append(row)
    if rng.random() < 0.8 and not any(2 in row for row in grid):  # usually at least one rotten
        grid[rng.randrange(m)][rng.randrange(n)] = 2
    return grid


def reachable_only(grid: list) -> list:
    """The grid with every fresh orange that can never rot removed (a solvable crate)."""
    m, n = len(grid), len(grid[0])
    seen = {(r, c) for r in range(m) for c in range(n) if grid[r][c] == 2}
    stack = list(seen)
    while stack:
        r, c = stack.pop()
        for x, y in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if 0 <= x < m and 0 <= y < n and grid[x][y] == 1 and (x, y) not in seen:
                seen.add((x, y))
                stack.append((x, y))
    return [[v if v != 1 or (r, c) in seen else 0 for c, v in enumerate(row)]
            for r, row in enumerate(grid)]


def generate(n: int, rng: random.Random) -> list:
    """A crate with n as its longer side (n x n at the maximum size). Most crates are made
    solvable, so the answer is a real number of minutes rather than -1."""
    if n == 10:
        kind = rng.choice(["snake", "random", "solvable"])
        if kind == "snake":  # a long path rotting from a random point on it
            grid = snake(10, 10)
            grid[0][0] = 1
            cells = [(r, c) for r in range(10) for c in range(10) if grid[r][c] == 1]
            r, c = rng.choice(cells)
            grid[r][c] = 2
            return [grid]
        grid = random_grid(10, 10, rng)
        return [reachable_only(grid) if kind == "solvable" else grid]
    m = rng.randint(1, n)
    grid = random_grid(m, n, rng) if rng.random() < 0.5 else random_grid(n, m, rng)
    return [reachable_only(grid) if rng.random() < 0.6 else grid]


def edge_cases() -> list:
    broken = snake(9, 9)
    broken[4][0] = 0  # cut the path: the far half never rots
    return [
        [[[0]]],
        [[[1]]],
        [[[2]]],
        [[[1, 2]]],
        [[[2], [1], [1], [1]]],
        [[[2, 0, 1]]],
        [[[2, 0], [0, 1]]],
        [[[1, 1], [1, 1]]],
        [[[2, 2], [2, 2]]],
        [[[0, 0, 0], [0, 0, 0]]],
        [[[1, 1, 1], [1, 2, 1], [1, 1, 1]]],
        [[[2, 1, 1], [1, 1, 1], [1, 1, 2]]],
        [[[2, 1, 0, 2, 1], [1, 0, 1, 2, 1], [1, 0, 0, 2, 1]]],
        [[[2] + [1] * 9]],
        [[[1] for _ in range(9)] + [[2]]],
        [[[1] * 10 for _ in range(10)]],
        [[[1] * 10 for _ in range(9)] + [[1] * 9 + [2]]],
        [[[2 if (r + c) % 2 == 0 else 1 for c in range(10)] for r in range(10)]],
        [snake(7, 6)],
        [broken],
    ]
