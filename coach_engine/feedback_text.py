"""A stored feedback as markdown parts, shared by the TUI's report and the markdown export: the
complexity as a table of classes (``O(n log n)``, never a dict), and the judge's detailed report
without what a report built from the feedback's fields already says (its title and criteria
table, strengths, weaknesses, suggestions), so each thing is said once.
"""

from __future__ import annotations

import re
from typing import Any

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

LISTED = ("Strengths", "Weaknesses", "Suggestions")
"""Sections of the judge's report that the feedback's own lists repeat."""


def label(key: str) -> str:
    """``time_complexity`` → ``Time complexity``."""
    return key.replace("_", " ").capitalize()


def cell(value: Any) -> str:
    """One table cell: a list joined, ``|`` escaped, on one line."""
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _class(value: Any) -> str:
    if isinstance(value, dict):
        return cell(value.get("big_o") or "—")
    return "—" if value is None else cell(value)


def complexity_markdown(complexity: dict[str, Any]) -> str:
    """Markdown for the judge's complexity: one row per dimension (time, space) with what was
    measured, stated, timed and statically found next to the optimal; then how it was decided.
    Other keys are shown as text (``key: value``)."""
    dims = {k: v for k, v in complexity.items() if isinstance(v, dict)}
    columns = [
        (key, name) for key, name in COMPLEXITY_COLUMNS if any(key in d for d in dims.values())
    ]
    parts = []
    if dims and columns:
        lines = ["| | " + " | ".join(name for _, name in columns) + " |"]
        lines.append("|---|" + "---|" * len(columns))
        for name, dim in dims.items():
            cells = " | ".join(_class(dim.get(key)) for key, _ in columns)
            lines.append(f"| **{label(name)}** | {cells} |")
        parts.append("\n".join(lines))
    parts += [f"*{label(k)}:* {cell(d['how'])}" for k, d in dims.items() if d.get("how")]
    parts += [f"*{label(k)}:* {cell(v)}" for k, v in complexity.items() if k not in dims]
    return "\n\n".join(parts)


_CRITERION_ROW = re.compile(r"^\| (\w+) \| [\d.]+ \| (n/a|\d+) \| (.*) \|$")


def criterion_reasons(detailed: str | None) -> dict[str, tuple[int | None, str]]:
    """From the judge's criteria table in ``detailed``: criterion → (score or None when not
    assessed, why). Empty when the report has no such table (an older or provider-only one)."""
    found: dict[str, tuple[int | None, str]] = {}
    for line in (detailed or "").splitlines():
        m = _CRITERION_ROW.match(line)
        if m:
            found[m[1]] = (None if m[2] == "n/a" else int(m[2]), m[3])
    return found


_IN_TABLE = ("- how: ", "- optimal approach: ")


def details_once(detailed: str | None) -> str:
    """``detailed`` without the parts a report from the feedback's fields already shows: the
    judge report's title line and criteria table, its Strengths / Weaknesses / Suggestions
    sections, and the "how" and "optimal approach" lines ``complexity_markdown`` shows. A
    provider's narrative before it is kept whole, and so is whatever follows a dropped part
    (the judge's closing line)."""
    out: list[str] = []
    skipping: str | None = None  # "table" after the title, "list" in a repeated section
    for line in (detailed or "").splitlines():
        heading = re.match(r"^(#{2,3}) (.*)$", line)
        if heading:
            title = heading[2].strip()
            skipping = None
            if title in LISTED:
                skipping = "list"
            elif heading[1] == "##" and re.search(r"\d+/100", title):
                skipping = "table"  # the judge's title "## slug (lang): N/100 (...)"
            if skipping:
                continue
        elif skipping == "table" and (not line.strip() or line.startswith("|")):
            continue
        elif skipping == "list" and (not line.strip() or line.startswith(("- ", "  "))):
            continue
        elif _CRITERION_ROW.match(line) or line.startswith("| criterion | weight |"):
            continue
        elif line.startswith("|---|---:|---:|---|"):
            continue
        elif line.startswith(_IN_TABLE):
            continue  # the complexity table says how each class was decided and the optimal
        else:
            skipping = None
        out.append(line)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
