"""The big-O classes the judge reports, their order, and reading one written by a person.

The labels are those of ``coach_engine.judge.static.bigo.BigO`` (the static analyser's), so a
class measured here and one inferred there compare as strings. The static package is imported
lazily and only for parsing: the judge keeps working while it is missing or being rebuilt, with
a small fallback parser that reads the forms the problem bank uses.

O(√n) and O(n√n) take the half ranks between their whole neighbours (1.5 between O(log n) and
O(n), 3.5 between O(n log n) and O(n^2)): the order is total, and the distance between any two
of the other classes — the scorer's steps above the optimal class — is what it was before they
existed. ``ascii_label`` gives "O(sqrt n)", "O(n sqrt n)" where text must be plain ASCII.
"""

from __future__ import annotations

import importlib
import re

CONSTANT, LOG, LINEAR, N_LOG_N = "O(1)", "O(log n)", "O(n)", "O(n log n)"
SQRT, N_SQRT_N = "O(√n)", "O(n√n)"
QUADRATIC, M_N, N2_LOG_N, CUBIC, EXPONENTIAL = (
    "O(n^2)",
    "O(m·n)",
    "O(n^2 log n)",
    "O(n^3)",
    "O(2^n)",
)
RANK: dict[str, float] = {
    CONSTANT: 0,
    LOG: 1,
    SQRT: 1.5,  # half ranks: between the whole neighbours, their distances unchanged
    LINEAR: 2,
    N_LOG_N: 3,
    N_SQRT_N: 3.5,
    QUADRATIC: 4,
    M_N: 4,  # two independent sizes: quadratic in the size parameters, like O(n^2)
    N2_LOG_N: 5,
    CUBIC: 6,
    EXPONENTIAL: 7,
}


ASCII = {SQRT: "O(sqrt n)", N_SQRT_N: "O(n sqrt n)", M_N: "O(m*n)"}


def rank(label: str) -> float:
    """Position of a class label in the order O(1) < O(log n) < O(√n) < O(n) < ... < O(2^n)."""
    return RANK[label]


def ascii_label(label: str) -> str:
    """A class label in plain ASCII ("O(√n)" → "O(sqrt n)"); ASCII labels are their own."""
    return ASCII.get(label, label)


def compare(a: str, b: str) -> int:
    """-1 when ``a`` grows slower than ``b``, 0 for the same rank, 1 when faster."""
    ra, rb = rank(a), rank(b)
    return (ra > rb) - (ra < rb)


def parse(text: str | None) -> str | None:
    """The class of a big-O expression ("O(m*n)", "O(n log n)", "O(h)") or None."""
    if not text:
        return None
    try:
        bigo = importlib.import_module("coach_engine.judge.static.bigo")
        value = bigo.parse_big_o(text)
        return None if value is None else str(value.value)
    except Exception:  # noqa: BLE001 - the static package is optional here
        return _fallback(text)


_VAR = re.compile(r"\b(?!log\b|sqrt\b|min\b|max\b)[a-z]\w*")


def _fallback(text: str) -> str | None:
    """Degree and log power of the dominant term, for the expressions problem files use."""
    m = re.fullmatch(r"(?i)\s*o\s*\((.*)\)\s*", text)
    if m is None:
        return None
    body = m.group(1).lower().replace("**", "^").replace("×", "*").replace("·", "*")
    body = re.sub(r"(?:α|alpha)\s*\([^)]*\)", "", body)  # inverse Ackermann: a constant
    body = re.sub(r"\^\s*\(\s*1\s*/\s*2\s*\)", "^0.5", body)
    body = re.sub(r"\^\s*\(\s*3\s*/\s*2\s*\)", "^1.5", body)
    body = re.sub(r"(?:√|sqrt)\s*\(?\s*([a-z])\s*\)?", r"*\1^0.5", body)
    if "!" in body or re.search(r"\d\s*\^\s*\(?\s*[a-z]", body):
        return EXPONENTIAL
    best = (0.0, 0, 0)
    for term in re.split(r"\+", body):
        logs = len(re.findall(r"log", term))
        bare = re.sub(r"log\s*\(?[^)*]*\)?", "", term)
        names = set(_VAR.findall(bare))
        degree = 0.0
        for var in names:  # every occurrence counts: n·√n is n^1.5
            for power in re.finditer(rf"\b{var}\b(?:\s*\^\s*(\d+(?:\.\d+)?))?", bare):
                degree += float(power.group(1)) if power.group(1) else 1.0
        squared = re.search(r"\)\s*\^\s*(\d+)", term)
        if squared:
            degree *= float(squared.group(1))
        best = max(best, (degree, logs, len(names)))
    degree, logs, distinct = best
    if degree <= 0:
        return LOG if logs else CONSTANT
    if degree < 1:
        return SQRT if degree <= 0.5 and not logs else LINEAR
    if degree < 1.5:
        return N_LOG_N if logs else LINEAR
    if degree == 1.5 and not logs:
        return N_SQRT_N
    if degree < 2.5:
        return N2_LOG_N if logs else M_N if distinct >= 2 else QUADRATIC
    return CUBIC
