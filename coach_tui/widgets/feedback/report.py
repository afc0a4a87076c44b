"""Feedback rendered as markdown: overall score, per-criterion scores, strengths, weaknesses,
suggestions, complexity (measured vs stated) and the detailed narrative."""

from __future__ import annotations

from typing import Any

from coach_engine.api import FeedbackRun


def _bar(score: int, width: int = 10) -> str:
    filled = round(max(0, min(100, score)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


COMPLEXITY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("big_o", "Yours"),
    ("measured", "Measured"),
    ("stated", "Stated"),
    ("empirical", "Timed"),
    ("static", "Static analysis"),
    ("optimal", "Optimal"),
    ("versus_optimal", "Vs optimal"),
    ("confidence", "Confidence"),
)
"""Keys of the judge's per-dimension complexity dict shown as columns (``empirical`` and
``static`` are dicts themselves: their ``big_o`` is shown)."""


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("big_o", "—"))
    return "—" if value is None else _text(value)


def complexity_table(complexity: dict[str, Any]) -> str:
    """Markdown for the judge's complexity: one row per dimension (time, space) with what was
    measured, stated, timed and statically found next to the optimal; then how it was decided."""
    dims = {k: v for k, v in complexity.items() if isinstance(v, dict)}
    columns = [
        (key, label) for key, label in COMPLEXITY_COLUMNS if any(key in d for d in dims.values())
    ]
    parts = []
    if dims and columns:
        lines = ["| | " + " | ".join(label for _, label in columns) + " |"]
        lines.append("|---|" + "---|" * len(columns))
        for name, dim in dims.items():
            cells = " | ".join(_cell(dim.get(key)) for key, _ in columns)
            lines.append(f"| **{_label(name)}** | {cells} |")
        parts.append("\n".join(lines))
    parts += [f"*{_label(k)}:* {_text(d['how'])}" for k, d in dims.items() if d.get("how")]
    parts += [f"*{_label(k)}:* {_text(v)}" for k, v in complexity.items() if k not in dims]
    return "\n\n".join(parts)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _bullets(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"### {title}\n\n" + "\n".join(f"- {item}" for item in items)


def feedback_markdown(feedback: FeedbackRun, *, brief: bool = False) -> str:
    """The whole report, or (``brief``) the chat version: score, criteria, top points."""
    score = feedback.overall_score if feedback.overall_score is not None else 0
    parts = [f"## Feedback · {score}/100"]
    if feedback.criterion_scores:
        lines = ["| Criterion | Score | |", "|---|---:|---|"]
        for key, value in feedback.criterion_scores.items():
            lines.append(f"| {_label(key)} | {value} | `{_bar(value)}` |")
        parts.append("\n".join(lines))
    limit = 2 if brief else None
    parts.append(_bullets("Strengths", feedback.strengths[:limit]))
    parts.append(_bullets("Weaknesses", feedback.weaknesses[:limit]))
    parts.append(_bullets("Suggestions", feedback.suggestions[:limit]))
    if feedback.complexity and not brief:
        parts.append("### Complexity\n\n" + complexity_table(feedback.complexity))
    if brief:
        parts.append("*Full report: f8, or the palette's 'View feedback'.*")
    elif feedback.detailed_feedback:
        parts.append("### Details\n\n" + feedback.detailed_feedback.strip())
    return "\n\n".join(p for p in parts if p)
