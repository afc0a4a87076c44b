"""``detailed_feedback``: the whole judgement as markdown, evidence first.

The CLI prints it (rich renders markdown), the TUI shows it, and ``coach export`` can embed it.
"""

from __future__ import annotations

from coach_engine.judge.models import ComplexityVerdict, EmpiricalReport, Feedback
from coach_engine.run_report import verdict_counts_text


def _timing_table(emp: EmpiricalReport) -> list[str]:
    """The sizes that matter: from the first fitted one up, and every size that failed."""
    rows = ["| n | time (ms) | status | memory (MB) |", "|---:|---:|---|---:|"]
    start = min(emp.fitted, default=emp.points[-1].n)
    for p in emp.points:
        if p.n < start and p.status in ("ok", "below-resolution"):
            continue
        ms = "—" if p.ms is None else f"{p.ms:.3f}"
        rows.append(f"| {p.n:,} | {ms} | {p.status} | {p.memory_kb / 1024:.1f} |")
    return rows


def _verdict(title: str, v: ComplexityVerdict) -> list[str]:
    lines = [f"### {title}: {v.big_o or 'not determined'} ({v.confidence} confidence)", ""]
    lines.append(f"- how: {v.how}")
    if v.optimal:
        lines.append(f"- optimal approach: {v.optimal} — yours is {v.versus_optimal}")
    if v.static is not None and v.static.evidence:
        lines.append("- code evidence:")
        lines += [f"  - {e}" for e in v.static.evidence[:4]]
    return lines


def markdown(fb: Feedback) -> str:
    c = fb.correctness
    out = [
        f"## {fb.problem} ({fb.language}): {fb.overall_score}/100 "
        f"({'pass' if fb.passed else 'below'} the {fb.passing_score} bar)",
        "",
        "| criterion | weight | score | why |",
        "|---|---:|---:|---|",
    ]
    for r in fb.criteria:
        score = "n/a" if r.score is None else str(r.score)
        out.append(f"| {r.name} | {r.weight:.2f} | {score} | {'; '.join(r.reasons)} |")
    out += ["", f"### Correctness: {c.verdict}, {c.passed}/{c.total} tests", ""]
    counts = verdict_counts_text(c.passed, c.total, c.verdict_counts)  # "7/9 passed — 2 wrong..."
    out.append(f"- {counts} (visible {c.visible_passed}/{c.visible_total}, hidden "
               f"{c.hidden_passed}/{c.hidden_total})")  # fmt: skip
    if c.first_failure is not None:
        ff = c.first_failure
        out.append(f"- first failure: {'hidden' if ff.hidden else 'visible'} test "
                   f"{ff.index + 1} ({ff.verdict})")  # fmt: skip
    if c.session_verdicts:
        out.append(f"- earlier runs this session: {', '.join(c.session_verdicts)}")
    out += [""] + _verdict("Time", fb.complexity.time)
    emp = fb.complexity.time.empirical
    if emp is not None and emp.points:
        out += ["", *_timing_table(emp)]
        if emp.note:
            out.append(f"\n_{emp.note}_")
    out += [""] + _verdict("Space", fb.complexity.space)
    for title, items in (("Strengths", fb.strengths), ("Weaknesses", fb.weaknesses),
                         ("Suggestions", fb.suggestions)):  # fmt: skip
        if items:
            out += ["", f"### {title}", "", *[f"- {s}" for s in items]]
    if fb.notes:
        out += ["", "### Not measured", "", *[f"- {n}" for n in fb.notes]]
    out += ["", f"_Judged by {fb.model}: tests, timing and static analysis; no language model "
                f"decided any of this ({fb.latency_ms} ms)._"]  # fmt: skip
    return "\n".join(out)
