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

from coach_cli.output import console, echo, print_json
from coach_cli.run_cmd import Lang, _language, _read, resolve_backend


def feedback(
    file: Annotated[Path, typer.Argument(help="Solution file (.py .js .java .cpp .go).")],
    problem: Annotated[str, typer.Option("--problem", "-p", help="Problem slug, e.g. two-sum.")],
    transcript: Annotated[
        Path | None,
        typer.Option(help="Session transcript: JSON [{role, content}] or 'me:'/'interviewer:'."),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the feedback as JSON.")] = False,
    provider: Annotated[
        str | None,
        typer.Option(help="Provider for the written narrative (offline: the judge alone)."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model id for --provider.")] = None,
    budget_s: Annotated[
        float, typer.Option("--budget-s", min=1.0, max=120.0, help="Wall-clock budget, seconds.")
    ] = 10.0,
    lang: Annotated[Lang | None, typer.Option(help="Language (default: the extension's).")] = None,
    hints: Annotated[int, typer.Option(min=0, max=100, help="Hints used (each costs score).")] = 0,
    reveals: Annotated[int, typer.Option(min=0, max=100, help="Solution reveals used.")] = 0,
    backend: Annotated[
        str | None, typer.Option(help="Isolation backend: bwrap, docker or unsafe.")
    ] = None,
) -> None:
    """Structured feedback on a solution: tests, measured complexity, code quality, scores."""
    import asyncio

    from coach_engine.api import MAX_TRANSCRIPT_BYTES, Engine

    chosen = resolve_backend(backend)  # bad backends and unsafe-without-consent fail first
    language = _language(file, lang)
    code = _read(file)
    text = None if transcript is None else _read(transcript, "transcript", MAX_TRANSCRIPT_BYTES)
    with Engine.open() as engine:
        review = asyncio.run(
            engine.solution_feedback.review(
                problem, code, language, transcript=text, hints_used=hints,
                reveals_used=reveals, budget_s=budget_s, backend=chosen, provider=provider,
                model=model,
            )
        )  # fmt: skip
    if review.warning:
        echo(
            f"Warning: {review.warning} — showing the judge's feedback without a narrative.",
            err=True,
        )
    if json_:
        print_json(review.feedback.model_dump(mode="json"))
    else:
        _print(review.feedback)


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
