"""The judge's static half: complexity and code quality measured from the code, never guessed by
a language model.

    report = analyze(code, "python", function="twoSum")
    report.time.big_o, report.time.confidence, report.time.evidence
    compare(report.time.big_o, "O(n)")  # -1 / 0 / 1
"""

from coach_engine.judge.static.analyzer import analyze
from coach_engine.judge.static.bigo import (
    RANK,
    BigO,
    ascii_label,
    compare,
    parse_big_o,
    rank,
)
from coach_engine.judge.static.models import (
    Complexity,
    Confidence,
    Evidence,
    Finding,
    Severity,
    StaticReport,
)

__all__ = [
    "RANK",
    "BigO",
    "Complexity",
    "Confidence",
    "Evidence",
    "Finding",
    "Severity",
    "StaticReport",
    "analyze",
    "ascii_label",
    "compare",
    "parse_big_o",
    "rank",
]
