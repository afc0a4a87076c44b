"""Interview packets: one or all sessions with everything recorded about them, as JSON or
markdown, readable without Coach.

A packet holds, per session: the session row, the problem (title, statement, the starter in the
session's language), the transcript, the latest code and every run/submit snapshot, runs with
per-test results, notes, feedback runs and the drills generated from them. The JSON form is the
pydantic dump of ``Packet`` and reads back with ``Packet.model_validate_json``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.controls import escape_controls, escape_json_c1
from coach_engine.dashboard.activity import all_sessions
from coach_engine.errors import ProblemError, ValidationError
from coach_engine.feedback_text import complexity_markdown, criterion_reasons, details_once, label
from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    Drill,
    FeedbackRun,
    InterviewSession,
    Message,
    Note,
    SnapshotReason,
    utcnow,
)
from coach_engine.run_report import (
    compile_message,
    count_verdicts,
    test_number,
    time_text,
    verdict_counts_text,
)

if TYPE_CHECKING:
    from coach_engine.engine import Engine

FORMATS = ("md", "json")


class ProblemInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str
    title: str
    difficulty: str
    tags: list[str]
    statement: str
    language: str
    starter: str


class SessionPacket(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session: InterviewSession
    problem: ProblemInfo | None = None
    transcript: list[Message] = Field(default_factory=list)
    latest_code: CodeSnapshot | None = None
    snapshots: list[CodeSnapshot] = Field(default_factory=list)
    """Snapshots taken on run, submit or by hand (autosaves are left out)."""
    runs: list[CodeRun] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    feedback: list[FeedbackRun] = Field(default_factory=list)
    drills: list[Drill] = Field(default_factory=list)


class Packet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["coach-interview-packet"] = "coach-interview-packet"
    version: Literal[1] = 1
    exported_at: datetime = Field(default_factory=utcnow)
    sessions: list[SessionPacket]


def _problem(engine: Engine, session: InterviewSession) -> ProblemInfo | None:
    if not session.problem_slug:
        return None
    try:
        p = engine.bank.get(session.problem_slug)
    except ProblemError:
        return None
    return ProblemInfo(
        slug=p.slug,
        title=p.title,
        difficulty=p.difficulty,
        tags=list(p.tags),
        statement=p.statement,
        language=session.language,
        starter=p.starter(session.language),
    )


def session_packet(engine: Engine, session: InterviewSession) -> SessionPacket:
    store, uid = engine.store, engine.user.id
    feedback = store.list_feedback(uid, session.id)
    return SessionPacket(
        session=session,
        problem=_problem(engine, session),
        transcript=store.list_messages(uid, session.id),
        latest_code=store.latest_snapshot(uid, session.id),
        snapshots=[
            s for s in store.list_snapshots(uid, session.id) if s.reason != SnapshotReason.AUTOSAVE
        ],
        runs=store.list_runs(uid, session.id),
        notes=store.list_notes(uid, session.id),
        feedback=feedback,
        drills=[d for fb in feedback for d in store.list_drills(uid, feedback_run_id=fb.id)],
    )


async def export_packet(
    engine: Engine, session: str | None = None, *, all_: bool = False
) -> Packet:
    """The packet of one session (id or unique prefix) or of all, oldest first.

    Raises:
        ValidationError: neither or both of ``session`` and ``all_`` given.
        NotFoundError: no such session.
    """
    if (session is None) == (not all_):
        raise ValidationError("give a SESSION id or --all (not both)", title="Nothing to export")
    chosen = None if all_ else await engine.sessions.get(session or "")
    # the reads in a store thread: the event loop never blocks on them
    return await engine.astore.run(_packet, engine, chosen)


def _packet(engine: Engine, chosen: InterviewSession | None) -> Packet:
    sessions = all_sessions(engine.store, engine.user.id) if chosen is None else [chosen]
    return Packet(sessions=[session_packet(engine, s) for s in sessions])


# markdown ------------------------------------------------------------------------------------
def _fence(code: str, lang: str = "") -> str:
    """A fenced block longer than any backtick run inside ``code``."""
    ticks = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", code)), default=0))
    return f"{ticks}{lang}\n{code.rstrip()}\n{ticks}"


def _cell(value: Any, limit: int = 80) -> str:
    # test inputs and outputs are shown as JSON, as the packet's JSON form has them
    plain = value is None or isinstance(value, str | int | float)
    text = ("" if value is None else str(value)) if plain else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _when(dt: datetime | None) -> str:
    return "" if dt is None else dt.strftime("%Y-%m-%d %H:%M:%S UTC")


def _header_md(p: SessionPacket, statement: bool = True) -> list[str]:
    s = p.session
    title = p.problem.title if p.problem else s.problem_slug or s.topic or s.kind.value
    facts = {
        "session": s.id,
        "status": s.status.value,
        "kind": s.kind.value,
        "difficulty": s.difficulty.value,
        "language": s.language,
        "score": s.score,
        "created": _when(s.created_at),
        "completed": _when(s.completed_at),
        "active time": f"{int(s.active_seconds // 60)} min",
        "hints used": s.hints_used,
    }
    out = [f"## {title} — {s.id[:8]}", "", "| field | value |", "|---|---|"]
    out += [f"| {k} | {_cell(v)} |" for k, v in facts.items()] + [""]
    if p.problem and statement:
        pr = p.problem
        out += ["### Problem", "", f"**{pr.title}** ({pr.difficulty} · {', '.join(pr.tags)})", ""]
        out += [pr.statement.strip(), "", f"Starter ({pr.language}):", ""]
        out += [_fence(pr.starter, pr.language), ""]
    return out


def _work_md(p: SessionPacket) -> list[str]:
    out = ["### Transcript", ""] + ([] if p.transcript else ["(no messages)", ""])
    for m in p.transcript:
        code = m.content_type.value == "CODE"
        body = _fence(m.content, m.code_language or "") if code else m.content
        out += [f"**{m.role.value.lower()}** ({_when(m.timestamp)}):", "", body, ""]
    if p.latest_code:
        c = p.latest_code
        out += [f"### Latest code ({c.reason.value}, {_when(c.created_at)})", ""]
        out += [_fence(c.code, c.language), ""]
    out += _submissions_md(p.runs)
    for i, r in enumerate(p.runs, 1):
        kind = "Submission" if r.is_submission else "Run"
        counts = verdict_counts_text(r.passed, r.total, count_verdicts(r.tests))
        if r.verdict == "CE":
            counts = f"compile error, the {r.total} tests did not run"
        out += [f"### {kind} {i}: {r.verdict}, {counts} ({_when(r.created_at)})", ""]
        out += [_fence(r.code, r.language), ""]
        if r.verdict == "CE":
            message = compile_message(r.tests) or "(the compiler gave no message)"
            out += ["Compiler message:", "", _fence(message), ""]
            continue
        out += [
            "| # | verdict | time | memory | input | expected | actual |",
            "|---|---|---|---|---|---|---|",
        ]
        for t in r.tests:
            memory = f"{t.memory_kb / 1024:.1f} MB" if t.memory_kb else ""
            cells = [test_number(t), t.verdict, time_text(t), memory]
            cells += [t.input, t.expected, t.actual]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        out.append("")
    if p.notes:
        out += ["### Notes", ""] + [f"- {n.content}" for n in p.notes] + [""]
    return out


def _submissions_md(runs: list[CodeRun]) -> list[str]:
    """Every submission, one row each (its code is under its run below)."""
    from coach_engine.submissions import submissions_of

    subs = submissions_of(runs)
    if not subs:
        return []
    out = ["### Submissions", "", "| # | verdict | tests | CPU time | language | submitted |"]
    out.append("|---|---|---|---|---|---|")
    for s in subs:
        cells = [s.number, s.verdict, f"{s.passed}/{s.total}", f"{s.cpu_ms:.0f} ms", s.language]
        out.append("| " + " | ".join(_cell(c) for c in [*cells, _when(s.created_at)]) + " |")
    return [*out, ""]


def _feedback_md(p: SessionPacket) -> list[str]:
    out: list[str] = []
    for i, fb in enumerate(p.feedback, 1):
        score = "—" if fb.overall_score is None else fb.overall_score
        out += [f"### Feedback {i}: {fb.status.value}, {score}/100", ""]
        reasons = criterion_reasons(fb.detailed_feedback)
        scores: dict[str, tuple[int | None, str]] = {
            k: (v, reasons.get(k, (v, ""))[1]) for k, v in fb.criterion_scores.items()
        }
        for k, (v, why) in reasons.items():  # not assessed: no score, but the reason
            scores.setdefault(k, (v, why))
        if scores:
            out += ["| criterion | score | why |", "|---|---|---|"]
            out += [
                f"| {label(k)} | {'n/a' if v is None else v} | {_cell(why, 200)} |"
                for k, (v, why) in scores.items()
            ] + [""]
        lists = {"Strengths": fb.strengths, "Weaknesses": fb.weaknesses}
        for name, items in {**lists, "Suggestions": fb.suggestions}.items():
            if items:
                out += [f"**{name}**", ""] + [f"- {x}" for x in items] + [""]
        if fb.complexity:
            out += ["**Complexity**", "", complexity_markdown(fb.complexity), ""]
        details = details_once(fb.detailed_feedback)
        if details:
            # the judge's headings one level below this feedback's
            details = re.sub(r"^(#{2,3}) ", r"#\1 ", details, flags=re.MULTILINE)
            out += ["**Detailed feedback**", "", details, ""]
    if p.drills:
        out += ["### Drills", ""]
        for d in p.drills:
            score = "" if d.score is None else f", score {d.score}"
            kind = f"{d.drill_type.value}, {d.status.value}{score}"
            out.append(f"- **{d.title}** ({kind}): {_cell(d.prompt, 200)}")
        out.append("")
    return out


def to_markdown(packet: Packet) -> str:
    n = len(packet.sessions)
    lines = [
        "# Coach interview packet",
        "",
        f"Exported {_when(packet.exported_at)}; {n} session(s).",
        "",
    ]
    for p in packet.sessions:
        lines += [*_header_md(p), *_work_md(p), *_feedback_md(p)]
    return "\n".join(lines).rstrip() + "\n"


def session_markdown(p: SessionPacket, *, statement: bool = True) -> str:
    """One session of a packet as markdown (``coach show``): its facts, the problem (with
    ``statement``), transcript, code, runs, notes, feedback and drills; control characters
    escaped (it is read in a terminal)."""
    lines = [*_header_md(p, statement), *_work_md(p), *_feedback_md(p)]
    return escape_controls("\n".join(lines).rstrip() + "\n")


def render(packet: Packet, fmt: str) -> str:
    """The packet as ``md`` or ``json``; ValidationError for another format.

    Markdown is read in a terminal too (``cat``, ``less -R``): control characters in it (a
    candidate's output, a model's reply) are escaped. JSON keeps the data exactly.
    """
    if fmt == "json":
        return escape_json_c1(packet.model_dump_json(indent=2)) + "\n"
    if fmt == "md":
        return escape_controls(to_markdown(packet))
    raise ValidationError(f"unknown format {fmt!r}; use md or json", title="Invalid format")


render_packet = render
"""``render`` under the name ``coach_engine.api`` publishes."""


def save_packet(path: Path, text: str) -> None:
    """Write a rendered packet to ``path`` (parents created), private (0600): a packet holds
    the transcript and code.

    Raises:
        CoachError: the disk is full or read-only, or the place is not writable; nothing is
            written (the file appears whole or not at all).
    """
    from coach_engine import locations
    from coach_engine.system_errors import from_os_error

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        locations.write_private(path, text)
    except OSError as exc:
        exc.filename = str(path)  # not the temporary file next to it
        known = from_os_error(exc)
        if known is not None:
            raise known from None
        raise ValidationError(
            f"cannot write {path}: {exc.strerror}; nothing was written — choose a writable "
            "place with free space",
            title="Cannot write",
        ) from None
