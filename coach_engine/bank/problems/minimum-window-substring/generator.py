"""Minimum Window Substring cases, each with a unique shortest window (or none).

Large cases put the only occurrences of one needed letter near the end of `s`, so a solution
that restarts from every start index scans almost all of `s` each time.
"""

import random
import string
from collections import Counter

N_MAX = 10**5
LETTERS = string.ascii_letters


def windows(s: str, t: str) -> tuple:
    """(length of the shortest window, list of its (l, r) spans), or (None, [])."""
    need = Counter(t)
    missing = len(t)
    best, spans = None, []
    left = 0
    for right, c in enumerate(s):
        if need[c] > 0:
            missing -= 1
        need[c] -= 1
        if missing == 0:
            while need[s[left]] < 0:
                need[s[left]] += 1
                left += 1
            size = right - left + 1
            if best is None or size < best:
                best, spans = size, [(left, right)]
            elif size == best:
                spans.append((left, right))
    return best, spans


def check(args):
    s, t = args
    assert 1 <= len(s) <= N_MAX and 1 <= len(t) <= N_MAX, "1 <= m, n <= 10^5"
    assert all(c in LETTERS for c in s + t), "only English letters"
    _, spans = windows(s, t)
    assert len(spans) <= 1, "the shortest window must be unique"


def make_unique(s: str, t: str, rng: random.Random) -> str:
    """Keep one shortest window and break the others by overwriting one of their end letters
    (the one outside the kept window) with a letter t does not use. Removing letters never
    creates a new window, so the kept one becomes the unique shortest."""
    _, spans = windows(s, t)
    unused = [c for c in LETTERS if c not in set(t)]
    if len(spans) <= 1 or not unused:
        return s
    chars = list(s)
    keep = rng.choice(spans)
    for left, right in spans:
        if (left, right) != keep:
            chars[left if left < keep[0] else right] = rng.choice(unused)
    return "".join(chars)


def _late(n: int, rng: random.Random) -> list:
    """t's rarest letter appears in s only inside a short window near the end."""
    alphabet = rng.sample(LETTERS, rng.randint(3, 12))
    rare, common = alphabet[0], alphabet[1:]
    extra = rng.randint(min(n - 1, 2 if n < 1000 else 5), min(n - 1, 20))
    t = rare + "".join(rng.choice(common) for _ in range(extra))
    tail = list(t) + [rng.choice(common) for _ in range(rng.randint(0, min(10, n - len(t))))]
    rng.shuffle(tail)
    body = [rng.choice(common) for _ in range(max(0, n - len(tail) - rng.randint(0, 5)))]
    after = [rng.choice(common) for _ in range(max(0, n - len(body) - len(tail)))]
    return ["".join(body + tail + after)[:n], "".join(rng.sample(t, len(t)))]


def _dense(n: int, rng: random.Random) -> list:
    """Random s over a few letters; t is a random multiset drawn from the same letters."""
    alphabet = rng.sample(LETTERS, rng.randint(1 if n < 1000 else 3, 6))
    s = "".join(rng.choice(alphabet) for _ in range(n))
    low = 1 if n < 1000 else 50
    k = rng.randint(low, max(low, min(n, 500) // rng.choice([1, 2, 4, 10])))
    t = "".join(rng.choice(alphabet) for _ in range(k))
    return [s, t]


def _short(n: int, rng: random.Random) -> list:
    """s is one letter short of containing t, or t has a letter s never uses."""
    alphabet = rng.sample(LETTERS, rng.randint(2, 8))
    s = [rng.choice(alphabet) for _ in range(n)]
    t = [rng.choice(alphabet) for _ in range(rng.randint(1, min(n, 30)))]
    if rng.random() < 0.5:
        c = rng.choice(t)
        t += [c] * (s.count(c) - t.count(c) + 1)  # one more c than s has
    else:
        t.append(rng.choice([c for c in LETTERS if c not in alphabet]))
    rng.shuffle(t)
    return ["".join(s), "".join(t)]


def generate(n: int, rng: random.Random) -> list:
    kind = rng.choice([_dense, _late, _short] if n >= 1000 else [_late, _dense, _dense, _short])
    s, t = kind(n, rng)
    if len(t) > N_MAX:  # only _short with a tiny alphabet can get here
        t = t[:N_MAX]
    return [make_unique(s, t, rng), t]


def edge_cases() -> list:
    rng = random.Random(76)
    return [
        ["a", "a"],
        ["a", "b"],
        ["b", "B"],
        ["ab", "b"],
        ["ab", "a"],
        ["aA", "A"],
        ["bba", "ab"],
        ["abc", "cba"],
        ["ab", "abc"],
        ["aa", "aa"],
        ["aaflslflsldkalskaaa", "aaa"],
        ["cabwefgewcwaefgcf", "cae"],
        ["ZZZzzzYYY", "zY"],
        ["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", LETTERS[::-1]],
        ["xyz", "x" * N_MAX],  # t at its maximum length, no answer
        [make_unique("".join(rng.choice("ab") for _ in range(2000)), "ab" * 40, rng), "ab" * 40],
    ]
