"""Longest Substring Without Repeating Characters cases: printable ASCII, from tiny alphabets
(short windows) to the full 95 characters cycled (long windows everywhere)."""

import random

PRINTABLE = "".join(chr(c) for c in range(32, 127))  # letters, digits, symbols and space
LOWER = "abcdefghijklmnopqrstuvwxyz"


def check(args):
    (s,) = args
    assert 0 <= len(s) <= 5 * 10**4, "0 <= s.length <= 5 * 10^4"
    assert all(32 <= ord(c) <= 126 for c in s), "s consists of printable ASCII characters"


def _windows(n: int, rng: random.Random, alphabet: str) -> str:
    """Shuffled runs of distinct characters, each overlapping the next a little, so the answer
    is long and sits at an unpredictable place."""
    out: list[str] = []
    while len(out) < n:
        run = list(alphabet)
        rng.shuffle(run)
        out += run[: rng.randint(1, len(run))]
    return "".join(out[:n])


def generate(n: int, rng: random.Random) -> list:
    """A string of length n. Large strings cycle a wide alphabet, so windows are long and a
    solution that restarts at every index (or rescans each window) does the most work."""
    if n >= 10000:
        kind = rng.choice(["cycle", "windows", "random"])
    else:
        kind = rng.choice(["random", "random", "windows", "small", "cycle"])
    if kind == "cycle":
        alphabet = list(PRINTABLE)
        rng.shuffle(alphabet)
        s = "".join(alphabet[i % len(alphabet)] for i in range(n))
        if n > 2:  # one late duplicate so the answer is not simply the alphabet size
            i = rng.randrange(n // 2, n)
            s = s[:i] + s[i - 1] + s[i + 1 :]
        return [s]
    if kind == "windows":
        return [_windows(n, rng, PRINTABLE)]
    if kind == "small":
        alphabet = rng.choice(["ab", "abc", "xyz ", "01"])
        return ["".join(rng.choice(alphabet) for _ in range(n))]
    alphabet = rng.choice([PRINTABLE, LOWER, LOWER + "0123456789"])
    return ["".join(rng.choice(alphabet) for _ in range(n))]


def edge_cases() -> list:
    n = 5 * 10**4
    return [
        [""],
        [" "],
        ["a"],
        ["au"],
        ["aa"],
        ["dvdf"],
        ["abba"],
        ["tmmzuxt"],
        ["abcdefghijklmnopqrstuvwxyz"],
        ["  a  "],
        ["a b c!"],
        ["!@#$%^&*()!"],
        ["aab"],
        ["abcabcbbxyzw"],
        [PRINTABLE],
        [PRINTABLE[::-1] + PRINTABLE],
        ["z" * n],
        [(PRINTABLE * (n // len(PRINTABLE) + 1))[:n]],
    ]
