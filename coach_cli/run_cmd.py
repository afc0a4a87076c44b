"""``coach run FILE --problem SLUG``: run a solution against a problem's tests in the sandbox."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from coach_cli.output import console, print_json


class TestSet(StrEnum):
    visible = "visible"
    all = "all"


class Lang(StrEnum):
    python = "python"
    javascript = "javascript"
    java = "java"
    cpp = "cpp"
    go = "go"


def _language(path: Path, lang: Lang | None) -> str:
    from coach_engine.api import language_of

    return language_of(path.name, lang.value if lang is not None else None)


def _read(path: Path, what: str = "solution", limit: int | None = None) -> str:
    """A regular UTF-8 file within the size limit (1 MB for a solution): no FIFO, no device."""
    from coach_engine.api import MAX_SOURCE_BYTES, read_text_file

    return read_text_file(path, what=what, limit=limit or MAX_SOURCE_BYTES)


def resolve_backend(flag: str | None) -> str:
    """The isolation backend: the flag, else config (which requires allow_unsafe for unsafe)."""
    from coach_engine.api import resolve_backend as resolve

    return resolve(flag)


def _short(value: Any, width: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def run(
    file: Annotated[Path, typer.Argument(help="Solution file (.py .js .java .cpp .go).")],
    problem: Annotated[str, typer.Option("--problem", "-p", help="Problem slug, e.g. two-sum.")],
    lang: Annotated[Lang | None, typer.Option(help="Language (default: the extension's).")] = None,
    tests: Annotated[TestSet, typer.Option(help="visible, or all (hidden too).")] = TestSet.visible,
    backend: Annotated[
        str | None, typer.Option(help="Isolation backend: bwrap, docker or unsafe.")
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the result object as JSON.")] = False,
    input_: Annotated[
        str | None,
        typer.Option(
            "--input",
            "-i",
            help="Run on this input instead of the tests, beside the reference solution's "
            "output: one value per line as LeetCode shows them ('[2,7,11,15]\n9'), or the "
            "example notation; @FILE reads a file, - standard input.",
        ),
    ] = None,
) -> None:
    """Run a solution against a problem's tests in the sandbox. Exit 0 on AC, 1 otherwise.

    With --input: exit 0 when the output is the reference's, 1 otherwise, 2 for a bad input.
    """
    from coach_cli.output import echo
    from coach_engine.api import run_solution

    chosen = resolve_backend(backend)  # bad backends and unsafe-without-consent fail first
    language = _language(file, lang)
    code = _read(file)
    if input_ is not None:
        if tests == TestSet.all:
            from coach_engine.api import ValidationError

            raise ValidationError(
                "--tests all and --input run different things; give one of them",
                title="Conflicting options",
            )
        _run_custom(problem, code, language, _input_text(input_), chosen, json_)
    result = run_solution(
        problem,
        code,
        language,
        tests="all" if tests == TestSet.all else "visible",
        backend=chosen,
        note=lambda text: echo(text, err=True),
    )
    if json_:
        print_json(result.model_dump(mode="json"))
    else:
        _print_table(result)
    raise typer.Exit(0 if result.verdict == "AC" else 1)


def _marked(value: Any, other: Any, *, expected: bool) -> Any:
    """``value`` cut as ``_short`` does, its first difference from ``other`` (None: no
    comparison) in bold + underline + reverse: attributes, visible without colour."""
    from rich.text import Text

    from coach_engine.api import first_difference, value_text

    text = Text(_short(value))
    if other is None:
        return text
    full, rest = value_text(value), value_text(other)
    diff = first_difference(full, rest) if expected else first_difference(rest, full)
    span = None if diff is None else (diff.expected if expected else diff.actual)
    if span is not None and span[0] < len(text):
        cut = len(text) if len(text) == len(full) else len(text) - 1  # before the "…"
        text.stylize("bold underline reverse", span[0], max(min(span[1], cut), span[0] + 1))
    return text


def _time_limit(slug: str) -> int | None:
    from coach_engine.api import CoachError, ProblemBank, time_limit_ms

    try:
        return time_limit_ms(ProblemBank().get(slug))
    except CoachError:
        return None


def _print_table(result: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from coach_engine.api import compile_message, test_number, time_text

    colour = "green" if result.verdict == "AC" else "red"
    compile_note = ""
    if result.compile_ms:
        compile_note = (
            " (compile cached)"
            if result.compile_cached
            else (f" (compiled in {result.compile_ms:.0f} ms)")
        )
    console.print(
        f"[bold]{result.problem}[/] · {result.language} · [{colour} bold]{result.verdict}[/] "
        f"{result.passed}/{result.total} passed{compile_note}",
        highlight=False,
    )
    if result.verdict == "CE":
        # no test ran: the compiler's message (its first lines) instead of a table of tests
        message = compile_message(result.tests) or result.compile_output.strip()
        console.print(message or "(the compiler gave no message)", markup=False, highlight=False)
        console.print(
            f"Compile error: the {result.total} tests did not run.", markup=False, highlight=False
        )
        return
    if result.compile_output:
        console.print(result.compile_output, markup=False, highlight=False)
    if not result.tests:
        return
    limit = _time_limit(result.problem) if any(t.verdict == "TLE" for t in result.tests) else None
    table = Table()
    for col in ("#", "verdict", "time", "memory", "input", "expected", "actual"):
        table.add_column(col, overflow="fold")
    for t in result.tests:
        shown = t.input is not None or t.expected is not None
        vc = "green" if t.verdict == "AC" else "red"
        wrong = t.verdict == "WA" and t.actual is not None
        table.add_row(
            test_number(t),
            Text(t.verdict, style=vc),
            time_text(t, limit),
            f"{t.memory_kb / 1024:.1f} MB" if t.memory_kb else "",
            _short(t.input) if shown else "",
            _marked(t.expected, t.actual if wrong else None, expected=True) if shown else "",
            _marked(t.actual, t.expected if wrong else None, expected=False)
            if shown and t.actual is not None
            else "",
        )
    console.print(table)
    first_bad = next((t for t in result.tests if t.verdict != "AC"), None)
    if first_bad is not None and (first_bad.stderr or first_bad.stdout):
        console.print(f"[bold]test {test_number(first_bad)} output[/]")
        console.print((first_bad.stderr or first_bad.stdout)[-2000:], markup=False)


def _input_text(value: str) -> str:
    """The text of ``--input``: itself, ``@FILE``'s content, or standard input for ``-``."""
    import sys

    from coach_engine.api import MAX_SOURCE_BYTES, read_stream

    if value == "-":
        return read_stream(sys.stdin.buffer, what="test input", limit=MAX_SOURCE_BYTES)
    if value.startswith("@") and len(value) > 1:
        return _read(Path(value[1:]).expanduser(), what="test input")
    return value if "\n" in value else _line_breaks(value)


def _line_breaks(text: str) -> str:
    """``\\n`` typed between values on one line (``'[1,2]\\n3'``) as a line break; inside a
    JSON string it stays the string's own escape."""
    out: list[str] = []
    in_string = escaped = False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_string:
            in_string = escaped or ch != '"'
            escaped = not escaped and ch == "\\"
        elif ch == '"':
            in_string = True
        elif text.startswith("\\n", i):
            out.append("\n")
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _run_custom(
    problem: str, code: str, language: str, text: str, backend: str, json_: bool
) -> None:
    from coach_cli.output import echo
    from coach_engine.api import run_custom_input

    result = run_custom_input(
        problem, code, language, text, backend=backend, note=lambda t: echo(t, err=True)
    )
    if json_:
        print_json(result.model_dump(mode="json"))
    else:
        _print_custom(result)
    raise typer.Exit(0 if result.verdict == "same" else 1)


VERDICT_TEXT = {
    "same": ("green", "same output as the reference"),
    "different": ("red", "different from the reference"),
    "error": ("red", "your code failed"),
    "unknown": ("yellow", "not compared"),
}


def _print_custom(result: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from coach_engine.api import mismatch, shown_value

    colour, label = VERDICT_TEXT[result.verdict]
    mine, ref = result.candidate, result.reference
    status = "" if mine.status == "ok" else f" ({mine.status})"
    console.print(
        f"[bold]{result.problem}[/] · {result.language} · custom input · "
        f"[{colour} bold]{label}[/]{status}",
        highlight=False,
    )
    console.print(Text("Input\n", style="bold") + Text(result.input.text), highlight=False)
    table = Table()
    table.add_column("your output", overflow="fold")
    table.add_column("expected (reference)", overflow="fold")
    yours = shown_value(mine.output) if mine.status == "ok" else _failed(mine)
    expected = shown_value(ref.output) if ref.status == "ok" else _failed(ref)
    left, right = Text(yours), Text(expected)
    if result.verdict == "different":
        start, end_yours, end_expected = mismatch(yours, expected)
        left.stylize("bold red reverse", start, max(end_yours, start + 1))
        right.stylize("bold green reverse", start, max(end_expected, start + 1))
    table.add_row(left, right)
    table.add_row(
        Text(f"{mine.time_ms:.1f} ms CPU", style="dim") if mine.status == "ok" else Text(""),
        Text("cached" if result.reference_cached else f"{ref.time_ms:.1f} ms CPU", style="dim"),
    )
    console.print(table)
    if result.note:
        console.print(f"Note: {result.note}", markup=False, highlight=False)
    if mine.compile_output:
        console.print(Text("compiler\n", style="bold") + Text(mine.compile_output[-2000:]))
    for name, text in (("stdout", mine.stdout), ("stderr", mine.stderr)):
        if text.strip():
            console.print(Text(f"{name}\n", style="bold") + Text(text[-2000:]))
    if result.input.unchecked:
        console.print(
            "Not checked (prose constraints): " + "; ".join(result.input.unchecked),
            markup=False,
            highlight=False,
        )


def _failed(program: Any) -> str:
    """A failed program's cell: its verdict, and for a time limit the time it ran to."""
    if program.status == "TLE" and program.time_ms:
        return f"TLE after {program.time_ms:.0f} ms"
    return str(program.status)
