"""The static analyser, reached lazily and read defensively.

``coach_engine.judge.static.analyze(code, language, function=None) -> StaticReport`` is built in
parallel with the judge. It is imported on first use, never at import time, and any failure —
missing, half-built, raising on odd code — degrades to "static analysis unavailable" with the
reason, so correctness and timing are still reported. Tests and callers may inject any callable
with the same signature.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach_engine.judge import classes
from coach_engine.judge.models import QualityFinding, StaticComplexity

# The analyser's cost grows about with the square of the source (64 KB of Python: 6 s; 1 MB: over
# ten minutes), while an interview solution is a few KB. Past this size the judge reports the
# timings alone rather than stall the feedback.
MAX_ANALYSED_BYTES = 32 << 10

StaticAnalyzer = Callable[..., Any]
"""``analyzer(code, language, function=None)`` returning a ``StaticReport``-shaped object."""


@dataclass
class StaticView:
    """What the judge uses of a static report (plain, validated values)."""

    time: StaticComplexity | None = None
    space: StaticComplexity | None = None
    findings: list[QualityFinding] = field(default_factory=list)
    parse_errors: list[str] = field(default_factory=list)
    unavailable: str | None = None


def default_analyzer() -> StaticAnalyzer | None:
    """The static package's ``analyze``, or None when it cannot be imported."""
    try:
        module = importlib.import_module("coach_engine.judge.static")
    except Exception:  # noqa: BLE001 - any import failure means "not available"
        return None
    fn = getattr(module, "analyze", None)
    return fn if callable(fn) else None


def analyze(
    analyzer: StaticAnalyzer | None, code: str, language: str, function: str | None
) -> StaticView:
    """Run ``analyzer`` and keep what is well-formed; never raises."""
    if analyzer is None:
        return StaticView(unavailable="the static analyser is not installed")
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > MAX_ANALYSED_BYTES:
        return StaticView(
            unavailable=f"the source is {size // 1024} KB; static analysis reads up to "
            f"{MAX_ANALYSED_BYTES // 1024} KB, so complexity comes from the timings alone"
        )
    try:
        report = analyzer(code, language, function=function)
    except Exception as e:  # noqa: BLE001 - a bug there must not lose the measured feedback
        return StaticView(unavailable=f"the static analyser failed: {type(e).__name__}: {e}")
    view = StaticView(
        time=_complexity(getattr(report, "time", None)),
        space=_complexity(getattr(report, "space", None)),
        parse_errors=[str(e) for e in getattr(report, "parse_errors", None) or []],
    )
    for f in getattr(report, "findings", None) or []:
        try:
            view.findings.append(
                QualityFinding(
                    rule=str(getattr(f, "rule", "quality")),
                    line=int(getattr(f, "line", 0) or 0),
                    severity=str(getattr(getattr(f, "severity", "minor"), "value", f.severity)),
                    message=str(getattr(f, "message", "")),
                )
            )
        except (AttributeError, TypeError, ValueError):
            continue
    return view


def _complexity(c: Any) -> StaticComplexity | None:
    if c is None:
        return None
    raw = getattr(c, "big_o", None)
    label = str(getattr(raw, "value", raw)) if raw is not None else None
    if label not in classes.RANK:
        label = classes.parse(label) if label else None
    evidence = []
    for e in getattr(c, "evidence", None) or []:
        line, text = getattr(e, "line", 0), getattr(e, "text", "")
        evidence.append(f"line {line}: {text}" if line else str(text))
    confidence = getattr(c, "confidence", "low")
    return StaticComplexity(
        big_o=label,
        confidence=str(getattr(confidence, "value", confidence)),
        evidence=evidence,
    )
