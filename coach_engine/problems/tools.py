"""Maintainer commands for problem authors::

    python -m coach_engine.problems.tools build [SLUG ...] [--pack DIR]   # write tests.json
    python -m coach_engine.problems.tools check [SLUG ...] [--pack DIR]   # verify tests.json
    python -m coach_engine.problems.tools time SLUG [--brute] [--timeout S]

Without slugs, ``build`` and ``check`` cover every problem of the bank (with ``--pack``: of the
pack only). ``time`` measures the reference on the max-size tests and large edge cases and,
with ``--brute``, runs ``solutions/brute.py`` on them in a subprocess killed after ``--timeout``
seconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from coach_engine.errors import CoachError
from coach_engine.problems.build import build, dumps_tests, plan_cases, run_timed, solution, verify
from coach_engine.problems.loader import ProblemBank
from coach_engine.problems.problem import Problem


def _selected(bank: ProblemBank, slugs: list[str], packs: list[str]) -> list[Problem]:
    if slugs:
        return [bank.get(s) for s in slugs]
    if packs:
        return [p for p in bank.list() if p.origin == "user"]
    return bank.list()


def cmd_build(problems: list[Problem]) -> int:
    for p in problems:
        tests = build(p)
        Path(str(p.root), "tests.json").write_text(dumps_tests(tests), encoding="utf-8")
    return 0


def cmd_check(problems: list[Problem]) -> int:
    failed = 0
    for p in problems:
        errors = verify(p)
        print(f"{p.slug}: " + ("ok" if not errors else f"{len(errors)} problem(s)"))
        for e in errors:
            print(f"  {e}")
        failed += bool(errors)
    return 1 if failed else 0


def cmd_time(problem: Problem, brute: bool, timeout: float, packs: list[str]) -> int:
    _, hidden = plan_cases(problem)
    ref = solution(problem)
    limit = problem.limits.time_ms
    for i, case in enumerate(hidden):
        if case.kind != "max" and case.size <= problem.size_params.brute_limit:
            continue
        _, ms = run_timed(ref, case.args)
        line = f"hidden[{i}] {case.kind} size={case.size}: reference {ms:.1f} ms (limit {limit} ms)"
        if brute:
            argv = [sys.executable, "-m", "coach_engine.problems.tools", "_brute"]
            argv += [problem.slug, str(i)]
            argv += [a for p in packs for a in ("--pack", p)]
            start = time.perf_counter()
            try:
                res = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
                line += f", brute {json.loads(res.stdout)['ms']:.0f} ms"
            except subprocess.TimeoutExpired:
                line += f", brute > {time.perf_counter() - start:.1f} s (killed)"
        print(line)
    return 0


def cmd_brute_one(problem: Problem, index: int) -> int:
    _, hidden = plan_cases(problem)
    _, ms = run_timed(solution(problem, "brute"), hidden[index].args)
    print(json.dumps({"ms": ms}))
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--pack", action="append", default=[], help="a problem pack directory")
    parser = argparse.ArgumentParser(prog="python -m coach_engine.problems.tools")
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("build", "check"):
        sub.add_parser(name, parents=[common]).add_argument("slugs", nargs="*")
    t = sub.add_parser("time", parents=[common])
    t.add_argument("slug")
    t.add_argument("--brute", action="store_true")
    t.add_argument("--timeout", type=float, default=10.0)
    b = sub.add_parser("_brute", parents=[common])
    b.add_argument("slug")
    b.add_argument("index", type=int)
    args = parser.parse_args(argv)
    try:
        bank = ProblemBank(args.pack, user_packs=False)
        if args.cmd == "build":
            return cmd_build(_selected(bank, args.slugs, args.pack))
        if args.cmd == "check":
            return cmd_check(_selected(bank, args.slugs, args.pack))
        if args.cmd == "time":
            return cmd_time(bank.get(args.slug), args.brute, args.timeout, args.pack)
        return cmd_brute_one(bank.get(args.slug), args.index)
    except CoachError as e:
        print(f"{e.title}: {e.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
