"""Build and verify a problem's ``tests.json`` from its examples, edge cases and generator.

Cases, in order:

* visible: the ``[[examples]]`` of ``problem.toml``, parsed from LeetCode's display form;
* hidden: ``generator.edge_cases()`` (hand-written), then ``generate(n, rng)`` for every ``n`` in
  ``size_params.random``, then ``size_params.max_tests`` cases at ``n = size_params.max``.

The random generator is seeded with the slug, so a build is reproducible and :func:`verify` can
tell a stale ``tests.json`` from a current one. Expected outputs come from
``solutions/reference.py`` run in process; every case with at most ``size_params.brute_limit``
values is cross-checked against ``solutions/brute.py`` (any mismatch fails the build).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from coach_engine.errors import ProblemError
from coach_engine.problems.leetcode import call_deep, check_value, load_solution
from coach_engine.problems.problem import Problem, ProblemTests
from coach_engine.problems.schema import parse_example
from sandbox import compare as sandbox_compare
from sandbox.spec import Compare, TestCase

MIN_HIDDEN = 20
"""The bundled bank's floor for hidden tests per problem (the builder warns below it)."""

Kind = Literal["example", "edge", "random", "max"]
Runner = Callable[[list[Any]], Any]


@dataclass(frozen=True)
class PlannedCase:
    """One test's arguments and where they came from (``n`` for generated ones)."""

    kind: Kind
    args: list[Any]
    n: int | None = None

    @property
    def size(self) -> int:
        return case_size(self.args)


_SCALARS = frozenset({int, float, bool, type(None)})


def case_size(value: Any) -> int:
    """How many values ``value`` holds: list items and characters count, nulls do not."""
    if isinstance(value, list):
        # Timing inputs hold up to ~10^6 values: count a flat row at C speed, not per item.
        kinds = set(map(type, value))
        if kinds <= _SCALARS:
            return len(value) - value.count(None)
        if kinds == {str}:  # an empty string counts one, as below
            return sum(map(len, value)) + value.count("")
        return sum(case_size(v) for v in value)
    if isinstance(value, str):
        return max(len(value), 1)
    return 0 if value is None else 1


def _key(v: Any) -> str:
    return json.dumps(v, sort_keys=True)


def equivalent(actual: Any, expected: Any, compare: Compare, tolerance: float = 1e-5) -> bool:
    """Whether ``actual`` is an accepted answer for ``expected``: the sandbox's own comparison,
    so the builder and the judge never disagree."""
    return sandbox_compare.equal(actual, expected, compare, tolerance)


def plan_cases(problem: Problem) -> tuple[list[PlannedCase], list[PlannedCase]]:
    """The visible and hidden cases' arguments (no outputs), deterministic for a slug.

    Raises:
        ProblemError: a generated or hand-written case does not fit the signature or fails the
            generator's ``check(args)``.
    """
    sig = problem.signature
    visible = [PlannedCase("example", parse_example(ex, sig)[0]) for ex in problem.examples]
    gen = problem.generator()
    sp = problem.size_params
    rng = random.Random(f"coach:{problem.slug}")
    hidden: list[PlannedCase] = []
    edge_cases = getattr(gen, "edge_cases", None)
    try:
        if callable(edge_cases):
            hidden += [PlannedCase("edge", list(a)) for a in edge_cases()]
        hidden += [PlannedCase("random", list(gen.generate(n, rng)), n) for n in sp.random]
        for _ in range(sp.max_tests):
            hidden.append(PlannedCase("max", list(gen.generate(sp.max, rng)), sp.max))
    except Exception as e:  # noqa: BLE001 - a pack's generator may fail in any way
        raise ProblemError(f"{problem.root}/generator.py: {type(e).__name__}: {e}") from e
    check = getattr(gen, "check", None)
    seen: set[str] = set()  # duplicates within the hidden set are dropped; examples may recur
    unique: list[PlannedCase] = []
    for i, case in enumerate(hidden):
        where = f"{problem.root}/generator.py: {case.kind} case {i}"
        if len(case.args) != len(sig.params):
            raise ProblemError(f"{where}: {len(case.args)} arguments, {len(sig.params)} parameters")
        for arg, p in zip(case.args, sig.params, strict=True):
            if (why := check_value(arg, p.type)) is not None:
                raise ProblemError(f"{where}: argument {p.name}: {why}")
        if callable(check):
            try:
                check(case.args)
            except AssertionError as e:
                raise ProblemError(f"{where}: check() failed: {e}") from None
        if (k := _key(case.args)) not in seen:
            seen.add(k)
            unique.append(case)
    return visible, unique


def solution(problem: Problem, name: str = "reference") -> Runner:
    """``solutions/<name>.py`` loaded in process as ``run(args) -> output``."""
    rel = f"solutions/{name}.py"
    return load_solution(problem.read(rel), f"{problem.root}/{rel}", problem.signature)


def run_timed(run: Runner, args: list[Any]) -> tuple[Any, float]:
    """``run(args)`` on a deep stack; returns the output and the thread's CPU time in ms."""

    def timed() -> tuple[Any, float]:
        start = time.thread_time()
        out = run(args)
        return out, (time.thread_time() - start) * 1000

    result: tuple[Any, float] = call_deep(timed)
    return result


def build(problem: Problem, log: Callable[[str], None] = print) -> ProblemTests:
    """Compute expected outputs for every planned case and cross-check them.

    Raises:
        ProblemError: listing every failure (a reference answer that contradicts an example, a
            brute-force mismatch, a wrongly typed output, a reference over the time limit).
    """
    visible, hidden = plan_cases(problem)
    ref, brute = solution(problem, "reference"), solution(problem, "brute")
    out_type = problem.signature.output_type()
    errors: list[str] = []
    tests: dict[str, list[TestCase]] = {"visible": [], "hidden": []}
    max_ms = 0.0
    limit_ms = problem.limits.time_ms
    for section, cases in (("visible", visible), ("hidden", hidden)):
        for i, case in enumerate(cases):
            where = f"{problem.slug}: {section}[{i}] ({case.kind}, size {case.size})"
            try:
                out, ms = run_timed(ref, case.args)
            except Exception as e:  # noqa: BLE001 - report every failing case
                errors.append(f"{where}: reference raised {type(e).__name__}: {e}")
                continue
            if (why := check_value(out, out_type)) is not None:
                errors.append(f"{where}: reference output: {why}")
            if case.kind == "example":
                shown = parse_example(problem.examples[i], problem.signature)[1]
                if not equivalent(out, shown, problem.compare, problem.tolerance):
                    errors.append(f"{where}: reference gives {out!r}, the example shows {shown!r}")
            if case.kind == "max":
                max_ms = max(max_ms, ms)
                if ms > limit_ms:
                    errors.append(f"{where}: reference took {ms:.0f} ms > {limit_ms} ms")
            if case.size <= problem.size_params.brute_limit:
                errors += _cross_check(brute, case, out, problem, where)
            tests[section].append(TestCase(args=case.args, expected=out))
    if errors:
        raise ProblemError("\n".join(errors), title="Test build failed")
    if len(hidden) < MIN_HIDDEN:
        log(f"warning: {problem.slug}: {len(hidden)} hidden tests, the bank wants {MIN_HIDDEN}")
    if max_ms > limit_ms / 4:
        log(f"warning: {problem.slug}: reference needs {max_ms:.0f} ms of {limit_ms} ms")
    kinds = {k: sum(c.kind == k for c in hidden) for k in ("edge", "random", "max")}
    log(
        f"{problem.slug}: {len(visible)} visible, {len(hidden)} hidden "
        f"({kinds['edge']} edge, {kinds['random']} random, {kinds['max']} max-size); "
        f"reference at max size {max_ms:.1f} ms CPU"
    )
    return ProblemTests.model_validate(tests)


def _cross_check(brute: Runner, case: PlannedCase, out: Any, p: Problem, where: str) -> list[str]:
    try:
        got, _ = run_timed(brute, case.args)
    except Exception as e:  # noqa: BLE001
        return [f"{where}: brute.py raised {type(e).__name__}: {e}"]
    if not equivalent(got, out, p.compare, p.tolerance):
        return [f"{where}: brute.py gives {_short(got)}, reference.py {_short(out)}"]
    return []


def _short(v: Any) -> str:
    s = json.dumps(v)
    return s if len(s) <= 200 else s[:200] + "..."


def dumps_tests(tests: ProblemTests) -> str:
    """``tests.json`` text: one test per line, so diffs show which tests changed."""

    def lines(cases: list[TestCase]) -> str:
        rows = [
            json.dumps({"args": c.args, "expected": c.expected}, separators=(",", ":"))
            for c in cases
        ]
        return ",\n".join(rows)

    return f'{{"visible": [\n{lines(tests.visible)}\n],\n"hidden": [\n{lines(tests.hidden)}\n]}}\n'


def verify(problem: Problem) -> list[str]:
    """Problems with the stored ``tests.json``: stale arguments (rebuild needed) or expected
    outputs the reference (or, on small cases, the brute force) disagrees with."""
    visible, hidden = plan_cases(problem)
    stored = problem.tests()
    errors: list[str] = []
    ref, brute = solution(problem, "reference"), solution(problem, "brute")
    for section, planned, cases in (
        ("visible", visible, stored.visible),
        ("hidden", hidden, stored.hidden),
    ):
        if [c.args for c in planned] != [t.args for t in cases]:
            errors.append(f"{problem.slug}: {section} tests are stale: rebuild tests.json")
            continue
        for i, (case, test) in enumerate(zip(planned, cases, strict=True)):
            where = f"{problem.slug}: {section}[{i}] ({case.kind})"
            out, _ = run_timed(ref, case.args)
            if not equivalent(out, test.expected, problem.compare, problem.tolerance):
                errors.append(f"{where}: reference {_short(out)}, stored {_short(test.expected)}")
            if case.size <= problem.size_params.brute_limit:
                errors += _cross_check(brute, case, test.expected, problem, where)
    return errors
