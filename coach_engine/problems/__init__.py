"""The problem bank: the ``problem.toml`` format, the loader and the test builder.

    from coach_engine.problems import ProblemBank
    bank = ProblemBank()                       # bundled + $COACH_HOME/problems packs
    p = bank.get("two-sum")
    p.starter("go"); p.reference("java")
    request = p.run_request("python", code, tests="all")   # -> sandbox.spec.RunRequest

Build a problem's ``tests.json`` with ``python -m coach_engine.problems.tools build SLUG``.
The format is documented on the fields of :mod:`coach_engine.problems.schema` and in FORMAT.md.

The problem model and schema (pydantic) are imported when first named or parsed, not with the
package: building a ``ProblemBank`` only lists directories.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from coach_engine.problems.loader import ProblemBank, bundled_root, user_packs_root

if TYPE_CHECKING:
    from coach_engine.problems.problem import Problem, ProblemTests
    from coach_engine.problems.schema import DIFFICULTIES, TAGS, ProblemSpec

_LAZY = {
    "Problem": "coach_engine.problems.problem",
    "ProblemTests": "coach_engine.problems.problem",
    "DIFFICULTIES": "coach_engine.problems.schema",
    "TAGS": "coach_engine.problems.schema",
    "ProblemSpec": "coach_engine.problems.schema",
}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
