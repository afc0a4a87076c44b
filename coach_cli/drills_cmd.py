"""``coach drills``: the spaced-repetition queue in the terminal, interactive or scripted."""

from __future__ import annotations

import asyncio
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach_cli import listings
from coach_cli.output import console, echo, print_json
from coach_cli.remote_access import ServerOpt

if TYPE_CHECKING:
    from coach_engine.api import Drill, DrillOutcome, Engine

app = typer.Typer(help="Practise drills generated from your feedback.", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
_EXT = {"python": ".py", "javascript": ".js", "java": ".java", "cpp": ".cpp", "go": ".go"}


_drill_json = listings.drill_json
_row = listings.drill_row


@app.command("list")
def list_(
    due: Annotated[bool, typer.Option("--due", help="Only drills due now.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include completed and skipped.")] = False,
    json_: JsonOpt = False,
    server: ServerOpt = None,
) -> None:
    """List drills, sorted by due date."""
    listings.drills(due, all_, json_, server)


@app.command("show")
def show(
    drill: Annotated[str, typer.Argument(help="Drill id (or prefix).")], json_: JsonOpt = False
) -> None:
    """Show one drill's prompt."""
    from coach_engine.api import Engine

    with Engine.open() as engine:
        d = asyncio.run(engine.drills.get(drill))
    if json_:
        print_json(_drill_json(d))
        return
    _print_drill(d)


def _print_drill(d: Drill) -> None:
    from rich.markdown import Markdown

    console.print(
        f"[bold]{d.title}[/]  [dim]{d.drill_type.value} · {d.target_skill or ''} · {d.id[:8]}[/]",
        highlight=False,
    )
    console.print(Markdown(d.prompt))


@app.command("hint")
def hint(drill: Annotated[str, typer.Argument(help="Drill id (or prefix).")]) -> None:
    """Show the next hint of a drill (lowers the grade of the next answer)."""
    from coach_engine.api import Engine

    with Engine.open() as engine:
        echo(asyncio.run(engine.drills.hint(drill)))


@app.command("skip")
def skip(drill: Annotated[str, typer.Argument(help="Drill id (or prefix).")]) -> None:
    """Skip a drill."""
    from coach_engine.api import Engine

    with Engine.open() as engine:
        d = asyncio.run(engine.drills.skip(drill))
    echo(f"Skipped {d.id[:8]} ({d.title}).")


@app.command("generate")
def generate(
    session: Annotated[
        str, typer.Argument(help="Session id (or prefix) with a completed feedback.")
    ],
    json_: JsonOpt = False,
) -> None:
    """Generate 3–5 drills from a session's latest completed feedback."""
    from coach_engine.api import Engine

    with Engine.open() as engine:
        latest = asyncio.run(engine.interviews.latest_completed_feedback(session))
        drills = asyncio.run(engine.drills.generate(latest.id))
    if json_:
        print_json([_drill_json(d) for d in drills])
        return
    console.print(f"Generated {len(drills)} drills:")
    for d in drills:
        console.print(_row(d), markup=False, highlight=False)


def _edit_code(d: Drill, engine: Engine) -> str | None:
    """Open $EDITOR on the drill's starter code (the engine's, as the TUI's drill editor opens
    with); what was saved, or None when nothing was: the file left as it was opened, or the
    editor quit with an error (vim's ``:cq``)."""
    _, editor_code = asyncio.run(engine.interviews.drill_editor(d.id))
    suffix = _EXT.get(editor_code.language, ".txt")
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as f:
        f.write(editor_code.code)
        path = Path(f.name)
    try:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        saved = path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
    if done.returncode != 0 or saved.strip() == editor_code.code.strip():
        return None
    return saved


def _read_answer(d: Drill, file: Path | None, engine: Engine) -> str | None:
    """The answer to ``d``: the file's, piped standard input, or typed (None: not given)."""
    from coach_cli.run_cmd import _read
    from coach_engine.api import MAX_ANSWER_BYTES, read_stream

    if file is not None:
        return _read(file, "drill answer", MAX_ANSWER_BYTES)
    if not sys.stdin.isatty():
        return read_stream(sys.stdin.buffer, what="drill answer", limit=MAX_ANSWER_BYTES)
    if d.drill_type.value == "code_exercise":
        return _edit_code(d, engine)
    console.print("Your answer (finish with an empty line):")
    lines = []
    try:
        while (line := input()) != "":
            lines.append(line)
    except EOFError:  # ctrl+d: the answer ends there
        pass
    text = "\n".join(lines)
    return text if text.strip() else None


def _not_answered(d: Drill) -> None:
    console.print(
        f"Not answered: nothing recorded, {d.id[:8]} stays due "
        f"(`coach drills skip {d.id[:8]}` to drop it).",
        markup=False,
        highlight=False,
    )


def _outcome_json(o: DrillOutcome) -> dict[str, Any]:
    data: dict[str, Any] = {
        "drill": _drill_json(o.drill),
        "answered": True,
        "score": o.score,
        "details": o.details,
    }
    if o.run is not None:
        data["run"] = o.run.model_dump(mode="json")
    return data


@app.command("run")
def run(
    drill: Annotated[str | None, typer.Option("--id", help="Only this drill.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Answer (or code) from this file.")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(help="Language of a code answer (default: the --file's extension's)."),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Work through today's due drills: code runs in the sandbox, answers are graded.

    Quitting the editor without a change (or an empty typed answer) records nothing: the drill
    stays due.
    """
    from coach_engine.api import Engine, ValidationError, language_of

    with Engine.open() as engine:
        if drill:
            queue = [asyncio.run(engine.drills.get(drill))]
        else:
            queue = asyncio.run(engine.drills.queue(due=True))
        if file is not None and len(queue) > 1:
            raise ValidationError(
                f"{len(queue)} drills are due but one --file was given; add --id to choose one",
                title="Ambiguous answer file",
            )
        results: list[DrillOutcome] = []
        unanswered: list[Drill] = []
        for d in queue:
            if not json_:
                _print_drill(d)
            code = d.drill_type.value == "code_exercise"
            # the file's extension names its language, as for `coach run` (the engine's rule)
            language = language_of(file.name, lang) if code and file is not None else lang
            answer = _read_answer(d, file, engine)
            if answer is None:
                unanswered.append(d)
                if not json_:
                    _not_answered(d)
                continue
            if code:
                outcome = asyncio.run(engine.drills.submit_code(d.id, answer, language))
            else:
                outcome = asyncio.run(engine.drills.answer(d.id, answer))
            results.append(outcome)
            if not json_:
                due = outcome.drill.due_at.astimezone().strftime("%Y-%m-%d")
                console.print(
                    f"[bold]score {outcome.score}[/] · next review {due}", highlight=False
                )
                for line in outcome.details:
                    console.print(f"  {line}", markup=False)
    if json_:
        skipped = [{"drill": _drill_json(d), "answered": False, "score": None} for d in unanswered]
        print_json([_outcome_json(o) for o in results] + skipped)
    elif not results and not unanswered:
        console.print("No drills due today.")
