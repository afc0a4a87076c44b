"""Dynamic code (exec, eval, Function, reflection) lowers the static analysis' confidence."""

from __future__ import annotations

import pytest

from coach_engine.judge.static import analyze
from coach_engine.judge.static.dynamic import dynamic_code

HIDDEN = {  # a quadratic loop the analyser cannot see: it is in a string or behind reflection
    "python": (
        "class Solution:\n    def twoSum(self, nums, target):\n"
        "        exec('for i in nums:\\n for j in nums: pass')\n        return [0, 1]\n"
    ),
    "javascript": (
        "var twoSum = function(nums, target) {\n"
        "  new Function('n', 'for (const a of n) for (const b of n);')(nums);\n"
        "  return [0, 1];\n};\n"
    ),
    "java": (
        "class Solution {\n    public int[] twoSum(int[] nums, int target) throws Exception {\n"
        '        Solution.class.getDeclaredMethod("slow", int[].class).invoke(this, nums);\n'
        "        return new int[] {0, 1};\n    }\n}\n"
    ),
    "go": (
        "func twoSum(nums []int, target int) []int {\n"
        "    reflect.ValueOf(slow).Call([]reflect.Value{reflect.ValueOf(nums)})\n"
        "    return []int{0, 1}\n}\n"
    ),
    "cpp": (
        "#define REP(i, n) for (int i = 0; i < (n); i++)\n"
        "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n"
        "        return {0, 1};\n    }\n};\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(HIDDEN))
def test_dynamic_code_is_low_confidence_with_its_line(lang: str) -> None:
    report = analyze(HIDDEN[lang], lang, function="twoSum")
    assert report.time.confidence == "low"
    assert "not analysed" in report.time.evidence[0].text
    assert report.time.evidence[0].line >= 1


@pytest.mark.parametrize(
    ("lang", "code"),
    [
        ("python", "# eval(x) in a comment\ns = 'exec(' \ndef f(evaluate):\n    return evaluate\n"),
        ("javascript", "// eval(x)\nconst s = 'Function(';\nfunction f(a) { return a; }\n"),
        ("java", 'class S { String s = ".invoke("; /* getMethod( */ }\n'),
        ("go", '// reflect.ValueOf\nvar s = "reflect."\n'),
        ("cpp", '#define ll long long\n// dlopen(\nconst char* s = "asm";\n'),
    ],
)
def test_comments_strings_and_plain_macros_are_not_dynamic(lang: str, code: str) -> None:
    assert dynamic_code(code, lang) == []


def test_patching_the_clock_is_dynamic() -> None:
    found = dynamic_code("import time\ntime.thread_time_ns = lambda: 0\n", "python")
    assert found and found[0].line == 2
    found = dynamic_code("process.cpuUsage = () => ({user: 0, system: 0});\n", "javascript")
    assert found and found[0].line == 1
