"""Edit Distance cases: random words over small alphabets, near-copies, and unrelated words.

At n = 500 both words have 500 characters, so the DP fills the whole 501 x 501 table.
"""

import random
import string

N_MAX = 500


def check(args):
    word1, word2 = args
    for w in (word1, word2):
        assert 0 <= len(w) <= N_MAX, "0 <= length <= 500"
        assert all(c in string.ascii_lowercase for c in w), "lowercase English letters"


def mutate(word: str, edits: int, rng: random.Random, alphabet: str) -> str:
    """Apply random inserts, deletes and replacements, keeping the length at most N_MAX."""
    chars = list(word)
    for _ in range(edits):
        op = rng.choice("idr") if chars else "i"
        if op == "i" and len(chars) < N_MAX:
            chars.insert(rng.randint(0, len(chars)), rng.choice(alphabet))
        elif op == "d" and chars:
            del chars[rng.randrange(len(chars))]
        elif chars:
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
    return "".join(chars)


def generate(n: int, rng: random.Random) -> list:
    alphabet = "".join(rng.sample(string.ascii_lowercase, rng.choice([1, 2, 4, 26])))
    word1 = "".join(rng.choice(alphabet) for _ in range(n))
    m = n if n == N_MAX else rng.randint(0, n)
    kind = rng.choice(["random", "near", "shifted"])
    if kind == "random":
        word2 = "".join(rng.choice(alphabet) for _ in range(m))
    elif kind == "near":  # a copy of word1 with a few edits, then cut or padded to m letters
        word2 = mutate(word1, rng.randint(1, max(1, n // 10)), rng, alphabet)
        word2 = (word2 + "".join(rng.choice(alphabet) for _ in range(m)))[:m]
    else:  # word1 rotated: a long common run with mismatched ends
        k = rng.randint(0, max(0, n - 1))
        word2 = (word1[k:] + word1[:k])[:m]
    if rng.random() < 0.5:
        word1, word2 = word2, word1
    return [word1, word2]


def edge_cases() -> list:
    rng = random.Random(72)
    letters = string.ascii_lowercase
    long_word = "".join(rng.choice(letters) for _ in range(N_MAX))
    return [
        ["", ""],
        ["a", ""],
        ["", "z"],
        ["a", "a"],
        ["a", "b"],
        ["ab", "ba"],
        ["abc", "abc"],
        ["aaaa", "aa"],
        ["intention", "execution"],
        ["sunday", "saturday"],
        ["abcdef", "azced"],
        ["zzzzzzzz", "zzzzzzzz"],
        ["", long_word],  # 500 inserts
        [long_word, ""],  # 500 deletes
        ["a" * N_MAX, "b" * N_MAX],  # 500 replacements
        [long_word, long_word[1:] + long_word[0]],  # rotation by one: 2 edits
        ["ab" * (N_MAX // 2), "ba" * (N_MAX // 2)],
    ]
