"""The problem bank: the ``problem.toml`` format, the loader and the test builder.

    from coach_engine.problems import ProblemBank
    bank = ProblemBank()                       # bundled + $COACH_HOME/problems packs
    p = bank.get("two-sum")
    p.starter("go"); p.reference("java")
    request = p.run_request("python", code, tests="all")   # -> sandbox.spec.RunRequest

Build a problem's ``tests.json`` with ``python -m coach_engine.problems.tools build SLUG``.
The format is documented on the fields of :mod:`coach_engine.problems.schema` and in FORMAT.md.
"""

from coach_engine.problems.loader import ProblemBank, bundled_root, user_packs_root
from coach_engine.problems.problem import Problem, ProblemTests
from coach_engine.problems.schema import DIFFICULTIES, TAGS, ProblemSpec

__all__ = [
    "DIFFICULTIES",
    "TAGS",
    "Problem",
    "ProblemBank",
    "ProblemSpec",
    "ProblemTests",
    "bundled_root",
    "user_packs_root",
]
