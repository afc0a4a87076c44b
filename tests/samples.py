"""What the tests submit and score, written once: two-sum solutions in Python, right and wrong
in known ways, and scripted feedback (a result, and a judged session in the store).

Importable from any test (``from samples import GOOD``) as ``fakes``/``hostile`` are: the
``tests`` folder is on ``sys.path`` (its conftest.py has no package above it).
"""

from __future__ import annotations

from coach_engine.engine import Engine
from coach_engine.feedback_jobs import FeedbackResult
from coach_engine.models import FeedbackRun, FeedbackStatus, SessionCreate

# LeetCode's two-sum template, solved with a hash map: accepted on every test.
GOOD = """
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
"""

# Only checks neighbouring pairs: right on the three examples, wrong on most hidden tests.
BUGGY = """
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        for i in range(len(nums) - 1):
            if nums[i] + nums[i + 1] == target:
                return [i, i + 1]
        return []
"""

# The plain O(n^2) brute force: accepted, and the quadratic baseline the judge's timing sees.
BRUTE = """
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        for i in range(len(nums)):
            for j in range(i + 1, len(nums)):
                if nums[i] + nums[j] == target:
                    return [i, j]
        return []
"""


def wrong_only_on(nums: list[int]) -> str:
    """``GOOD`` but for the one input ``nums``, on which it answers ``[]``: a submission that
    fails exactly the test with that input."""
    guard = f"        if nums == {nums!r}:\n            return []\n"
    head, body = GOOD.split("        seen = {}\n", 1)
    return head + guard + "        seen = {}\n" + body


# Weak criteria of several kinds: drills of every kind follow from them.
WEAK_SCORES = {
    "correctness": 40,
    "time_complexity": 30,
    "communication": 55,
    "code_quality": 60,
    "approach": 80,
    "space_complexity": 90,
}


def weak_feedback() -> FeedbackResult:
    """A finished judgement with ``WEAK_SCORES``, for tests of what is done with feedback
    rather than of the judge itself."""
    return FeedbackResult(
        overall_score=55,
        criterion_scores=dict(WEAK_SCORES),
        strengths=["clear names"],
        weaknesses=["no edge cases"],
    )


async def judged_two_sum(
    engine: Engine, criterion_scores: dict[str, int] | None = None
) -> FeedbackRun:
    """A submitted two-sum session of ``engine``'s user and its completed feedback, written to
    the store as the judge leaves one (the judge is not run): ``criterion_scores`` (default
    ``WEAK_SCORES``), a nested-loop weakness and a hash-map suggestion, which drills are
    generated from."""
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum", language="python"))
    await engine.sessions.start(s.id)
    await engine.sessions.submit(s.id)
    fb = engine.store.add_feedback(FeedbackRun(session_id=s.id, user_id=engine.user.id))
    engine.store.update_feedback(
        engine.user.id,
        fb.id,
        {
            "status": FeedbackStatus.COMPLETED.value,
            "overall_score": 52,
            "criterion_scores": dict(WEAK_SCORES if criterion_scores is None else criterion_scores),
            "weaknesses": ["claimed O(n), measured O(n^2): nested loop at line 4"],
            "suggestions": ["Use a hash map from value to index so each lookup is O(1)."],
        },
    )
    return engine.store.get_feedback(engine.user.id, fb.id)
