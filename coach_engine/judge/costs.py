"""What help and attempts cost in the feedback's score (``scoring.py`` applies them).

A separate, import-free module so a front end can show a price (the reveal action says what
it costs) without loading the judge.
"""

from __future__ import annotations

HINT_COST, REVEAL_COST = 8, 20
"""Approach points per hint used and per reveal step taken."""
HINT_OVERALL, REVEAL_OVERALL = 2, 6
"""Overall points per hint and per reveal step."""
FAILED_SUBMISSION_COST, FAILED_SUBMISSION_FLOOR = 5, 75
"""Correctness points of accepted code per failed submission before it, down to the floor."""
FAILED_SUBMISSION_OVERALL = 2
"""Overall points per failed submission before the graded one."""

REVEAL_PRICE = f"-{REVEAL_OVERALL} overall and -{REVEAL_COST} approach points per step"
"""The reveal's price, as a front end shows it."""
