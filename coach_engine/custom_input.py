"""Custom test input: LeetCode's "Testcase" box (issue 14 item 3).

A person types an input (one argument per line, ``coach_engine.problems.testcase_input``); it
is checked against the problem's signature and the constraints Coach can read
(``coach_engine.problems.constraints``; a bundled problem's generator ``check(args)`` then
covers the prose lines — the bank's own code, trusted —, a pack's prose lines are listed as not
checked); then the candidate's code and the problem's python reference run on it in the real
sandbox, and both outputs come back with a verdict: ``same``, ``different`` (under the
problem's ``compare`` mode), ``error`` (the candidate's code failed: CE, RE, TLE, MLE, OLE) or
``unknown`` (the reference could not answer, or an output is too long to compare).

The reference's answer for a valid input is kept per (problem, input) for the life of the
process (``_ReferenceCache``): typing the same input again runs only the candidate.

In an interview (``run_in_interview``) the run is stored like a run of the visible tests — not
a submission — with the one custom test, so the judge counts it as testing before submitting.
Its stored verdict is AC (same), WA (different), the candidate's failure, or ``RAN`` when there
was nothing to compare with.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from coach_engine.errors import ValidationError
from coach_engine.problems.constraints import Constraints, read_constraints
from coach_engine.problems.testcase_input import (
    TestcaseInputError,
    compact,
    example_args,
    example_text,
    line_of,
    parse_testcase,
)

if TYPE_CHECKING:
    from coach_engine.models import CodeRun
    from coach_engine.problems import ProblemBank
    from coach_engine.problems.problem import Problem
    from coach_engine.sessions import SessionService
    from sandbox.spec import RunRequest, RunResult

Runner = Callable[["RunRequest"], "RunResult"]
REFERENCE_LANGUAGE = "python"
"""The reference that answers custom inputs (one language: the cache holds one answer)."""
CACHE_SIZE = 256
_CUT = re.compile(r"… \[\d+ more bytes not shown\]$")

Verdict = Literal["same", "different", "error", "unknown"]


class ProgramOutput(BaseModel):
    """What one program did on the input."""

    status: str
    """``ok`` when it returned a value, else the sandbox's verdict (CE, RE, TLE, MLE, OLE)."""
    output: Any = None
    """The value it returned (shown truncated past 8 KiB of JSON)."""
    time_ms: float = 0.0
    """CPU time the sandbox measured for the call."""
    memory_kb: int = 0
    stdout: str = ""
    stderr: str = ""
    """The error message (RE), the time used (TLE) or what the program printed on stderr."""
    compile_output: str = ""


class CheckedInput(BaseModel):
    """A typed input that passed the checks."""

    args: list[Any]
    text: str
    """The input in the box's notation (one value per line)."""
    unchecked: list[str] = Field(default_factory=list)
    """Constraint lines that are prose Coach could not check on this input."""


class CustomRun(BaseModel):
    """The candidate's output beside the reference's for one typed input."""

    problem: str
    language: str
    input: CheckedInput
    verdict: Verdict
    candidate: ProgramOutput
    reference: ProgramOutput
    reference_cached: bool = False
    """The reference's answer came from the cache (it ran for this input before)."""
    note: str = ""
    """Why the verdict is ``unknown``, when it is."""


class _ReferenceCache:
    """The reference's answers per (problem, input), process-wide, bounded (LRU)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str, str], ProgramOutput] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str]) -> ProgramOutput | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, str, str], value: ProgramOutput) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


REFERENCE_CACHE = _ReferenceCache()


def _constraints(problem: Problem) -> Constraints:
    return read_constraints(problem.constraints, problem.signature)


def _problem_check(problem: Problem) -> Callable[[list[Any]], None] | None:
    """A bundled problem's ``generator.check(args)``; None for a pack (its code is not
    trusted to run unisolated) or a generator without one."""
    if problem.origin != "bundled":
        return None
    check = getattr(problem.generator(), "check", None)
    return check if callable(check) else None


def check_input(problem: Problem, text: str) -> CheckedInput:
    """Parse ``text`` and check it against ``problem``'s signature and constraints.

    Raises:
        TestcaseInputError: malformed (line, parameter, form, example) or out of the
            constraints (each broken constraint named, with the value that breaks it).
    """
    args = parse_testcase(text, problem)
    constraints = _constraints(problem)
    broken = constraints.violations(args, problem.signature)
    if broken:
        first = broken[0]
        params = [p.name for p in problem.signature.params]
        example = compact(example_args(problem)[params.index(first.param)]) if first.param else ""
        lines = [f'breaks the constraint "{v.constraint}": {v.found}' for v in broken]
        where = line_of(text, problem, first.param) if first.param else None
        head = f"line {where} ({first.param})" if where and first.param else "the input"
        message = f"{head} {lines[0]}" + "".join(f"\n  also {line}" for line in lines[1:])
        if example:
            message += f"\nA valid {first.param}, from the first example: {example}"
        raise TestcaseInputError(
            message,
            line=where,
            param=first.param or None,
            expected=first.constraint,
            example=example,
        )
    unchecked = list(constraints.prose)
    check = _problem_check(problem)
    if check is not None:
        try:
            check(args)
        except AssertionError as exc:
            why = str(exc) or "the problem's own input check failed"
            raise TestcaseInputError(
                f"the input breaks the problem's constraints: {why}.\nThe constraints: "
                + "; ".join(problem.constraints),
                expected="; ".join(problem.constraints),
                example=example_text(problem),
            ) from None
        except Exception:  # noqa: BLE001 - a shape the check did not foresee: types were checked
            pass
        else:
            unchecked = []  # the bank's generator checks its prose constraints too
    return CheckedInput(args=args, text="\n".join(compact(a) for a in args), unchecked=unchecked)


def _output(result: RunResult) -> ProgramOutput:
    test = result.tests[0] if result.tests else None
    if result.verdict == "CE" or test is None:
        return ProgramOutput(status="CE", compile_output=result.compile_output)
    ran = test.verdict in ("AC", "WA")  # AC/WA: it returned a value (compared or not)
    return ProgramOutput(
        status="ok" if ran else test.verdict.value,
        output=test.actual if ran else None,
        time_ms=test.time_ms,
        memory_kb=test.memory_kb,
        stdout=test.stdout,
        stderr=test.stderr,
    )


def _cut(value: Any) -> bool:
    """The value is shown truncated (too long to compare here)."""
    return isinstance(value, str) and _CUT.search(value) is not None


def run_custom(problem: Problem, language: str, code: str, text: str, runner: Runner) -> CustomRun:
    """Check ``text``, run the reference (or take its cached answer) and ``code`` on it.

    Raises:
        TestcaseInputError: the input is malformed or breaks a constraint.
        ValidationError: an unknown language, code too large.
        SandboxError: the code cannot be run here.
    """
    from coach_engine.inputs import check_code
    from sandbox.spec import TestCase

    check_code(code)
    checked = check_input(problem, text)
    key = (problem.slug, str(problem.root), compact(checked.args))
    reference = REFERENCE_CACHE.get(key)
    cached = reference is not None
    if reference is None:
        request = problem.run_request(REFERENCE_LANGUAGE, problem.reference(REFERENCE_LANGUAGE))
        request.tests = [TestCase(args=checked.args)]
        reference = _output(runner(request))
        if reference.status == "ok":
            REFERENCE_CACHE.put(key, reference)
    comparable = reference.status == "ok" and not _cut(reference.output)
    request = problem.run_request(language, code)
    request.tests = [TestCase(args=checked.args, expected=reference.output if comparable else None)]
    result = runner(request)
    candidate = _output(result)
    note = ""
    verdict: Verdict
    if candidate.status != "ok":
        verdict = "error"
    elif not comparable:
        verdict = "unknown"
        note = (
            f"the reference solution could not answer this input ({reference.status}): it may "
            "break a constraint Coach cannot check"
            if reference.status != "ok"
            else "the outputs are too long to compare here; try a smaller input"
        )
    elif _cut(candidate.output):
        verdict, note = "unknown", "the outputs are too long to compare here; try a smaller input"
    else:
        verdict = "same" if result.tests[0].verdict == "AC" else "different"
    return CustomRun(
        problem=problem.slug,
        language=language,
        input=checked,
        verdict=verdict,
        candidate=candidate,
        reference=reference,
        reference_cached=cached,
        note=note,
    )


def shown_value(value: Any) -> str:
    """A value as the box shows it: compact JSON (a truncated output stays its text)."""
    return value if _cut(value) else compact(value)


def mismatch(actual: str, expected: str) -> tuple[int, int, int]:
    """Where two shown values differ: ``(start, end_actual, end_expected)``, the common head
    and tail left out, so a front end highlights ``actual[start:end_actual]`` and
    ``expected[start:end_expected]`` (both empty when the texts are equal)."""
    start = 0
    limit = min(len(actual), len(expected))
    while start < limit and actual[start] == expected[start]:
        start += 1
    tail = 0
    while (
        tail < limit - start
        and actual[len(actual) - 1 - tail] == expected[len(expected) - 1 - tail]
    ):
        tail += 1
    return start, len(actual) - tail, len(expected) - tail


def _stored_verdict(run: CustomRun) -> str:
    if run.verdict == "error":
        return run.candidate.status
    return {"same": "AC", "different": "WA"}.get(run.verdict, "RAN")


def to_code_run(session_id: str, user_id: str, code: str, run: CustomRun) -> CodeRun:
    """The custom run as a stored run (not a submission) with its one test."""
    from coach_engine.models import CodeRun, TestOutcome

    verdict = _stored_verdict(run)
    c = run.candidate
    return CodeRun(
        session_id=session_id,
        user_id=user_id,
        is_submission=False,
        language=run.language,
        code=code,
        verdict=verdict,
        passed=1 if verdict == "AC" else 0,
        total=1,
        tests=[
            TestOutcome(
                index=0,
                verdict=verdict,
                time_ms=c.time_ms,
                memory_kb=c.memory_kb,
                input=run.input.args,
                expected=run.reference.output,
                actual=c.output,
                stdout=c.stdout,
                stderr=c.stderr or c.compile_output,
            )
        ],
    )


class CustomInput:
    """One user's custom test input (``engine.for_user(id).custom_input``).

    ``example``, ``check`` and ``run`` read only the problem bank; ``run_in_interview`` reads
    and writes the scope user's session (another user's session is ``NotFoundError``).
    """

    def __init__(
        self, bank: ProblemBank, runner: Runner, sessions: SessionService | None = None
    ) -> None:
        self.bank = bank
        self.runner = runner
        self.sessions = sessions

    def example(self, problem: str) -> str:
        """The first example's input in the box's notation, to prefill it."""
        return example_text(self.bank.get(problem))

    def check(self, problem: str, text: str) -> CheckedInput:
        """Parse and check an input without running anything (see ``check_input``)."""
        return check_input(self.bank.get(problem), text)

    def run(self, problem: str, language: str, code: str, text: str) -> CustomRun:
        """Run ``code`` and the reference on the input (blocking: call from a thread, or use
        ``arun``)."""
        return run_custom(self.bank.get(problem), language, code, text, self.runner)

    async def arun(self, problem: str, language: str, code: str, text: str) -> CustomRun:
        """``run`` in a worker thread (the event loop never waits on the sandbox; its runs
        wait their turn in the sandbox queue, dropped if the caller goes away first)."""
        from coach_engine.run_queue import offload

        return await offload(self.run, problem, language, code, text)

    async def run_in_interview(
        self, session_id: str, code: str, language: str, text: str
    ) -> CustomRun:
        """Run the input on the interview's problem; save the code and store the run (a run,
        not a submission, with the one custom test; ``code_result`` is published).

        Raises:
            NotFoundError: not a session of this user.
            ValidationError: the session is not in progress; or the input is invalid
                (``TestcaseInputError``), in which case nothing is stored.
        """
        from coach_engine.models import SessionStatus, SnapshotReason

        if self.sessions is None:
            raise ValidationError("custom runs in an interview need the user's sessions")
        session = await self.sessions.get(session_id)
        if session.status != SessionStatus.IN_PROGRESS:
            raise ValidationError(
                f"session {session.id[:8]} is {session.status.value}; resume it to run code"
            )
        if not session.problem_slug:
            raise ValidationError(f"session {session.id[:8]} has no problem")
        problem = self.bank.get(session.problem_slug)
        from coach_engine.inputs import check_code

        check_code(code)  # a bad input or code stores nothing
        await asyncio.to_thread(check_input, problem, text)
        await self.sessions.save_code(session.id, code, language, SnapshotReason.RUN)
        from coach_engine.run_queue import RunScope, finish_or_drop, offload

        sessions = self.sessions

        async def run_and_store() -> CustomRun:
            run = await offload(run_custom, problem, language, code, text, self.runner)
            await sessions.record_run(to_code_run(session.id, session.user_id, code, run))
            return run

        # a caller gone while the runs wait in the sandbox queue drops them; a started one is
        # stored
        scope = RunScope(owner=session.user_id, session_id=session.id)
        result: CustomRun = await finish_or_drop(run_and_store, scope)
        return result
