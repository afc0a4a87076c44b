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
    from coach_engine.errors import ValidationError
    from sandbox.spec import EXTENSIONS

    if lang is not None:
        return lang.value
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise ValidationError(
            f"cannot tell the language of {path.name!r} from its extension; use one of {known} "
            "or pass --lang",
            title="Unknown language",
        ) from None


def _read(path: Path, what: str = "solution", limit: int | None = None) -> str:
    """A regular UTF-8 file within the size limit (1 MB for a solution): no FIFO, no device."""
    from coach_engine.inputs import MAX_SOURCE_BYTES, read_text_file

    return read_text_file(path, what=what, limit=limit or MAX_SOURCE_BYTES)


def resolve_backend(flag: str | None) -> str:
    """The isolation backend: the flag, else config (which requires allow_unsafe for unsafe)."""
    from coach_engine import config
    from coach_engine.errors import ConfigError, ValidationError

    if flag is not None and flag not in ("bwrap", "docker", "unsafe"):
        raise ValidationError(f"unknown backend {flag!r}; use bwrap, docker or unsafe")
    if flag:
        return flag  # naming a backend on the command line is the explicit choice
    cfg = config.load()
    if cfg.sandbox.backend == "unsafe" and not cfg.sandbox.allow_unsafe:
        raise ConfigError(
            "sandbox.backend is 'unsafe' but sandbox.allow_unsafe is false; unsafe mode runs "
            "code without isolation. Run `coach config set sandbox.allow_unsafe true` to accept "
            "that, or choose bwrap/docker",
            title="Unsafe sandbox not allowed",
        )
    return cfg.sandbox.backend


def build_cache() -> Path | None:
    """The build cache to use: None (the default one) when it is writable, else a temporary
    one for this process, so a read-only or full data directory still runs code."""
    import atexit
    import shutil
    import tempfile

    from sandbox.cache import default_cache_dir

    root = default_cache_dir()
    try:
        (root / ".toolchain").mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root):
            pass
        return None
    except OSError as exc:
        from coach_cli.output import echo

        reason = exc.strerror or str(exc)
        tmp = Path(tempfile.mkdtemp(prefix="coach-build-cache-"))  # TMPDIR's errors are clear
        atexit.register(shutil.rmtree, tmp, True)
        echo(f"Note: the build cache {root} is not writable ({reason}); using a temporary one "
             "for this run (builds are not kept)", err=True)  # fmt: skip
        return tmp


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
) -> None:
    """Run a solution against a problem's tests in the sandbox. Exit 0 on AC, 1 otherwise."""
    from coach_engine.problems import ProblemBank
    from sandbox.runner import run as sandbox_run

    chosen = resolve_backend(backend)  # bad backends and unsafe-without-consent fail first
    language = _language(file, lang)
    code = _read(file)
    spec = ProblemBank().get(problem)
    request = spec.run_request(language, code, tests.value)
    result = sandbox_run(request, backend=chosen, cache_dir=build_cache())
    result.problem = spec.slug
    if json_:
        print_json(result.model_dump(mode="json"))
    else:
        _print_table(result)
    raise typer.Exit(0 if result.verdict == "AC" else 1)


def _print_table(result: Any) -> None:
    from rich.table import Table

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
    if result.compile_output:
        console.print(result.compile_output, markup=False, highlight=False)
    if not result.tests:
        return
    table = Table()
    for col in ("#", "verdict", "time", "memory", "input", "expected", "actual"):
        table.add_column(col, overflow="fold")
    for t in result.tests:
        shown = t.input is not None or t.expected is not None
        vc = "green" if t.verdict == "AC" else "red"
        table.add_row(
            f"{t.index + 1}{' (hidden)' if t.hidden else ''}",
            f"[{vc}]{t.verdict}[/]",
            f"{t.time_ms:.1f} ms",
            f"{t.memory_kb / 1024:.1f} MB" if t.memory_kb else "",
            _short(t.input) if shown else "",
            _short(t.expected) if shown else "",
            _short(t.actual) if shown and t.actual is not None else "",
        )
    console.print(table)
    if result.verdict == "CE":
        return  # each test's stderr is the compiler's message, printed above
    first_bad = next((t for t in result.tests if t.verdict != "AC"), None)
    if first_bad is not None and (first_bad.stderr or first_bad.stdout):
        console.print(f"[bold]test {first_bad.index + 1} output[/]")
        console.print((first_bad.stderr or first_bad.stdout)[-2000:], markup=False)
