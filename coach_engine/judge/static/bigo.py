"""Big-O classes: the fixed set the judge reports, their order, and a parser for free text.

The scorer compares a candidate's class with the problem's optimal one through `compare`. `O(m·n)`
(two independent size parameters, a grid or two strings) ranks with `O(n^2)`: both are quadratic
in the size parameters, so neither is "better" than the other.

`O(√n)` and `O(n√n)` sit between whole neighbours (O(log n) < O(√n) < O(n) and
O(n log n) < O(n√n) < O(n^2)) and take the half ranks between them, so the rank distance between
the other classes (the scorer's steps) stays what it was. Their plain-ASCII forms, for text
that must be ASCII, are `O(sqrt n)` and `O(n sqrt n)` (`ascii_label`); both forms are read back.
"""

from __future__ import annotations

import re
from enum import StrEnum


class BigO(StrEnum):
    CONSTANT = "O(1)"
    LOG = "O(log n)"
    SQRT = "O(√n)"
    LINEAR = "O(n)"
    N_LOG_N = "O(n log n)"
    N_SQRT_N = "O(n√n)"
    QUADRATIC = "O(n^2)"
    M_N = "O(m·n)"
    N2_LOG_N = "O(n^2 log n)"
    CUBIC = "O(n^3)"
    EXPONENTIAL = "O(2^n)"


RANK: dict[BigO, float] = {
    BigO.CONSTANT: 0,
    BigO.LOG: 1,
    BigO.SQRT: 1.5,  # between its whole neighbours: half ranks keep the others' distances
    BigO.LINEAR: 2,
    BigO.N_LOG_N: 3,
    BigO.N_SQRT_N: 3.5,
    BigO.QUADRATIC: 4,
    BigO.M_N: 4,
    BigO.N2_LOG_N: 5,
    BigO.CUBIC: 6,
    BigO.EXPONENTIAL: 7,
}


ASCII: dict[BigO, str] = {BigO.SQRT: "O(sqrt n)", BigO.N_SQRT_N: "O(n sqrt n)", BigO.M_N: "O(m*n)"}
"""Plain-ASCII forms of the labels that are not ASCII (the others are their own)."""


def ascii_label(value: BigO | str) -> str:
    """The label in plain ASCII: "O(√n)" → "O(sqrt n)", "O(m·n)" → "O(m*n)"; other text as is."""
    try:
        return ASCII.get(BigO(value), str(value))
    except ValueError:
        return str(value)


def rank(value: BigO | str) -> float:
    """Position of a class in the order O(1) < O(log n) < ... < O(2^n).

    Raises:
        ValueError: `value` is a string `parse_big_o` cannot read.
    """
    big_o = value if isinstance(value, BigO) else parse_big_o(value)
    if big_o is None:
        raise ValueError(f"not a big-O class: {value!r}")
    return RANK[big_o]


def compare(a: BigO | str, b: BigO | str) -> int:
    """-1 when `a` grows slower than `b`, 0 when they are the same class, 1 when faster.

    Accepts `BigO` members or text such as "O(n log n)", "O(m*n)", "O(h)" (see `parse_big_o`).

    Raises:
        ValueError: a string that is not a readable big-O expression.
    """
    ra, rb = rank(a), rank(b)
    return (ra > rb) - (ra < rb)


_TOKEN = re.compile(r"\s*(log|sqrt|√|\d+(?:\.\d+)?|[A-Za-zα]\w*|\*\*|[()*·×+^!/,-])")


class _Poly:
    """degree (total exponent of size variables), log power, exponential flag, variable count."""

    def __init__(
        self,
        degree: float = 0.0,
        log: int = 0,
        exp: bool = False,
        names: frozenset[str] = frozenset(),
    ) -> None:
        self.degree, self.log, self.exp, self.names = degree, log, exp, names

    def key(self) -> tuple[bool, float, int]:
        return (self.exp, self.degree, self.log)

    def times(self, other: _Poly) -> _Poly:
        return _Poly(
            self.degree + other.degree,
            self.log + other.log,
            self.exp or other.exp,
            self.names | other.names,
        )


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _TOKEN.findall(source)
        self.pos = 0

    def peek(self) -> str:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ""

    def take(self) -> str:
        tok = self.peek()
        self.pos += 1
        return tok

    def sum(self) -> _Poly:
        best = self.product()
        while self.peek() in ("+", "-", ","):
            self.take()
            other = self.product()
            best = other if other.key() > best.key() else best
        return best

    def product(self) -> _Poly:
        acc = self.power()
        while self.peek() in ("*", "·", "×", "/") or self.peek() not in ("", "+", "-", ")", ","):
            op = self.peek()
            if op in ("*", "·", "×", "/"):
                self.take()
            nxt = self.power()
            acc = acc if op == "/" else acc.times(nxt)
        return acc

    def power(self) -> _Poly:
        base_tok = self.peek()
        base = self.atom()
        if self.peek() in ("^", "**"):
            self.take()
            exp_tok = self.peek()
            fraction = self.fraction()
            exponent = _Poly() if fraction is not None else self.atom()
            if exponent.degree > 0 or exponent.exp:
                return _Poly(exp=True, names=base.names | exponent.names)
            try:
                power = fraction if fraction is not None else float(exp_tok)
            except ValueError:
                power = 1.0
            if base_tok.replace(".", "").isdigit():
                return _Poly()
            return _Poly(base.degree * power, base.log * int(power), base.exp, base.names)
        if self.peek() == "!":
            self.take()
            return _Poly(exp=True, names=base.names)
        return base

    def fraction(self) -> float | None:
        """A numeric exponent in parentheses, `(1/2)` or `(3/2)`, consumed; else None."""
        toks = self.tokens[self.pos : self.pos + 5]
        number = re.compile(r"\d+(?:\.\d+)?")
        if len(toks) == 5 and toks[0] == "(" and toks[2] == "/" and toks[4] == ")":
            if number.fullmatch(toks[1]) and number.fullmatch(toks[3]) and float(toks[3]):
                self.pos += 5
                return float(toks[1]) / float(toks[3])
        return None

    def atom(self) -> _Poly:
        tok = self.take()
        if tok == "(":
            inner = self.sum()
            if self.peek() == ")":
                self.take()
            return inner
        if tok in ("min", "max") and self.peek() == "(":
            return self.atom()
        if tok in ("log", "sqrt", "√"):
            arg = self.power() if self.peek() == "(" else self.atom()
            if tok in ("sqrt", "√"):
                return _Poly(arg.degree / 2, arg.log, arg.exp, arg.names)
            return _Poly(log=1, names=arg.names) if arg.degree > 0 or arg.log else _Poly()
        if not tok or tok.replace(".", "").isdigit():
            return _Poly()
        if tok.startswith("α") or tok in ("alpha", "k_const"):
            self.power() if self.peek() == "(" else None
            return _Poly()
        return _Poly(1.0, names=frozenset([tok]))


def parse_big_o(text: str) -> BigO | None:
    """Read a big-O expression written by a person ("O(n*m)", "O(m·n)", "O(h)", "O((m*n)^2)",
    "O(n + k)", "O(m*n * α(m*n))", "O(2^n)", "O(n!)", "O(√n)", "O(sqrt(n))", "O(n^(1/2))",
    "O(n sqrt n)") into the nearest class, or None.

    Every variable counts as an input size (h and k included); `+` keeps the larger term; α and
    numbers are constants; a variable exponent or a factorial is exponential; degrees above 3 are
    reported as O(n^3), the largest polynomial class (see `poly_class` for other degrees).
    """
    match = re.fullmatch(r"(?i)\s*(?:big[- ]?)?[oθΘΩ]\s*\((.*)\)\s*", text)
    if match is None or not match.group(1).strip():
        return None
    body = re.sub(r"(?<=[a-z])log", " log", match.group(1))
    body = re.sub(r"log(?=[a-z])", "log ", body)
    body = re.sub(r"(?<=[a-z])sqrt", " sqrt", body)
    try:
        poly = _Parser(body).sum()
    except (IndexError, RecursionError):
        return None
    return poly_class(poly.degree, poly.log, poly.exp, len(poly.names))


def poly_class(degree: float, log: int, exp: bool, distinct: int) -> BigO:
    """The class of n^degree · log^log n (exponential when `exp`); two distinct size variables of
    degree 1 each make O(m·n).

    Half powers have classes of their own: √n (degree 0.5, or less) is O(√n), n√n (1.5) is
    O(n√n); with a log factor they are reported in the next class up (√n log n as O(n),
    n√n log n as O(n^2)), as is any other fraction below 1. Degrees between 1 and 1.5 and
    between 1.5 and 2.5 are read as before (O(n)/O(n log n), O(n^2)/O(m·n)/O(n^2 log n)).
    """
    if exp:
        return BigO.EXPONENTIAL
    if degree <= 0:
        return BigO.LOG if log > 0 else BigO.CONSTANT
    if degree < 1:
        return BigO.SQRT if degree <= 0.5 and log == 0 else BigO.LINEAR
    if degree < 1.5:
        return BigO.N_LOG_N if log > 0 else BigO.LINEAR
    if degree == 1.5 and log == 0:
        return BigO.N_SQRT_N
    if degree < 2.5:
        if log > 0:
            return BigO.N2_LOG_N if degree > 1.5 else BigO.QUADRATIC
        return BigO.M_N if distinct >= 2 else BigO.QUADRATIC
    return BigO.CUBIC
