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

    from coach_engine.engine import Engine
    from coach_engine.inputs import MAX_TRANSCRIPT_BYTES
    from coach_engine.judge import judge
    from coach_engine.judge.transcript import parse

    chosen = resolve_backend(backend)  # bad backends and unsafe-without-consent fail first
    language = _language(file, lang)
    code = _read(file)
    turns = None
    if transcript is not None:
        turns = parse(_read(transcript, "transcript", MAX_TRANSCRIPT_BYTES))
    with Engine.open() as engine:
        spec = engine.bank.get(problem)
        rubric = engine.store.get_rubric("coding")
    result = asyncio.run(
        judge(spec, code, language, transcript=turns, hints_used=hints, reveals_used=reveals,
              budget_s=budget_s, rubric=rubric, backend=chosen)
    )  # fmt: skip
    result = _with_narrative(result, code, language, provider, model)
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


def _with_narrative(
    result: Any, code: str, language: str, provider: str | None, model: str | None
) -> Any:
    """Add a provider's narrative when one is chosen (flag or config); the judge's scores stand.
    If the provider fails and fallback is allowed, the judge's feedback is printed alone."""
    import asyncio

    from coach_engine import config as config_mod
    from coach_engine.engine import Engine
    from coach_engine.errors import ProviderError, ValidationError
    from coach_engine.judge.narrative import add_narrative
    from coach_engine.providers.client import LLMClient
    from coach_engine.providers.registry import PROVIDERS, build_provider

    cfg = config_mod.load()
    name = provider or cfg.provider.name
    if name not in PROVIDERS:
        raise ValidationError(f"unknown provider {name!r}; use one of {', '.join(PROVIDERS)}")
    if name == "offline":
        return result
    if model:
        cfg.provider.name, cfg.provider.model = name, model  # type: ignore[assignment]

    async def narrate() -> Any:
        with Engine.open() as engine:
            llm = build_provider(cfg, name=name)
            try:
                client = LLMClient(
                    llm, user_id=engine.user.id, store=engine.store, budget=cfg.budget
                )
                return await add_narrative(
                    result, client, code=code, language=language, store=engine.store
                )
            finally:
                await llm.aclose()

    try:
        return asyncio.run(narrate())
    except ProviderError as exc:
        if not cfg.provider.fallback_offline:
            raise
        echo(
            f"Warning: {exc.title}: {exc.message} — showing the judge's feedback "
            "without a narrative.",
            err=True,
        )
        return result
