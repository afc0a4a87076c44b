"""QA item 9: the judge reads the conversation right.

A question proposing an approach is not a clarifying question (the interviewer and the judge
share the rule), and a complexity claim is checked against the measurement only when it was said
about the approach the submitted code implements.
"""

from __future__ import annotations

import pytest

from coach_engine.interviewer.thread import Thread, Turn
from coach_engine.interviewer.understand import Intent, classify, is_clarifying_question
from coach_engine.judge import classes as C
from coach_engine.judge.advice import advise
from coach_engine.judge.communication import analyse, score
from coach_engine.judge.models import ComplexityReport, ComplexityVerdict, CorrectnessReport
from coach_engine.judge.scoring import Facts
from coach_engine.judge.transcript import parse
from coach_engine.problems import ProblemBank

BANK = ProblemBank()

# (problem, a real clarifying question, an approach proposed as a question)
QUESTIONS = [
    ("valid-anagram", "Can the strings contain unicode characters?",
     "What about sorting both strings instead?"),
    ("two-sum", "Can the array contain duplicates?", "Could I use a hash map instead?"),
    ("contains-duplicate", "What about an empty array?", "How about sorting it first?"),
    ("merge-intervals", "Are the intervals sorted by start?",
     "What if we sort by start and sweep?"),
    ("top-k-frequent-elements", "Can we assume k is always valid?", "Is a heap ok here?"),
]  # fmt: skip


@pytest.mark.parametrize(("slug", "clarifying", "proposal"), QUESTIONS)
def test_a_question_naming_an_approach_is_a_proposal(
    slug: str, clarifying: str, proposal: str
) -> None:
    approaches = BANK.get(slug).approaches
    assert is_clarifying_question(clarifying, approaches)
    assert classify(clarifying) == Intent.CLARIFYING_QUESTION
    assert not is_clarifying_question(proposal, approaches)
    assert classify(proposal) == Intent.APPROACH


@pytest.mark.parametrize(("slug", "clarifying", "proposal"), QUESTIONS)
def test_the_interviewer_reads_the_questions_alike(
    slug: str, clarifying: str, proposal: str
) -> None:
    thread = Thread(approaches=BANK.get(slug).approaches)
    assert thread.read(clarifying) == Turn.CLARIFYING
    assert thread.read(proposal) != Turn.CLARIFYING


@pytest.mark.parametrize(("slug", "clarifying", "proposal"), QUESTIONS)
def test_the_judge_counts_only_real_clarifying_questions(
    slug: str, clarifying: str, proposal: str
) -> None:
    turns = parse(f"me: {proposal}\ninterviewer: Go on.\nme: {clarifying}\n")
    report = analyse(turns, BANK.get(slug), None)
    assert report.clarifying_questions == [f'message 3: "{clarifying}"']
    only_proposal = analyse(parse(f"me: {proposal}\n"), BANK.get(slug), None)
    assert only_proposal.clarifying_questions == []
    assert "- asked clarifying questions (0/20)" in score(only_proposal)[1]


# (problem, the other approach's pitch with its claim, submitted code, measured class of it,
# the approach the claim was about, the approach the code implements: matched by the approach's
# keywords in the code's words, comments included)
OTHER_APPROACH = [
    ("valid-anagram", "I'd count the letters in an array of 26, that's O(n) time.",
     "class Solution:\n    def isAnagram(self, s, t):\n        return sorted(s) == sorted(t)",
     C.N_LOG_N, "Count letters", "Sort and compare"),
    ("two-sum", "A hash map of complements gives one pass: O(n).",
     "class Solution:\n    def twoSum(self, nums, target):\n"
     "        # brute force: check each pair\n"
     "        for i in range(len(nums)):\n            for j in range(i + 1, len(nums)):\n"
     "                if nums[i] + nums[j] == target:\n"
     "                    return [i, j]",
     C.QUADRATIC, "Hash map, one pass", "Brute force"),
    ("contains-duplicate", "With a hash set of seen values it is linear time.",
     "class Solution:\n    def containsDuplicate(self, nums):\n        nums.sort()\n"
     "        return any(a == b for a, b in zip(nums, nums[1:]))",
     C.N_LOG_N, "Hash set", "Sort, then compare neighbours"),
]  # fmt: skip


def _session(pitch: str, code: str) -> str:
    fenced = "\n".join(["me: ```", *code.splitlines(), "```"])
    return f"me: {pitch}\ninterviewer: Sounds good, go ahead.\n{fenced}\n"


@pytest.mark.parametrize(("slug", "pitch", "code", "measured", "said_of", "coded"), OTHER_APPROACH)
def test_a_claim_about_another_approach_is_not_a_wrong_claim(
    slug: str, pitch: str, code: str, measured: str, said_of: str, coded: str
) -> None:
    report = analyse(parse(_session(pitch, code)), BANK.get(slug), measured, code=code)
    assert (report.stated_about, report.code_approach) == (said_of, coded)
    assert report.stated_in == 1
    assert report.stated_complexity_correct is None
    points, reasons = score(report)
    assert "- stated a complexity only for another approach than the one coded (14/20)" in reasons
    assert not any("contradicts" in r for r in reasons)
    # without ``code`` the judge reads the code from the transcript and agrees
    again = analyse(parse(_session(pitch, code)), BANK.get(slug), measured)
    assert again.code_approach == coded and again.stated_complexity_correct is None


# (problem, a wrong claim about the implemented approach, code, measured class)
WRONG_ABOUT_THE_CODE = [
    ("valid-anagram", "I'll sort both strings and compare them, O(n) overall.",
     "class Solution:\n    def isAnagram(self, s, t):\n        return sorted(s) == sorted(t)",
     C.N_LOG_N),
    ("two-sum", "Brute force over every pair is O(n) time.",
     OTHER_APPROACH[1][2], C.QUADRATIC),
    ("contains-duplicate", "I'm sorting first, then compare adjacent values; that's linear time.",
     OTHER_APPROACH[2][2], C.N_LOG_N),
]  # fmt: skip


@pytest.mark.parametrize(("slug", "pitch", "code", "measured"), WRONG_ABOUT_THE_CODE)
def test_a_wrong_claim_about_the_implemented_approach_is_still_flagged(
    slug: str, pitch: str, code: str, measured: str
) -> None:
    report = analyse(parse(_session(pitch, code)), BANK.get(slug), measured, code=code)
    assert report.stated_about == report.code_approach is not None
    assert report.stated_complexity_correct is False
    assert "- stated a complexity that the measurement contradicts (8/20)" in score(report)[1]


def test_code_that_names_no_approach_has_every_claim_checked() -> None:
    """When the code's words match no approach, the claim cannot be set aside: it is checked."""
    code = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]"
    text = _session("A hash map of complements gives one pass: O(n).", code)
    report = analyse(parse(text), BANK.get("two-sum"), C.QUADRATIC, code=code)
    assert report.code_approach is None
    assert report.stated_complexity_correct is False


def test_the_claim_goes_to_the_last_approach_discussed() -> None:
    """The O(n log n) is said in a message naming no approach: it belongs to the sort discussed
    just before, which the code implements, so it is checked (and right); the earlier O(n)
    about counting is not held against the sorting code."""
    code = OTHER_APPROACH[0][2]
    text = (
        "me: Counting letters would be O(n).\n"
        "me: Actually I'll sort both strings and compare.\n"
        "me: That costs O(n log n) time.\n" + _session("Here it is.", code)
    )
    report = analyse(parse(text), BANK.get("valid-anagram"), C.N_LOG_N, code=code)
    assert (report.stated_complexity, report.stated_in) == ("O(n log n)", 3)
    assert report.stated_about == "Sort and compare"
    assert report.stated_complexity_correct is True


def test_the_feedback_says_which_approach_the_claim_was_about() -> None:
    slug, pitch, code, measured, said_of, coded = OTHER_APPROACH[0]
    problem = BANK.get(slug)
    talk = analyse(parse(_session(pitch, code)), problem, measured, code=code)
    correctness = CorrectnessReport(
        verdict="AC",
        passed=3,
        total=3,
        visible_passed=3,
        visible_total=3,
        hidden_passed=0,
        hidden_total=0,
        verdict_counts={"AC": 3},
    )
    cx = ComplexityReport(
        time=ComplexityVerdict(big_o=measured, optimal=C.LINEAR, confidence="high"),
        space=ComplexityVerdict(big_o=C.LINEAR, optimal=C.CONSTANT, confidence="high"),
    )
    strengths, weaknesses, todo = advise(Facts(correctness, cx, [], [], True, talk), problem)
    said = " ".join(strengths + weaknesses + todo)
    assert "Claimed O(n) (message 1), measured" not in said
    assert (
        f'Claimed O(n) for the "{said_of}" approach (message 1); the submitted code is '
        f'"{coded}": O(n log n). State the complexity of the approach you code.'
    ) in todo
