"""``coach feedback FILE --problem SLUG``: measured, explainable feedback on one solution.

Runs the offline judge (``coach_engine.judge``): the tests in the sandbox, timing on growing
inputs, static analysis, and — with ``--transcript`` — the conversation. Exit 0 whenever the
feedback was produced (a wrong solution included), 2 on bad input.

``--transcript FILE`` takes a JSON list of ``{"role", "content"}`` objects (roles user/candidate
and ai/interviewer) or plain text with one turn per line prefixed ``me:`` or ``interviewer:``
(unprefixed lines continue the previous turn).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from coach_cli.output import console, print_json
from coach_cli.run_cmd import Lang, _language, _read, resolve_backend


def feedback(
    file: Annotated[Path, typer.Argument(help="Solution file (.py .js .java .cpp .go).")],
    problem: Annotated[str, typer.Option("--problem", "-p", help="Problem slug, e.g. two-sum.")],
    transcript: Annotated[
        Path | None,
        typer.Option(help="Session transcript: JSON [{role, content}] or 'me:'/'interviewer:'."),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the feedback as JSON.")] = False,
    budget_s: Annotated[
        float, typer.Option("--budget-s", min=1.0, max=120.0, help="Wall-clock budget, seconds.")
    ] = 10.0,
    lang: Annotated[Lang | None, typer.Option(help="Language (default: the extension's).")] = None,
    hints: Annotated[int, typer.Option(min=0, help="Hints used (each costs score).")] = 0,
    reveals: Annotated[int, typer.Option(min=0, help="Solution reveals used.")] = 0,
    backend: Annotated[
        str | None, typer.Option(help="Isolation backend: bwrap, docker or unsafe.")
    ] = None,
) -> None:
    """Structured feedback on a solution: tests, measured complexity, code quality, scores."""
    import asyncio

    from coach_engine.engine import Engine
    from coach_engine.errors import ValidationError
    from coach_engine.judge import judge
    from coach_engine.judge.transcript import parse

    if backend is not None and backend not in ("bwrap", "docker", "unsafe"):
        raise ValidationError(f"unknown backend {backend!r}; use bwrap, docker or unsafe")
    language = _language(file, lang)
    code = _read(file)
    turns = parse(_read(transcript)) if transcript is not None else None
    with Engine.open() as engine:
        spec = engine.bank.get(problem)
        rubric = engine.store.get_rubric("coding")
    result = asyncio.run(
        judge(spec, code, language, transcript=turns, hints_used=hints, reveals_used=reveals,
              budget_s=budget_s, rubric=rubric, backend=resolve_backend(backend))
    )  # fmt: skip
    if json_:
        print_json(result.model_dump(mode="json"))
    else:
        _print(result)


def _print(fb: Any) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    colour = "green" if fb.passed else "yellow" if fb.overall_score >= 50 else "red"
    time, space = fb.complexity.time, fb.complexity.space
    console.print(
        Panel(
            f"[bold {colour}]{fb.overall_score}/100[/]  ·  tests [bold]{fb.correctness.verdict}"
            f"[/] {fb.correctness.passed}/{fb.correctness.total}  ·  time [bold]"
            f"{time.big_o or '?'}[/] ({time.agreement})  ·  space [bold]{space.big_o or '?'}[/]",
            title=f"{fb.problem} · {fb.language}",
            expand=False,
        ),
        highlight=False,
    )
    body = fb.detailed_feedback.split("\n", 1)[1] if "\n" in fb.detailed_feedback else ""
    console.print(Markdown(body))
