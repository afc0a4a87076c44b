"""The offline judge: measured, explainable feedback on a solution (PRODUCT.md §6, issue #5).

    from coach_engine.judge import judge
    feedback = await judge(problem, code, "python", transcript=messages, runs=runs)

Correctness comes from the sandbox, time complexity from timing on growing inputs cross-checked
with static analysis (``coach_engine.judge.static``), communication from the transcript; no
language model decides any of it. Attributes are imported on first use, so importing this
package costs nothing and never touches the static analyser (which may be absent).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach_engine.judge.api import judge
    from coach_engine.judge.models import Feedback

__all__ = ["Feedback", "judge"]


def __getattr__(name: str) -> Any:
    if name == "judge":
        from coach_engine.judge.api import judge

        return judge
    if name == "Feedback":
        from coach_engine.judge.models import Feedback

        return Feedback
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
