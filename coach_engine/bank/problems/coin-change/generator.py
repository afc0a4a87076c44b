"""Coin Change cases: small denominations with large amounts (the DP's full table), sets where
taking the biggest coin first is wrong, unreachable amounts, and coins near 2^31 - 1."""

import random

INT_MAX = 2**31 - 1


def check(args):
    coins, amount = args
    assert 1 <= len(coins) <= 12, "1 <= coins.length <= 12"
    assert all(1 <= c <= INT_MAX for c in coins), "1 <= coins[i] <= 2^31 - 1"
    assert 0 <= amount <= 10**4, "0 <= amount <= 10^4"


def generate(n: int, rng: random.Random) -> list:
    """amount = n. Large amounts get twelve small coins, so every table entry tries every coin
    and plain recursion explodes; sometimes every coin shares a factor the amount lacks."""
    if n >= 1000:
        kind = rng.choice(["small", "unreachable", "greedy-trap"])
        k = 12
    else:
        kind = rng.choice(["small", "small", "spread", "unreachable", "greedy-trap"])
        k = rng.randint(1, 12)
    if kind == "small":
        coins = rng.sample(range(1, max(k, min(n, 60)) + 1), k)
    elif kind == "spread":
        coins = rng.sample(range(1, max(k, n) + 1), k)
        if rng.random() < 0.5:
            coins[-1] = rng.randint(n + 1, INT_MAX)  # one coin too big to ever use
    elif kind == "unreachable":
        g = rng.choice([g for g in (2, 3, 7, 11) if n % g]) if n > 1 else 2
        coins = rng.sample(range(g, g * 60 + 1, g), k)
    else:
        base = rng.randint(5, 40)
        trap = [1, base, base + 1, 2 * base - 1]  # greedy takes the largest coin and loses
        extra = rng.sample([c for c in range(2, 4 * base) if c not in trap], k - 4) if k > 4 else []
        coins = (trap + extra)[:k]
    rng.shuffle(coins)
    return [coins, n]


def edge_cases() -> list:
    return [
        [[1], 0],
        [[INT_MAX], 0],
        [[1], 1],
        [[2], 1],
        [[3], 3],
        [[1, 2, 5], 11],
        [[2], 3],
        [[1, 3, 4], 6],
        [[1, 5, 6, 9], 11],
        [[186, 419, 83, 408], 6249],
        [[2, 5, 10, 1], 27],
        [[5, 5, 1], 10],
        [[7, 7, 7], 21],
        [[INT_MAX], 10000],
        [[1, INT_MAX], 2],
        [[INT_MAX, 3, 2**31 - 2], 9],
        [[10000], 10000],
        [[9999], 10000],
        [[2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24], 9999],
        [[1], 10000],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 10000],
        [[411, 412, 413, 414, 415, 416, 417, 418, 419, 420, 421, 422], 9864],
    ]
