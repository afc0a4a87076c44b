"""The interview session state machine (PRODUCT.md §5).

    CREATED ──start──▶ IN_PROGRESS ──submit──▶ AWAITING_FEEDBACK ──complete──▶ COMPLETED
             attempt ⟲  │   ▲  └──────────────complete (end the interview)─────────▲
                   pause│   │resume
                        ▼   │
                        PAUSED            any non-terminal state ──cancel──▶ CANCELLED

``attempt`` is a code submission (all tests): as on LeetCode a candidate submits again and
again — after a wrong answer and after an accepted one — so it is legal only IN_PROGRESS and
leaves the status there; ending the interview (``complete``) is what closes submissions.
``submit`` hands the session in to wait for its feedback (a session reopened in that state
shows the job). ``resume`` also takes AWAITING_FEEDBACK back to IN_PROGRESS (keep coding after a
failed feedback). COMPLETED and CANCELLED are terminal.
"""

from __future__ import annotations

from enum import StrEnum

from coach_engine.models import SessionStatus as S


class Action(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    SUBMIT = "submit"
    ATTEMPT = "attempt"
    COMPLETE = "complete"
    CANCEL = "cancel"


TRANSITIONS: dict[tuple[S, Action], S] = {
    (S.CREATED, Action.START): S.IN_PROGRESS,
    (S.IN_PROGRESS, Action.PAUSE): S.PAUSED,
    (S.PAUSED, Action.RESUME): S.IN_PROGRESS,
    (S.AWAITING_FEEDBACK, Action.RESUME): S.IN_PROGRESS,
    (S.IN_PROGRESS, Action.SUBMIT): S.AWAITING_FEEDBACK,
    (S.IN_PROGRESS, Action.ATTEMPT): S.IN_PROGRESS,
    (S.IN_PROGRESS, Action.COMPLETE): S.COMPLETED,
    (S.AWAITING_FEEDBACK, Action.COMPLETE): S.COMPLETED,
    (S.CREATED, Action.CANCEL): S.CANCELLED,
    (S.IN_PROGRESS, Action.CANCEL): S.CANCELLED,
    (S.PAUSED, Action.CANCEL): S.CANCELLED,
    (S.AWAITING_FEEDBACK, Action.CANCEL): S.CANCELLED,
}

TERMINAL = frozenset({S.COMPLETED, S.CANCELLED})
UNFINISHED = (S.CREATED, S.IN_PROGRESS, S.PAUSED, S.AWAITING_FEEDBACK)


def next_status(current: S, action: Action) -> S | None:
    """The status ``action`` leads to from ``current``, or None when it is illegal."""
    return TRANSITIONS.get((current, action))


def allowed_actions(current: S) -> list[Action]:
    return [a for (s, a) in TRANSITIONS if s == current]
