"""Valid Palindrome cases: palindromes hidden among punctuation and mixed case, and near misses."""

import random
import string

PRINTABLE = "".join(chr(c) for c in range(32, 127))
ALNUM = string.ascii_letters + string.digits
NOISE = "".join(c for c in PRINTABLE if not c.isalnum())


def check(args):
    (s,) = args
    assert 1 <= len(s) <= 2 * 10**5, "1 <= s.length <= 2 * 10^5"
    assert all(c in PRINTABLE for c in s), "printable ASCII only"


def _case(c: str, rng: random.Random) -> str:
    return c.upper() if rng.random() < 0.5 else c.lower()


def generate(n: int, rng: random.Random) -> list:
    """A palindromic core of letters and digits in random case, with punctuation and spaces
    sprinkled in, n characters in all. Half the cases change one core character (large cases
    change one near the middle, so the scan cannot stop early)."""
    noise_rate = rng.choice([0.0, 0.2, 0.5, 0.9]) if n < 10**4 else rng.choice([0.1, 0.3])
    pool = rng.choice([ALNUM, "ab", "a1", string.ascii_lowercase])
    kinds = ["noise" if rng.random() < noise_rate else "core" for _ in range(n)]
    k = kinds.count("core")
    half = [rng.choice(pool).lower() for _ in range(k // 2)]
    core = half + ([rng.choice(pool).lower()] if k % 2 else []) + half[::-1]
    if k >= 2 and rng.random() < 0.5:
        i = k // 2 - 1 - (int(rng.expovariate(0.5)) if n >= 10**4 else rng.randrange(k // 2))
        i = max(i, 0)
        core[i] = rng.choice([c for c in string.ascii_lowercase + string.digits if c != core[i]])
    it = iter(core)
    s = "".join(_case(next(it), rng) if kind == "core" else rng.choice(NOISE) for kind in kinds)
    return [s]


def edge_cases() -> list:
    return [
        [" "],
        ["a"],
        ["."],
        ["Z"],
        ["7"],
        ["0P"],
        ["a."],
        [".,"],
        ["Aa"],
        ["ab"],
        ["ab_a"],
        ["aA1"],
        ["1b1"],
        ["`l;`` 1o1 ??;l`"],
        ["Was it a car or a cat I saw?"],
        ["No 'x' in \"Nixon\""],
        ["\\a\\"],
        ["race a car"],
        ["~" * 20000],
        ["Ab" * 2500 + "9" + "bA" * 2500 + "!" * 4999],
    ]
