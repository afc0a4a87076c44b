"""Full validation of a problem pack, and importing one into the user's problem directory.

Validation reports *every* error, each as ``<file>: <field>: <message>``: the schema of each
``problem.toml``, the static check of ``tests.json`` against the signature, and — through the
real sandbox, so a pack's code never runs unisolated — every reference solution on every test.
A reference that fails a test means either the solution or the test's expected output is wrong;
the message names both.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coach_engine import locations
from coach_engine.errors import CoachError, ProblemError
from coach_engine.problems.loader import _problem_dirs
from coach_engine.problems.problem import LANGUAGE_EXT, Problem
from sandbox.spec import LANGUAGES, RunRequest, RunResult

Runner = Callable[[RunRequest], RunResult]


def _short(value: Any, width: int = 80) -> str:
    text = json.dumps(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _default_runner(request: RunRequest) -> RunResult:
    from sandbox.runner import run

    return run(request)


def problem_dirs(path: Path) -> list[Path]:
    """The problem directories of a pack (or ``[path]`` for a single problem directory)."""
    if not path.is_dir():
        raise ProblemError(f"{path}: no such directory", title="Pack not found")
    return [Path(str(d)) for d in _problem_dirs(path)]


def validate_problem(root: Path, *, run: Runner | None = None) -> list[str]:
    """Every error of one problem directory; empty when it is valid."""
    try:
        problem = Problem.from_dir(root, "user")
    except ProblemError as exc:
        return exc.message.splitlines()
    errors = problem.check()
    if errors:
        return errors  # running references against malformed tests would only add noise
    suite = problem.tests()
    sections = [("visible", i) for i in range(len(suite.visible))]
    sections += [("hidden", i) for i in range(len(suite.hidden))]
    runner = run or _default_runner
    for language in LANGUAGES:
        rel = f"solutions/reference{LANGUAGE_EXT[language]}"
        if not problem.file(rel).is_file():
            errors.append(f"{root}/{rel}: missing the {language} reference")
            continue
        request = problem.run_request(language, problem.reference(language), "all")
        # Show every failing test, hidden ones included: this is the pack author's view.
        request = request.model_copy(
            update={"tests": [t.model_copy(update={"hidden": False}) for t in request.tests]}
        )
        try:
            result = runner(request)
        except CoachError as exc:
            errors.append(f"{root}/{rel}: could not run: {exc.message}")
            continue
        if result.verdict == "CE":
            errors.append(f"{root}/{rel}: does not compile: {result.compile_output[:300]}")
            continue
        failures: dict[str, list[str]] = {}  # one line per distinct failure, not per test
        for test in result.tests:
            if test.verdict == "AC":
                continue
            section, i = sections[test.index]
            if test.verdict == "WA":
                errors.append(
                    f"{root}/tests.json: {section}[{i}].expected: {_short(test.expected)} "
                    f"disagrees with {rel}, which returns {_short(test.actual)}"
                )
                continue
            detail = (test.stderr or test.stdout).strip().splitlines()[-1:] or [""]
            failures.setdefault(f"{test.verdict} {detail[0]}".strip(), []).append(f"{section}[{i}]")
        for what, where in failures.items():
            more = f" and {len(where) - 1} more" if len(where) > 1 else ""
            errors.append(f"{root}/{rel}: {what} on {where[0]}{more}")
    return errors


def validate_pack(path: Path, *, run: Runner | None = None) -> dict[str, list[str]]:
    """Errors per problem directory of the pack at ``path`` (a pack or one problem)."""
    return {str(d): validate_problem(d, run=run) for d in problem_dirs(path)}


def import_pack(path: Path, *, run: Runner | None = None, verify: bool = True) -> list[str]:
    """Validate a pack and copy its problems into the user's problem directory.

    Returns the imported slugs. Nothing is copied unless every problem is valid and no slug
    clashes with a problem Coach already has.

    Raises:
        ProblemError: listing every error found, or the clashing slugs.
    """
    from coach_engine.problems.loader import ProblemBank

    dirs = problem_dirs(path)
    if not dirs:
        raise ProblemError(f"{path}: no problem directories (each needs a problem.toml)")
    if verify:
        report = {str(d): validate_problem(d, run=run) for d in dirs}
        errors = [e for errs in report.values() for e in errs]
        if errors:
            raise ProblemError(
                f"{len(errors)} error(s); nothing was imported:\n" + "\n".join(errors),
                title="Invalid pack",
            )
    known = ProblemBank()
    clashes = [d.name for d in dirs if d.name in known]
    if clashes:
        raise ProblemError(
            f"already present: {', '.join(clashes)}; rename the problem directory and its slug, "
            "or remove the existing copy. Nothing was imported.",
            title="Duplicate problem",
        )
    target = locations.user_problems_dir()
    target.mkdir(parents=True, exist_ok=True)
    for d in dirs:
        shutil.copytree(d, target / d.name)
    return [d.name for d in dirs]
