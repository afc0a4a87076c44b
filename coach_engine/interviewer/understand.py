"""Reading a candidate's message without a language model: what kind of turn it is, which known
approach it describes, and which complexity it states.

Everything here is deterministic and grounded in the problem's own data (its approaches and their
keywords, its constraints), so the offline interviewer can say exactly why it replied as it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

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


_BARE_FORMS = {
    "n log n": "O(n log n)",
    "nlogn": "O(n log n)",
    "n squared": "O(n^2)",
    "n^2": "O(n^2)",
    "n cubed": "O(n^3)",
    "log n": "O(log n)",
}
_BARE = re.compile(r"(?<![(\w^])(n\s+log\s+n|nlogn|n\s+squared|n\^2|n\s+cubed|log\s+n)(?![\w)])")
_KIND_AFTER = re.compile(r"^\W{0,3}(?:extra |auxiliary |additional )?(time|space|memory)\b", re.I)
_KIND_BEFORE = re.compile(r"\b(time|space|memory)\b(?!.*\b(?:time|space|memory)\b)", re.I)


@lru_cache(maxsize=4096)  # pure; replayed over the whole transcript on every turn
def claimed_time(text: str) -> str | None:
    """The time complexity a message claims: the first complexity said of time, else the first
    said of neither time nor space ("O(1) space, O(n) time" claims O(n); "O(n^2)" claims
    O(n^2))."""
    unlabelled: str | None = None
    for m in _BIG_O.finditer(text):
        if not re.search(r"\w", m.group(1)):
            continue  # "O()" says nothing
        said = normalize_big_o(m.group(1)) or f"O({' '.join(m.group(1).split())})"
        after = _KIND_AFTER.search(text[m.end() : m.end() + 20])
        before = _KIND_BEFORE.search(text[max(0, m.start() - 16) : m.start()])
        label = after or before
        kind = label.group(1).lower() if label else None
        if kind == "time":
            return said
        if kind is None and unlabelled is None:
            unlabelled = said
    if unlabelled is not None:
        return unlabelled
    lowered = text.lower()
    # Also bare forms ("n log n for the sort", "n squared") and words ("linear time").
    said_of_time = (
        [
            (m.start(), big_o)
            for m in re.finditer(r"[a-z]{5,}", lowered)
            for word, big_o in _WORDS_FOR.items()
            if _near(m.group(0), word)  # "exponetial", "quadradic"
            and not re.match(r"\W{0,3}(?:extra\s+)?(?:space|memory)\b", lowered[m.end() :])
        ]
        + [
            (m.start(), _BARE_FORMS[re.sub(r"\s+", " ", m.group(1))])
            for m in _BARE.finditer(lowered)
            if not re.match(r"\W{0,3}(?:extra\s+)?(?:space|memory)\b", lowered[m.end() :])
        ]
    )
    return min(said_of_time)[1] if said_of_time else None


def same_complexity(said: str, known: str) -> bool:
    """Whether a stated complexity is the known one: canonical forms equal, or the same symbols
    once spaces and products are dropped (``O(n * L log L)`` is ``O(n*L log L)``)."""

    def loose(text: str) -> str:
        return re.sub(r"[\s*·×]", "", text.lower())

    return said == canonical(known) or loose(said) == loose(canonical(known))


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


def _near(a: str, b: str) -> bool:
    """One typo apart (an insertion, deletion, substitution or swap), for words of 5+ letters:
    ``dictionery``, ``recursoin``, ``sortng`` still name their approach."""
    if a == b or _stem(a) == _stem(b):
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _stem(word: str) -> str:
    """A crude English stem, enough for keywords: sorting/sorted/sorts → sort, sweeping →
    sweep, indegrees → indegree, colours → colour."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            # sorting→sort, but stopping→stopp→stop: drop a doubled final consonant
            return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem
    return word


def _uses(keyword: str, said: list[str]) -> bool:
    """Whether the words ``said`` contain the keyword's words in a row (each allowed one typo)."""
    words = keyword.split()
    return bool(words) and any(
        all(_near(w, s) for w, s in zip(words, said[i : i + len(words)], strict=True))
        for i in range(len(said) - len(words) + 1)
    )


def match_approach(text: str, approaches: tuple[Approach, ...] | list[Approach]) -> Match | None:
    """The known approach whose keywords the text uses most (on a tie the earlier one wins).
    Keywords match on whole words; words of five letters or more survive one typo."""
    approaches = tuple(approaches)
    found = _best_match(_words(text), tuple(a.keywords for a in approaches))
    if found is None:
        return None
    index, hits = found
    return Match(approaches[index], len(hits), hits)


@lru_cache(maxsize=8192)
def _best_match(
    words: str, keywords: tuple[tuple[str, ...], ...]
) -> tuple[int, tuple[str, ...]] | None:
    """``match_approach`` on the normalised text and each approach's keywords, cached: the
    offline interviewer replays a session's whole transcript before every answer, so each
    message is matched again on every turn (on the server's event loop: bench/server_load.py
    found this the largest cost of a chat round trip at 200 candidates)."""
    said = words.split()
    best: tuple[int, tuple[str, ...]] | None = None
    for index, approach_keywords in enumerate(keywords):
        hits = tuple(k for k in approach_keywords if _uses(_words(k).strip(), said))
        if hits and (best is None or len(hits) > len(best[1])):
            best = (index, hits)
    return best


_INPUT_QUESTION = re.compile(
    r"^\s*(?!do it\b)(is|are|can|could|does|do|will|may|must)\s+"
    r"(the|it|they|there|all|each|every|any|some|nums|s|t|n|k|an?\s+(input|array|string|list|grid|node|interval|number|word|value|"
    r"element|amount|course|coin))\b",
    re.IGNORECASE,
)
_IDEA_QUESTION = re.compile(
    r"\b(what|how) about\b|\bwhat if (i|we)\b|\binstead\b|\balternatively\b|"
    r"\b(would|could|does|will) (it|that|this) work\b|\bwhy not\b|\bworks?\s*\??$|"
    r"\b(ok|okay|fine|allowed) (to|if)\b|\bor maybe\b|^\s*(\w+,?\s+)?maybe\b|"
    r"^\s*(can|could|should|shall|may) (i|we)\b(?! (assume|ask|get a hint))",
    re.IGNORECASE,
)


# An edge case or an assumption asked about, not a way to solve it: "what about an empty
# string?" (a few words: longer ones tend to carry a plan), "can we assume ...?"
_ASKS_ABOUT_A_CASE = re.compile(
    r"^\s*(?:(?:what|how) about (?:an? |the )?(?:empty|null|none|negative|duplicate|zero|single)"
    r"\W*(?:\w+\W*){0,4}\??\s*$|(?:can|could|may|should) (?:i|we) assume\b)",
    re.IGNORECASE,
)


def asks_about_the_input(text: str) -> bool:
    """A question about the input or the rules ("Are the intervals sorted?"), as opposed to one
    proposing a way to solve it ("what about sorting them first?")."""
    if _ASKS_ABOUT_A_CASE.match(text) and not names_technique(text):
        return True  # "what about empty strings?", "can we assume the array is sorted?"
    return bool(_INPUT_QUESTION.match(text)) and not _IDEA_QUESTION.search(text)


def proposes_idea(text: str) -> bool:
    """A question or aside that puts forward a way to solve it ("how about a heap?",
    "could I sort both strings instead?")."""
    return bool(_IDEA_QUESTION.search(text))


_EDGE = re.compile(
    r"\b(edge cases?|corner cases?|empty|null|none|single (element|char|letter|node|item)|"
    r"one element|duplicates?|negatives?|overflow|zero|no solution|cycle)\b",
    re.IGNORECASE,
)


# Technique words: a question naming one proposes a way to solve it ("is a heap ok?"), whatever
# the problem. "sorted" is left out: "are the strings sorted?" asks about the input.
_TECHNIQUE = re.compile(
    r"\b(sort|sorts|sorting|hash\w*|heaps?|heapq|priority queue|two pointers?|pointers|"
    r"binary search|dp|dynamic programming|memo\w*|greedy|sliding window|bfs|dfs|"
    r"recurs\w*|backtrack\w*|prefix sums?|counter|counting|bucket\w*|trie|union find)\b",
    re.IGNORECASE,
)


def names_technique(text: str) -> bool:
    """Whether the text names a solving technique (sort, hash map, two pointers, heap, dp…)."""
    return bool(_TECHNIQUE.search(text))


def is_clarifying_question(text: str, approaches: tuple[Approach, ...] | list[Approach]) -> bool:
    """A question about the problem (input range, duplicates, empty input, output format,
    constraints), as the interviewer and the judge both count it: one asking about the input is
    always clarifying ("Is the input sorted?"); one naming an approach of the problem or a
    technique is an approach proposal ("What about sorting both strings instead?")."""
    if classify(text) != Intent.CLARIFYING_QUESTION:
        return False
    return asks_about_the_input(text) or (
        match_approach(text, approaches) is None and not names_technique(text)
    )


def mentions_edge_cases(text: str) -> bool:
    return bool(_EDGE.search(text))


_LEAD = re.compile(
    r"^(?:\s*(?:ok(?:ay)?|so|hmm+|um+|well|right|alright|yeah|yes|no|maybe|actually|and|but|"
    r"then|or|i think|i guess|what about|how about|what if|could i|can i|should i|could we|"
    r"can we|should we|i'?d|i would|i will|i'?ll|we can|we could|my (?:idea|plan|approach) "
    r"is(?: to)?|just|simply|instead|i|we|could|can|would|should|use|used|using)\b[\s,]*)+",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"(?:[\s,]*\b(?:instead|then|maybe|perhaps|or something|too|as well|do better|be better|"
    r"be faster|work|help|here)\b)+"
    r"[\s?.!]*$|[\s?.!,;:]+$",
    re.IGNORECASE,
)


def idea_phrase(text: str, max_words: int = 12, max_chars: int = 80) -> str:
    """The candidate's idea in their own words, for quoting back: fillers and question
    framing dropped ("what about sorting both strings instead?" → "sorting both strings"),
    punctuation tidied (it is quoted inside the interviewer's sentence), length capped."""
    flat = " ".join(text.split()).replace('"', "'").replace("`", "'")
    flat = re.sub(r"\.{2,}", "…", flat)
    flat = re.sub(r"\s+([?.!,;:…])", r"\1", flat)
    flat = re.sub(r"([?.!,;:…])[?.!,;:…]+", r"\1", flat)
    sentences = [s for s in re.split(r"(?<=[.!?…])\s+", flat) if re.search(r"\w", s)]
    first = sentences[0] if sentences else flat
    core = _TAIL.sub("", _LEAD.sub("", first)).strip(" ,;:-—…")
    core = core or first.strip(" ?.!…,;:-—") or "that"
    words = core.split()
    short = " ".join(words[:max_words])
    if len(short) > max_chars:
        short = short[: max_chars - 1].rstrip(" ,;:")
    return short + ("…" if short != core else "")


@lru_cache(maxsize=4096)  # pure; replayed over the whole transcript on every turn
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
    if is_question and asks_about_the_input(lowered):
        return Intent.CLARIFYING_QUESTION
    describes = bool(
        re.search(
            r"\b(i('| wi)ll|i would|i'd|we can|we could|my (idea|approach|plan)|approach|iterat\w*|"
            r"loop\w*|use an?|using|stor(e|ing)|keep(ing)?|sort\w*|travers\w*|recurs\w*|then)\b",
            lowered,
        )
    ) or (is_question and (proposes_idea(lowered) or names_technique(lowered)))
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
