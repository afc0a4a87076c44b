"""Valid Parentheses cases: balanced strings, and balanced strings with one defect."""

import random

PAIRS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {v: k for k, v in PAIRS.items()}


def check(args):
    (s,) = args
    assert 1 <= len(s) <= 10**4, "1 <= s.length <= 10^4"
    assert set(s) <= set("()[]{}"), "s consists only of '()[]{}'"


def _balanced(n: int, rng: random.Random, depth_bias: float) -> str:
    """A well-formed string of even length n; depth_bias near 1 nests deeply."""
    out, stack = [], []
    while len(out) < n:
        remaining = n - len(out)
        if stack and (len(stack) == remaining or rng.random() > depth_bias):
            out.append(PAIRS[stack.pop()])
        else:
            opener = rng.choice("([{")
            stack.append(opener)
            out.append(opener)
    return "".join(out)


def _defect(s: str, rng: random.Random) -> str:
    """Break a balanced string in one place (swap a kind, flip a side, drop or add one)."""
    chars = list(s)
    n = len(chars)
    i = rng.randrange(n) if rng.random() < 0.5 else rng.randrange(n * 9 // 10, n)  # late: full scan
    kind = rng.choice(["kind", "flip", "drop", "add", "swap-end"])
    if kind == "kind":
        group = "([{" if chars[i] in PAIRS else ")]}"
        chars[i] = rng.choice([c for c in group if c != chars[i]])
    elif kind == "flip":
        chars[i] = PAIRS.get(chars[i]) or CLOSERS[chars[i]]
    elif kind == "drop" and len(chars) > 1:
        del chars[i]
    elif kind == "swap-end":
        chars[-1] = rng.choice([c for c in ")]}" if c != chars[-1]])
    else:
        chars.insert(i, rng.choice("()[]{}"))
    return "".join(chars)[: 10**4]


def generate(n: int, rng: random.Random) -> list:
    """A string of length about n (n rounded down to even when it must balance)."""
    if n == 1:
        return [rng.choice("()[]{}")]
    s = _balanced(n - n % 2, rng, rng.choice([0.5, 0.7, 0.95]))
    return [_defect(s, rng) if rng.random() < 0.5 else s]


def edge_cases() -> list:
    return [
        ["("],
        ["]"],
        ["(("],
        ["))"],
        [")("],
        ["{}"],
        ["[]"],
        ["{[]}"],
        ["{[()()]}[]"],
        ["((("],
        ["(){}}{"],
        ["[({})](]"],
        ["([]"],
        ["[])"],
        ["(" * 5000 + ")" * 5000],
        ["([{" * 1666 + "}])" * 1666 + "()"],
        ["()" * 4999 + "(]"],
        ["(" * 5000 + ")" * 4999 + "]"],
        ["{" * 10000],
    ]
