"""Valid Anagram cases: t a shuffle of s, or a near miss (one letter changed, added or removed)."""

import random
import string

LETTERS = string.ascii_lowercase
MAX = 5 * 10**4


def check(args):
    s, t = args
    assert 1 <= len(s) <= MAX, "1 <= s.length <= 5 * 10^4"
    assert 1 <= len(t) <= MAX, "1 <= t.length <= 5 * 10^4"
    assert set(s) <= set(LETTERS) and set(t) <= set(LETTERS), "lowercase English letters"


def _arrange(chars: list, rng: random.Random) -> str:
    """Shuffle, or (for large cases) sort descending: then every letter of s is found only
    after scanning past all larger letters of t, the worst case of search-and-remove."""
    if len(chars) >= 10**4 and rng.random() < 0.7:
        chars.sort(reverse=True)
    else:
        rng.shuffle(chars)
    return "".join(chars)


def generate(n: int, rng: random.Random) -> list:
    """s has n letters from a small or full alphabet; t is an anagram half of the time, else a
    near miss (one letter changed, added or removed). Large cases are anagrams or differ in a
    single letter, so every letter must be checked."""
    alphabet = LETTERS[: rng.choice([1, 2, 3, 26])]
    if n >= 10**4:
        alphabet = LETTERS[: rng.choice([3, 26, 26])]
    s = "".join(rng.choice(alphabet) for _ in range(n))
    modes = ["anagram", "anagram", "changed", "length"] if n < 10**4 else ["anagram", "changed"]
    mode = rng.choice(modes)
    chars = list(s)
    if mode == "changed":  # one letter replaced by a different one, same length
        i = rng.randrange(n)
        pool = alphabet if len(alphabet) > 1 else "ab"
        chars[i] = rng.choice([c for c in pool if c != chars[i]])
    elif mode == "length":  # one letter more or less
        if n > 1 and rng.random() < 0.5:
            chars.pop(rng.randrange(n))
        else:
            chars.append(rng.choice(alphabet))
    return [s, _arrange(chars, rng)]


def timing(n: int, rng: random.Random) -> list:
    """The judge's timing input: the large cases' shape at every n (an anagram or one letter
    changed, so every letter is checked; mostly sorted descending). The kind is drawn before
    the letters, so input j is the same kind at every n."""
    alphabet = LETTERS[: rng.choice([3, 26, 26])]
    changed, descending = rng.random() < 0.5, rng.random() < 0.7
    s = "".join(rng.choice(alphabet) for _ in range(n))
    chars = list(s)
    if changed:
        i = rng.randrange(n)
        chars[i] = rng.choice([c for c in alphabet if c != chars[i]])
    if descending:
        chars.sort(reverse=True)
    else:
        rng.shuffle(chars)
    return [s, "".join(chars)]


def edge_cases() -> list:
    return [
        ["a", "a"],
        ["a", "b"],
        ["a", "aa"],
        ["aa", "a"],
        ["ab", "ba"],
        ["ab", "bb"],
        ["aab", "abb"],
        ["aacc", "ccac"],
        ["listen", "silent"],
        ["abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba"],
        ["abc", "abcd"],
        ["z" * 10, "z" * 9 + "y"],
        ["a" * MAX, "a" * (MAX - 1) + "b"],
    ]
