"""Communication, read from the transcript with plain rules (no model decides anything here).

What a senior interviewer listens for, each found in the candidate's own turns and cited by
message number: clarifying questions before coding, an approach stated before the code, a stated
complexity (checked against the measured one), edge cases discussed, and testing before
submitting (said, or done: visible-test runs before the first submission). Coding starts at the
first candidate turn that is code (a stored CODE message, a fenced block, or a line that looks
like a definition); everything before it is "before coding".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach_engine.interviewer.understand import is_clarifying_question, match_approach
from coach_engine.judge import classes as C
from coach_engine.judge.models import CommunicationReport
from coach_engine.judge.transcript import Turn
from coach_engine.judge.wording import counted
from coach_engine.models import CodeRun
from coach_engine.problems import Problem

_CODE = re.compile(
    r"```|^\s*(def |class \w|function\b|var \w+ = function|func \w|public \w|#include|for \(|"
    r"while \(|return\b.*;\s*$)",
    re.M,
)
_APPROACH = re.compile(
    r"\b(approach|idea|plan|i('ll| will| would| could| can)|we (can|could)|let'?s|my thought|"
    r"iterate|loop|scan|sort|hash|map|set|stack|queue|heap|pointers?|binary search|dfs|bfs|"
    r"dynamic programming|dp|recurs\w*|greedy|window|memo\w*)\b",
    re.I,
)
_EDGE = re.compile(
    r"\b(edge cases?|corner cases?|empty|null|none|nil|single (element|node|char\w*|value)|"
    r"one element|duplicates?|negative|zeros?|overflow|large inputs?|boundar\w+|"
    r"no (solution|answer)|all the same|already sorted|out of bounds)\b",
    re.I,
)
_TESTING = re.compile(
    r"\b(test(ing|ed)?|dry[- ]run|walk(ing)? through|trac(e|ing)|let me check|run (it|the)|"
    r"try (it|an example|with)|step through|sanity check)\b",
    re.I,
)
_BIG_O = re.compile(r"\b[oO]\s*\((?:[^()]|\([^()]*\))*\)")
_WORDS = {
    "constant time": C.CONSTANT,
    "logarithmic": C.LOG,
    "linear time": C.LINEAR,
    "n log n": C.N_LOG_N,
    "quadratic": C.QUADRATIC,
    "cubic": C.CUBIC,
    "exponential": C.EXPONENTIAL,
}


def _excerpt(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _coding_start(turns: Sequence[Turn]) -> int:
    for i, t in enumerate(turns):
        if t.role == "USER" and (t.is_code or _CODE.search(t.content)):
            return i
    return len(turns)


def stated_time(turns: Sequence[Turn]) -> tuple[int, str, str] | None:
    """(message index, the words, class) of the candidate's first time-complexity claim."""
    for i, t in enumerate(turns):
        if t.role != "USER" or t.is_code:
            continue
        said = _time_claim(t.content)
        if said is not None:
            return i, *said
    return None


def time_claims(turns: Sequence[Turn], problem: Problem) -> list[tuple[int, str, str, str | None]]:
    """(message index, words, class, approach name) of every time-complexity claim, in order.
    A claim is about the approach named in its own message, else the last one discussed before
    it (None when no known approach was named yet)."""
    claims: list[tuple[int, str, str, str | None]] = []
    about: str | None = None
    for i, t in enumerate(turns):
        if t.role != "USER" or t.is_code:
            continue
        named = match_approach(t.content, problem.approaches)
        about = named.approach.name if named else about
        said = _time_claim(t.content)
        if said is not None:
            claims.append((i, *said, about))
    return claims


def _time_claim(content: str) -> tuple[str, str] | None:
    """(the words, class) of the first time complexity one message states."""
    for m in _BIG_O.finditer(content):
        after = content[m.end() : m.end() + 12].lower()
        before = content[max(0, m.start() - 25) : m.start()].lower()
        about_space = re.match(r"\W*(extra |auxiliary )?(space|memory)", after) or (
            "space" in before and "time" not in before and not after.strip().startswith("time")
        )
        if about_space:
            continue  # a space claim
        cls = C.parse(m.group(0))
        if cls is not None:
            return m.group(0), cls
    low = content.lower()
    for words, cls in _WORDS.items():
        if words in low and "space" not in low[low.find(words) : low.find(words) + 30]:
            return words, cls
    return None


def analyse(
    turns: Sequence[Turn],
    problem: Problem,
    measured_time: str | None,
    *,
    runs: Sequence[CodeRun] = (),
    hints_used: int = 0,
    reveals_used: int = 0,
    code: str | None = None,
) -> CommunicationReport:
    """The communication facts of ``turns`` (``measured_time`` is the judge's time class of
    ``code``, the submitted code; without it, the last code the transcript shows)."""
    start = _coding_start(turns)
    report = CommunicationReport(
        messages=len(turns),
        candidate_messages=sum(t.role == "USER" for t in turns),
        hints_used=hints_used,
        reveals_used=reveals_used,
    )
    for i, t in enumerate(turns):
        if t.role != "USER" or t.is_code:
            continue
        where = f"message {i + 1}"
        if i < start:
            for q in re.findall(r"[^.?!\n]*\?", t.content):
                if len(q.split()) >= 3 and is_clarifying_question(q.strip(), problem.approaches):
                    report.clarifying_questions.append(f'{where}: "{_excerpt(q.strip())}"')
            if report.approach_before_coding is None and len(t.content.split()) >= 6:
                if _APPROACH.search(t.content) and "?" not in t.content.strip()[-1:]:
                    report.approach_before_coding = f'{where}: "{_excerpt(t.content)}"'
        if _EDGE.search(t.content):
            report.edge_cases.append(f'{where}: "{_excerpt(t.content)}"')
        if report.tested_before_submit is None and _TESTING.search(t.content) and i > 0:
            report.tested_before_submit = f'{where}: "{_excerpt(t.content)}"'
    report.approach_named = _named_approach(turns, problem)
    _judge_claim(report, turns, problem, measured_time, code)
    if report.tested_before_submit is None:
        ordered = sorted(runs, key=lambda r: r.created_at)
        first_submit = next((k for k, r in enumerate(ordered) if r.is_submission), len(ordered))
        if first_submit > 0 and any(r.is_submission for r in ordered):
            report.tested_before_submit = (
                f"ran the visible tests {counted(first_submit, 'time')} before the first submission"
            )
    return report


def _judge_claim(
    report: CommunicationReport,
    turns: Sequence[Turn],
    problem: Problem,
    measured_time: str | None,
    code: str | None,
) -> None:
    """Set the stated complexity and whether the measurement bears it out. Only a claim about
    the approach the code implements is checked against the measurement (the last such claim:
    candidates correct themselves); a claim about another approach is reported as such
    (``stated_about`` differs from ``code_approach``) and neither right nor wrong."""
    claims = time_claims(turns, problem)
    if not claims:
        return
    if code is None:
        coded = [
            t.content for t in turns if t.role == "USER" and (t.is_code or _CODE.search(t.content))
        ]
        code = coded[-1] if coded else None
    match = match_approach(code, problem.approaches) if code else None
    implemented = match.approach.name if match else None
    report.code_approach = implemented
    about_code = [c for c in claims if implemented is None or c[3] in (None, implemented)]
    i, words, cls, about = (about_code or claims)[-1]
    report.stated_complexity, report.stated_in, report.stated_about = words, i + 1, about
    if about_code and measured_time is not None:
        report.stated_complexity_correct = C.compare(cls, measured_time) == 0


def _named_approach(turns: Sequence[Turn], problem: Problem) -> str | None:
    """The problem approach whose keywords the candidate used most (optimal first on ties)."""
    said = " ".join(t.content.lower() for t in turns if t.role == "USER" and not t.is_code)
    if not said:
        return None
    scored = []
    for a in problem.approaches:
        hits = sum(1 for k in a.keywords if re.search(rf"\b{re.escape(k)}\b", said))
        if hits:
            scored.append((hits, a.optimal, a.name))
    return max(scored)[2] if scored else None


def claimed_for_another_approach(report: CommunicationReport) -> bool:
    """Whether the only complexity claims were about an approach the code does not implement."""
    return (
        report.stated_complexity is not None
        and report.stated_complexity_correct is None
        and report.stated_about is not None
        and report.code_approach is not None
        and report.stated_about != report.code_approach
    )


def score(report: CommunicationReport) -> tuple[int, list[str]]:
    """0-100 and the reasons: questions 20, approach 20 (+5 when it names a known approach),
    complexity 20 (8 if the measurement contradicts it, 14 if it was only said of another
    approach than the code's), edge cases 15, testing 20."""
    points, reasons = 0, []
    checks = [
        (bool(report.clarifying_questions), 20, "asked clarifying questions"),
        (report.approach_before_coding is not None, 20, "stated an approach before coding"),
        (report.approach_named is not None, 5, f"named the approach ({report.approach_named})"),
        (bool(report.edge_cases), 15, "discussed edge cases"),
        (report.tested_before_submit is not None, 20, "tested before submitting"),
    ]
    for ok, value, text in checks:
        points += value if ok else 0
        reasons.append(("+" if ok else "-") + f" {text} ({value if ok else 0}/{value})")
    if report.stated_complexity is None:
        reasons.append("- stated a complexity (0/20)")
    elif report.stated_complexity_correct is False:
        points += 8
        reasons.append("- stated a complexity that the measurement contradicts (8/20)")
    elif claimed_for_another_approach(report):
        points += 14
        reasons.append("- stated a complexity only for another approach than the one coded (14/20)")
    else:
        points += 20
        reasons.append("+ stated the complexity correctly (20/20)")
    return points, reasons
