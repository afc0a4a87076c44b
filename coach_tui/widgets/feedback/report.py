"""Feedback rendered as markdown: per-criterion scores with why, strengths, weaknesses,
suggestions, complexity (measured vs stated) and the rest of the judge's report — each thing
once (the judge's report repeats the lists and the criteria: ``details_once`` drops them)."""

from __future__ import annotations

from coach_engine.api import FeedbackRun, complexity_markdown, criterion_reasons, details_once
from coach_tui.keymap import shown


def _bar(score: int, width: int = 10) -> str:
    filled = round(max(0, min(100, score)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _criteria(feedback: FeedbackRun, brief: bool) -> str:
    reasons = {} if brief else criterion_reasons(feedback.detailed_feedback)
    rows: dict[str, tuple[int | None, str]] = {
        key: (value, reasons.get(key, (value, ""))[1])
        for key, value in feedback.criterion_scores.items()
    }
    for key, (value, why) in reasons.items():  # not assessed: no score, but say why
        rows.setdefault(key, (value, why))
    if not rows:
        return ""
    has_why = any(reason for _, reason in rows.values())
    lines = [
        "| Criterion | Score | |" + (" Why |" if has_why else ""),
        "|---|---:|---|" + ("---|" if has_why else ""),
    ]
    for key, (value, reason) in rows.items():
        shown = "n/a" if value is None else str(value)
        bar = f"`{_bar(value)}`" if value is not None else ""
        lines.append(
            f"| {_label(key)} | {shown} | {bar} |" + (f" {_cell(reason)} |" if has_why else "")
        )
    return "\n".join(lines)


def _bullets(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"### {title}\n\n" + "\n".join(f"- {item}" for item in items)


def feedback_markdown(feedback: FeedbackRun, *, brief: bool = False) -> str:
    """The whole report, or (``brief``) the chat version: score, criteria, top points. The full
    report leaves the score to the screen's score card."""
    score = feedback.overall_score if feedback.overall_score is not None else 0
    parts = [f"## Feedback · {score}/100" if brief else "", _criteria(feedback, brief)]
    limit = 2 if brief else None
    parts.append(_bullets("Strengths", feedback.strengths[:limit]))
    parts.append(_bullets("Weaknesses", feedback.weaknesses[:limit]))
    parts.append(_bullets("Suggestions", feedback.suggestions[:limit]))
    if feedback.complexity and not brief:
        parts.append("### Complexity\n\n" + complexity_markdown(feedback.complexity))
    if brief:
        parts.append(f"*Full report: {shown('view_feedback')}, or the palette's 'Feedback'.*")
    else:
        details = details_once(feedback.detailed_feedback)
        if details:
            parts.append("### Details\n\n" + details)
    return "\n\n".join(p for p in parts if p)
