"""``coach problems list|show|validate|import``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach_cli import listings
from coach_cli.output import console, echo, print_json

app = typer.Typer(help="Browse, validate and import problems.", no_args_is_help=True)

_COLOURS = listings.COLOURS


@app.command("list")
def list_(
    difficulty: Annotated[str | None, typer.Option(help="easy, medium or hard.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only problems with this tag.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    search: Annotated[
        str | None,
        typer.Option(help="Only problems whose title, slug or tags match, e.g. 'two sum', dp."),
    ] = None,
    sort: Annotated[
        str, typer.Option(help="difficulty, acceptance (yours) or last-attempted.")
    ] = "difficulty",
) -> None:
    """List the problems of the bank and your packs; slugs are never cut."""
    listings.problems(difficulty, tag, json_, search, sort)


@app.command("show")
def show(
    slug: Annotated[str, typer.Argument(help="Problem slug, e.g. two-sum.")],
    lang: Annotated[str, typer.Option(help="Language of the starter code.")] = "python",
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a problem: statement, constraints, examples, signature, starter code.

    Hidden tests are never shown.
    """
    from coach_engine.api import ProblemBank

    problem = ProblemBank().get(slug)
    starter = problem.starter(lang)
    if json_:
        print_json(
            {
                "slug": problem.slug,
                "title": problem.title,
                "difficulty": problem.difficulty,
                "tags": list(problem.tags),
                "statement": problem.statement,
                "constraints": list(problem.constraints),
                "examples": [e.model_dump() for e in problem.examples],
                "signature": problem.signature.model_dump(),
                "language": lang,
                "starter": starter,
            }
        )
        return
    from rich.markdown import Markdown
    from rich.syntax import Syntax

    colour = _COLOURS.get(problem.difficulty, "white")
    console.print(
        f"[bold]{problem.title}[/]  [{colour}]{problem.difficulty}[/]  "
        f"[dim]{', '.join(problem.tags)}[/]"
    )
    console.print(Markdown(problem.statement))
    for i, ex in enumerate(problem.examples, 1):
        console.print(f"\n[bold]Example {i}[/]")
        # Problem text is data, not markup: `nums[i]` must print as written.
        console.print(f"  Input:  {ex.input}\n  Output: {ex.output}", markup=False)
        if ex.explanation:
            console.print(f"  {ex.explanation}", markup=False, highlight=False)
    console.print("\n[bold]Constraints[/]")
    for c in problem.constraints:
        console.print(f"  • {c}", markup=False, highlight=False)
    console.print(f"\n[bold]Starter ({lang})[/]")
    console.print(Syntax(starter, "cpp" if lang == "cpp" else lang, line_numbers=False))


@app.command("validate")
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="A pack or problem directory (default: your packs, else the bank)."),
    ] = None,
) -> None:
    """Check a pack fully: schema, tests, and every reference solution in the sandbox.

    Exit 1 if any error is found; each error names its file and field.
    """
    from coach_engine.api import validate_problems

    report = validate_problems(path)
    failed = 0
    for problem_dir, errors in report.items():
        name = Path(problem_dir).name
        if errors:
            failed += 1
            console.print(f"[red]✗[/] {name}", highlight=False)
            for e in errors:
                console.print(f"    {e}", markup=False, highlight=False)
        else:
            console.print(f"[green]✓[/] {name}", highlight=False)
    console.print(f"{len(report) - failed}/{len(report)} problems valid", highlight=False)
    if failed:
        raise typer.Exit(1)


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A pack (directory of problems) or one problem.")],
) -> None:
    """Validate a pack and copy it into your problem directory."""
    from coach_engine.api import import_problems

    slugs = import_problems(path)
    echo(f"Imported {len(slugs)} problem(s): {', '.join(slugs)}")
