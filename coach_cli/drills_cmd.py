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
) -> None:
    """List drills, sorted by due date."""
    listings.drills(due, all_, json_)


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


def _edit_code(d: Drill, engine: Engine) -> str:
    """Open $EDITOR on the drill's starter code (the engine's, as the TUI's drill editor opens
    with); return what was saved."""
    _, editor_code = asyncio.run(engine.interviews.drill_editor(d.id))
    suffix = _EXT.get(editor_code.language, ".txt")
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as f:
        f.write(editor_code.code)
        path = f.name
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    subprocess.run([*shlex.split(editor), path], check=False)
    return Path(path).read_text(encoding="utf-8")


def _read_answer(d: Drill, file: Path | None, engine: Engine) -> str:
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
    while (line := input()) != "":
        lines.append(line)
    return "\n".join(lines)


def _outcome_json(o: DrillOutcome) -> dict[str, Any]:
    data: dict[str, Any] = {"drill": _drill_json(o.drill), "score": o.score, "details": o.details}
    if o.run is not None:
        data["run"] = o.run.model_dump(mode="json")
    return data


@app.command("run")
def run(
    drill: Annotated[str | None, typer.Option("--id", help="Only this drill.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Answer (or code) from this file.")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Language of a code answer.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Work through today's due drills: code runs in the sandbox, answers are graded."""
    from coach_engine.api import Engine, ValidationError

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
        results = []
        for d in queue:
            if not json_:
                _print_drill(d)
            answer = _read_answer(d, file, engine)
            if d.drill_type.value == "code_exercise":
                outcome = asyncio.run(engine.drills.submit_code(d.id, answer, lang))
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
        print_json([_outcome_json(o) for o in results])
    elif not results:
        console.print("No drills due today.")
