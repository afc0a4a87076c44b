"""Reading a candidate's message without a language model: what kind of turn it is, which known
approach it describes, and which complexity it states.

Everything here is deterministic and grounded in the problem's own data (its approaches and their
keywords, its constraints), so the offline interviewer can say exactly why it replied as it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from coach_engine.problems.schema import Approach

_BIG_O = re.compile(r"\bO\s*\(\s*([^()]*(?:\([^()]*\)[^()]*)*)\s*\)", re.IGNORECASE)
_WORDS_FOR = {
    "constant": "O(1)",
    "logarithmic": "O(log n)",
    "linear": "O(n)",
    "linearithmic": "O(n log n)",
    "quadratic": "O(n^2)",
    "cubic": "O(n^3)",
    "exponential": "O(2^n)",
}
_QUESTION_START = re.compile(
    r"^\s*(can|could|is|are|do|does|will|would|should|what|how|may|must|am|did|which|where|when"
    r"|any|should i)\b",
    re.IGNORECASE,
)


class Intent(StrEnum):
    HINT_REQUEST = "hint_request"
    REVEAL_REQUEST = "reveal_request"
    CLARIFYING_QUESTION = "clarifying_question"
    APPROACH = "approach"
    COMPLEXITY = "complexity"
    EDGE_CASES = "edge_cases"
    DONE = "done"
    OTHER = "other"


def normalize_big_o(text: str) -> str | None:
    """``O(N*log N)``, ``o(nlogn)``, ``O(n²)`` → canonical ``O(n log n)``, ``O(n^2)``;
    ``O(sqrt(n))``, ``O(√n)``, ``O(n^0.5)``, ``O(n^(1/2))`` → ``O(√n)`` (and ``n√n``,
    ``n^1.5``, ``n^(3/2)`` → ``O(n√n)``); None if the text is not a complexity we know."""
    t = text.lower().replace(" ", "").replace("**", "^").replace("*", "").replace("·", "")
    t = t.replace("²", "^2").replace("³", "^3").replace("lg", "log").replace("logn", "log n")
    t = t.replace("n log", "nlog")
    t = re.sub(r"(?:√|sqrt)\(?n\)?|n\^\(?(?:0?\.5|1/2)\)?", "√n", t)
    t = re.sub(r"n\^\(?(?:1\.5|3/2)\)?", "n√n", t)
    table = {
        "1": "O(1)",
        "log n": "O(log n)",
        "logn": "O(log n)",
        "n": "O(n)",
        "nlog n": "O(n log n)",
        "nlogn": "O(n log n)",
        "√n": "O(√n)",
        "n√n": "O(n√n)",
        "n^2": "O(n^2)",
        "nn": "O(n^2)",
        "n^2log n": "O(n^2 log n)",
        "n^3": "O(n^3)",
        "2^n": "O(2^n)",
        "mn": "O(m*n)",
        "nm": "O(m*n)",
        "m+n": "O(m+n)",
        "n+m": "O(m+n)",
        "v+e": "O(V+E)",
        "e+v": "O(V+E)",
        "k": "O(k)",
        "nk": "O(n*k)",
        "kn": "O(n*k)",
        "nlog k": "O(n log k)",
        "nlogk": "O(n log k)",
    }
    return table.get(t)


def stated_complexities(text: str) -> list[str]:
    """Every complexity the text states, canonical, in order (``"linear time"`` counts too)."""
    found = [c for m in _BIG_O.finditer(text) if (c := normalize_big_o(m.group(1)))]
    lowered = text.lower()
    for word, big_o in _WORDS_FOR.items():
        if re.search(rf"\b{word}\b", lowered) and big_o not in found:
            found.append(big_o)
    return found


def canonical(big_o: str) -> str:
    """Canonical form of a problem file's big-O string (for comparing with a stated one)."""
    inner = _BIG_O.search(big_o)
    return (normalize_big_o(inner.group(1)) if inner else None) or big_o


@dataclass(frozen=True)
class Match:
    approach: Approach
    score: int
    keywords: tuple[str, ...]


def _words(text: str) -> str:
    """Lower-case, punctuation as spaces, padded: ``" head next next "`` — so keywords and text
    are normalised alike and match on whole words only (``"sum"`` never hits ``"assume"``)."""
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()) + " "


def match_approach(text: str, approaches: tuple[Approach, ...] | list[Approach]) -> Match | None:
    """The known approach whose keywords the text uses most (on a tie the earlier one wins)."""
    said = _words(text)
    best: Match | None = None
    for approach in approaches:
        hits = tuple(k for k in approach.keywords if _words(k).strip() and _words(k) in said)
        if hits and (best is None or len(hits) > best.score):
            best = Match(approach, len(hits), hits)
    return best


def classify(text: str) -> Intent:
    """The main intent of one candidate message."""
    lowered = text.lower().strip()
    if re.search(r"\b(hint|stuck|nudge|help me)\b", lowered):
        return Intent.HINT_REQUEST
    if re.search(
        r"\b(reveal|show me the failing|which test|what test|failing (hidden )?test)", lowered
    ):
        return Intent.REVEAL_REQUEST
    is_question = lowered.endswith("?") or bool(_QUESTION_START.match(lowered))
    describes = bool(
        re.search(
            r"\b(i('| wi)ll|i would|i'd|we can|we could|my (idea|approach|plan)|approach|iterate|"
            r"loop|use an?|store|keep|sort|traverse|recurs|then)\b",
            lowered,
        )
    )
    if is_question and not describes:
        return Intent.CLARIFYING_QUESTION
    if describes:
        return Intent.APPROACH
    if stated_complexities(text):
        return Intent.COMPLEXITY
    if re.search(r"\b(edge case|empty|null|single element|duplicate|negative|overflow)\b", lowered):
        return Intent.EDGE_CASES
    if re.search(r"\b(done|finished|ready to submit|i think it works)\b", lowered):
        return Intent.DONE
    if is_question:
        return Intent.CLARIFYING_QUESTION
    return Intent.OTHER
