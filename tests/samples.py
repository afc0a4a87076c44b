"""What the tests submit and score, written once: two-sum solutions in Python, right and wrong
in known ways, and a scripted feedback result.

Importable from any test (``from samples import GOOD``) as ``fakes``/``hostile`` are: the
``tests`` folder is on ``sys.path`` (its conftest.py has no package above it).
"""

from __future__ import annotations

from coach_engine.feedback_jobs import FeedbackResult

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


def wrong_only_on(nums: list[int]) -> str:
    """``GOOD`` but for the one input ``nums``, on which it answers ``[]``: a submission that
    fails exactly the test with that input."""
    guard = f"        if nums == {nums!r}:\n            return []\n"
    head, body = GOOD.split("        seen = {}\n", 1)
    return head + guard + "        seen = {}\n" + body


def weak_feedback() -> FeedbackResult:
    """A finished judgement with weak criteria of several kinds (so drills of every kind follow
    from it), for tests of what is done with feedback rather than of the judge itself."""
    return FeedbackResult(
        overall_score=55,
        criterion_scores={
            "correctness": 40,
            "time_complexity": 30,
            "communication": 55,
            "code_quality": 60,
            "approach": 80,
            "space_complexity": 90,
        },
        strengths=["clear names"],
        weaknesses=["no edge cases"],
    )
