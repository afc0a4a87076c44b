"""The judge's static half: complexity from the code (never from a model) and quality findings.

The labelled set under tests/fixtures/judge/ holds classic solutions, optimal and brute force,
in all five languages, each with its true time and space class; the analyser must get the time
class right for at least 90% of them. The bank's reference solutions must come out at their
problem's optimal complexity at least 80% of the time.
"""

from __future__ import annotations

import time
import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path
from textwrap import dedent

import pytest

from coach_engine.judge.static import (
    BigO,
    Confidence,
    Severity,
    StaticReport,
    analyze,
    compare,
    parse_big_o,
    rank,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "judge"
BANK = ROOT / "coach_engine" / "bank" / "problems"
EXTENSIONS = {".py": "python", ".js": "javascript", ".java": "java", ".cpp": "cpp", ".go": "go"}

# (file under tests/fixtures/judge, true time class, true auxiliary space class)
LABELLED: list[tuple[str, str, str]] = [
    ("python/two_sum_brute.py", "O(n^2)", "O(1)"),
    ("python/two_sum_hash.py", "O(n)", "O(n)"),
    ("python/two_sum_sort.py", "O(n log n)", "O(n)"),
    ("python/binary_search.py", "O(log n)", "O(1)"),
    ("python/fib_naive.py", "O(2^n)", "O(n)"),
    ("python/fib_memo.py", "O(n)", "O(n)"),
    ("python/climbing_stairs.py", "O(n)", "O(1)"),
    ("python/contains_duplicate_list.py", "O(n^2)", "O(n)"),
    ("python/islands_dfs.py", "O(m·n)", "O(m·n)"),
    ("python/merge_intervals.py", "O(n log n)", "O(n)"),
    ("python/max_depth_recursive.py", "O(n)", "O(n)"),
    ("python/lcs_dp.py", "O(m·n)", "O(m·n)"),
    ("python/kth_largest_heap.py", "O(n log n)", "O(n)"),
    ("python/valid_palindrome.py", "O(n)", "O(1)"),
    ("python/coin_change_memo.py", "O(m·n)", "O(n)"),
    ("javascript/two_sum_brute.js", "O(n^2)", "O(1)"),
    ("javascript/two_sum_map.js", "O(n)", "O(n)"),
    ("javascript/binary_search.js", "O(log n)", "O(1)"),
    ("javascript/contains_duplicate_includes.js", "O(n^2)", "O(n)"),
    ("javascript/max_subarray.js", "O(n)", "O(1)"),
    ("javascript/fib_memo.js", "O(n)", "O(n)"),
    ("javascript/islands_bfs.js", "O(m·n)", "O(m·n)"),
    ("javascript/merge_intervals.js", "O(n log n)", "O(n)"),
    ("javascript/valid_anagram_sort.js", "O(n log n)", "O(n)"),
    ("javascript/climb_stairs_naive.js", "O(2^n)", "O(n)"),
    ("javascript/reverse_list.js", "O(n)", "O(1)"),
    ("java/TwoSumBrute.java", "O(n^2)", "O(1)"),
    ("java/TwoSumHash.java", "O(n)", "O(n)"),
    ("java/BinarySearch.java", "O(log n)", "O(1)"),
    ("java/MaxDepth.java", "O(n)", "O(n)"),
    ("java/MergeIntervals.java", "O(n log n)", "O(n)"),
    ("java/LongestCommonPrefix.java", "O(m·n)", "O(1)"),
    ("java/FibMemo.java", "O(n)", "O(n)"),
    ("java/Subsets.java", "O(2^n)", "O(n)"),
    ("java/ProductExceptSelf.java", "O(n)", "O(1)"),
    ("java/ValidParentheses.java", "O(n)", "O(n)"),
    ("java/ThreeSumCount.java", "O(n^3)", "O(1)"),
    ("cpp/two_sum_brute.cpp", "O(n^2)", "O(1)"),
    ("cpp/two_sum_hash.cpp", "O(n)", "O(n)"),
    ("cpp/binary_search.cpp", "O(log n)", "O(1)"),
    ("cpp/pair_sum_sorted.cpp", "O(n log n)", "O(log n)"),
    ("cpp/islands_dfs.cpp", "O(m·n)", "O(m·n)"),
    ("cpp/climbing_stairs_dp.cpp", "O(n)", "O(n)"),
    ("cpp/fib_naive.cpp", "O(2^n)", "O(n)"),
    ("cpp/edit_distance.cpp", "O(m·n)", "O(m·n)"),
    ("cpp/fast_pow.cpp", "O(log n)", "O(log n)"),
    ("cpp/merge_sort.cpp", "O(n log n)", "O(n)"),
    ("cpp/contains_duplicate_find.cpp", "O(n^2)", "O(n)"),
    ("go/two_sum_brute.go", "O(n^2)", "O(1)"),
    ("go/two_sum_map.go", "O(n)", "O(n)"),
    ("go/binary_search.go", "O(log n)", "O(1)"),
    ("go/max_profit.go", "O(n)", "O(1)"),
    ("go/climb_stairs_memo.go", "O(n)", "O(n)"),
    ("go/islands_dfs.go", "O(m·n)", "O(m·n)"),
    ("go/merge_intervals.go", "O(n log n)", "O(log n)"),
    ("go/lcs_dp.go", "O(m·n)", "O(m·n)"),
    ("go/reverse_integer.go", "O(log n)", "O(1)"),
    ("go/single_number.go", "O(n)", "O(1)"),
    ("go/count_doublings.go", "O(n log n)", "O(1)"),
]


def _analyse_fixture(path: str) -> StaticReport:
    return analyze((FIXTURES / path).read_text(), path.split("/")[0])


@cache
def _bank_report(path: Path, function: str | None = None) -> StaticReport:
    return analyze(path.read_text(), EXTENSIONS[path.suffix], function)


def _lines(items: list[tuple[int, str]] | object) -> set[int]:
    assert isinstance(items, list)
    return {line for line, _ in items}


def _time_lines(report: StaticReport) -> set[int]:
    return {e.line for e in report.time.evidence}


def _rule_lines(report: StaticReport, rule: str) -> set[int]:
    return {f.line for f in report.findings if f.rule == rule}


# -- the labelled set --------------------------------------------------------------------------


def test_labelled_set_covers_every_language() -> None:
    per_language: dict[str, int] = defaultdict(int)
    for path, time_label, space_label in LABELLED:
        per_language[path.split("/")[0]] += 1
        assert (FIXTURES / path).is_file(), path
        assert parse_big_o(time_label) is not None and parse_big_o(space_label) is not None
    assert len(LABELLED) >= 40
    assert set(per_language) == set(EXTENSIONS.values())
    assert min(per_language.values()) >= 8, per_language


def test_labelled_time_accuracy_is_at_least_90_percent() -> None:
    hits: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    for path, label, _ in LABELLED:
        report = _analyse_fixture(path)
        ok = report.time.big_o == parse_big_o(label)
        hits[path.split("/")[0]].append(ok)
        if not ok:
            why = "; ".join(f"{e.line}: {e.text}" for e in report.time.evidence[:3])
            misses.append(f"{path}: got {report.time.big_o}, labelled {label} ({why})")
    overall = sum(sum(v) for v in hits.values()) / len(LABELLED)
    per_language = {lang: f"{sum(v)}/{len(v)}" for lang, v in sorted(hits.items())}
    print(f"\nstatic time accuracy {overall:.0%} per language {per_language}")
    for miss in misses:
        print("  MISS", miss)
    assert overall >= 0.90, misses


def test_labelled_space_accuracy_is_at_least_80_percent() -> None:
    misses = []
    for path, _, label in LABELLED:
        report = _analyse_fixture(path)
        if report.space.big_o != parse_big_o(label):
            misses.append(f"{path}: got {report.space.big_o}, labelled {label}")
    accuracy = 1 - len(misses) / len(LABELLED)
    print(f"\nstatic space accuracy {accuracy:.0%}")
    for miss in misses:
        print("  MISS", miss)
    assert accuracy >= 0.80, misses


@pytest.mark.parametrize("path", [p for p, _, _ in LABELLED])
def test_labelled_solutions_parse_cleanly_and_cite_lines(path: str) -> None:
    report = _analyse_fixture(path)
    assert report.parse_errors == []
    assert report.function is not None
    code_lines = len((FIXTURES / path).read_text().splitlines())
    for e in report.time.evidence + report.space.evidence:
        assert 0 <= e.line <= code_lines, (path, e)


# -- time rules, with evidence lines -----------------------------------------------------------


def test_nested_loops_cite_both_loops() -> None:
    report = _analyse_fixture("python/two_sum_brute.py")
    assert report.time.big_o == BigO.QUADRATIC
    assert report.time.confidence == Confidence.HIGH
    assert {3, 4} <= _time_lines(report)
    assert any("nested in the loop at line 3" in e.text for e in report.time.evidence)


def test_binary_search_is_logarithmic_at_the_while_line() -> None:
    report = _analyse_fixture("java/BinarySearch.java")
    assert report.time.big_o == BigO.LOG
    assert 4 in _time_lines(report)
    assert report.space.big_o == BigO.CONSTANT


@pytest.mark.parametrize(
    ("code", "language", "expected", "line"),
    [
        (
            "def f(n):\n    i = 1\n    while i < n:\n        i *= 2\n    return i\n",
            "python",
            BigO.LOG,
            3,
        ),
        (
            "def f(x):\n    digits = 0\n    while x > 0:\n        x //= 10\n        digits += 1\n"
            "    return digits\n",
            "python",
            BigO.LOG,
            3,
        ),
        (
            "int f(int n) {\n  int c = 0;\n  for (int i = n; i > 0; i /= 2) c++;\n  return c;\n}\n",
            "cpp",
            BigO.LOG,
            3,
        ),
        (
            "func f(nums []int) int {\n\tt := 0\n\tfor i := range nums {\n"
            "\t\tfor j := 1; j < len(nums); j <<= 1 {\n\t\t\tt += i * j\n\t\t}\n\t}\n"
            "\treturn t\n}\n",
            "go",
            BigO.N_LOG_N,
            4,
        ),
    ],
)
def test_geometric_loops_give_a_log_factor(
    code: str, language: str, expected: BigO, line: int
) -> None:
    report = analyze(code, language)
    assert report.time.big_o == expected
    assert line in _time_lines(report)


def test_sorting_costs_n_log_n_at_the_sort_call() -> None:
    report = _analyse_fixture("python/merge_intervals.py")
    assert report.time.big_o == BigO.N_LOG_N
    assert 3 in _time_lines(report)
    go = _analyse_fixture("go/merge_intervals.go")
    assert go.time.big_o == BigO.N_LOG_N and 2 in _time_lines(go)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("python/contains_duplicate_list.py", 5),
        ("javascript/contains_duplicate_includes.js", 4),
        ("cpp/contains_duplicate_find.cpp", 6),
    ],
)
def test_linear_membership_inside_a_loop_is_quadratic(path: str, line: int) -> None:
    report = _analyse_fixture(path)
    assert report.time.big_o == BigO.QUADRATIC
    assert line in _time_lines(report)


def test_set_and_map_lookups_are_constant() -> None:
    code = dedent("""\
        class Solution:
            def containsDuplicate(self, nums: List[int]) -> bool:
                seen = set()
                for value in nums:
                    if value in seen:
                        return True
                    seen.add(value)
                return False
        """)
    report = analyze(code, "python")
    assert report.time.big_o == BigO.LINEAR
    assert report.space.big_o == BigO.LINEAR
    assert 7 in {e.line for e in report.space.evidence}


def test_slicing_and_concatenation_in_loops_cost_extra_n() -> None:
    slicing = dedent("""\
        class Solution:
            def countPrefixes(self, words: List[str], s: str) -> int:
                total = 0
                for i in range(len(s)):
                    if s[:i + 1] in words:
                        total += 1
                return total
        """)
    report = analyze(slicing, "python")
    assert report.time.big_o in (BigO.QUADRATIC, BigO.M_N)
    assert 5 in _time_lines(report)
    concat = dedent("""\
        class Solution {
            public String repeat(String s, int n) {
                String out = "";
                for (int i = 0; i < n; i++) {
                    out += s;
                }
                return out;
            }
        }
        """)
    java = analyze(concat, "java")
    assert compare(java.time.big_o, BigO.QUADRATIC) == 0
    assert 5 in _time_lines(java)
    assert 5 in _rule_lines(java, "performance")


def test_heap_operations_add_a_log_factor() -> None:
    report = _analyse_fixture("python/kth_largest_heap.py")
    assert report.time.big_o == BigO.N_LOG_N
    assert 9 in _time_lines(report)


@pytest.mark.parametrize(
    ("path", "expected", "line"),
    [
        ("python/fib_naive.py", BigO.EXPONENTIAL, 5),
        ("cpp/fib_naive.cpp", BigO.EXPONENTIAL, 5),
        ("python/fib_memo.py", BigO.LINEAR, 10),
        ("java/FibMemo.java", BigO.LINEAR, 13),
        ("go/climb_stairs_memo.go", BigO.LINEAR, 11),
        ("python/max_depth_recursive.py", BigO.LINEAR, 5),
        ("cpp/fast_pow.cpp", BigO.LOG, 15),
        ("cpp/merge_sort.cpp", BigO.N_LOG_N, 13),
        ("java/Subsets.java", BigO.EXPONENTIAL, 12),
    ],
)
def test_recursion_shapes(path: str, expected: BigO, line: int) -> None:
    report = _analyse_fixture(path)
    assert report.time.big_o == expected
    assert line in _time_lines(report)


def test_recursion_depth_is_space() -> None:
    report = _analyse_fixture("python/fib_naive.py")
    assert report.space.big_o == BigO.LINEAR
    assert any("recursion depth" in e.text and e.line == 5 for e in report.space.evidence)


@pytest.mark.parametrize(
    "path",
    [
        "python/islands_dfs.py",
        "cpp/islands_dfs.cpp",
        "go/islands_dfs.go",
        "javascript/islands_bfs.js",
    ],
)
def test_grid_traversals_visit_each_cell_once(path: str) -> None:
    report = _analyse_fixture(path)
    assert report.time.big_o == BigO.M_N
    assert report.space.big_o == BigO.M_N
    assert any("once overall" in e.text or "handled once" in e.text for e in report.time.evidence)


def test_two_size_parameters_make_m_times_n() -> None:
    report = _analyse_fixture("python/lcs_dp.py")
    assert report.time.big_o == BigO.M_N
    assert {5, 6} <= _time_lines(report)
    assert report.space.big_o == BigO.M_N


def test_amortised_patterns_stay_linear() -> None:
    window = dedent("""\
        class Solution:
            def lengthOfLongestSubstring(self, s: str) -> int:
                seen = set()
                left = best = 0
                for right, ch in enumerate(s):
                    while ch in seen:
                        seen.remove(s[left])
                        left += 1
                    seen.add(ch)
                    best = max(best, right - left + 1)
                return best
        """)
    report = analyze(window, "python")
    assert report.time.big_o == BigO.LINEAR
    assert any(e.line == 6 and "amortised" in e.text for e in report.time.evidence)
    stack = dedent("""\
        var dailyTemperatures = function(temperatures) {
            const answer = new Array(temperatures.length).fill(0);
            const stack = [];
            for (let i = 0; i < temperatures.length; i++) {
                while (stack.length && temperatures[stack[stack.length - 1]] < temperatures[i]) {
                    const j = stack.pop();
                    answer[j] = i - j;
                }
                stack.push(i);
            }
            return answer;
        };
        """)
    js = analyze(stack, "javascript")
    assert js.time.big_o == BigO.LINEAR
    assert js.space.big_o == BigO.LINEAR


def test_unbounded_loops_are_low_confidence_not_confident_guesses() -> None:
    code = dedent("""\
        class Solution:
            def settle(self, nums: List[int]) -> List[int]:
                changed = True
                while changed:
                    changed = False
                    for i in range(len(nums) - 1):
                        if nums[i] > nums[i + 1]:
                            nums[i], nums[i + 1] = nums[i + 1], nums[i]
                            changed = True
                return nums
        """)
    report = analyze(code, "python")
    assert report.time.confidence == Confidence.LOW
    assert report.time.big_o == BigO.QUADRATIC
    assert 4 in _time_lines(report)


# -- space rules -------------------------------------------------------------------------------


def test_in_place_is_constant_space_and_output_is_not_auxiliary() -> None:
    in_place = _analyse_fixture("javascript/reverse_list.js")
    assert in_place.space.big_o == BigO.CONSTANT
    assert any("constant extra space" in e.text for e in in_place.space.evidence)
    output = _analyse_fixture("java/ProductExceptSelf.java")
    assert output.space.big_o == BigO.CONSTANT
    assert any("`answer` is the output" in e.text and e.line == 14 for e in output.space.evidence)


@pytest.mark.parametrize(
    ("code", "language", "line"),
    [
        (
            "class Solution {\n  public int f(int n) {\n    int[] dp = new int[n + 1];\n"
            "    return dp.length;\n  }\n}\n",
            "java",
            3,
        ),
        (
            "class Solution {\npublic:\n  int f(int n) {\n    vector<int> dp(n + 1, 0);\n"
            "    return dp.size();\n  }\n};\n",
            "cpp",
            4,
        ),
        ("func f(n int) int {\n\tdp := make([]int, n+1)\n\treturn len(dp)\n}\n", "go", 2),
        ("def f(n):\n    dp = [0] * (n + 1)\n    return len(dp)\n", "python", 2),
    ],
)
def test_sized_allocations_are_linear_space(code: str, language: str, line: int) -> None:
    report = analyze(code, language)
    assert report.space.big_o == BigO.LINEAR
    assert line in {e.line for e in report.space.evidence}


# -- quality findings --------------------------------------------------------------------------


def test_python_quality_findings_point_at_the_right_lines() -> None:
    code = dedent("""\
        class Solution:
            def maxValue(self, nums: List[int], k: int = 3) -> int:
                t = 0
                temp = 0
                list = []
                for i in range(len(nums)):
                    t += nums[i] * 37
                if t == None:
                    return 0
                nums.sort()
                return t
                print("done")

            def helper(self, values, unused, cache=[]):
                a = 1
                b = 2
                c = 3
                a = 1
                b = 2
                c = 3
                return values
        """)
    report = analyze(code, "python", "maxValue")
    assert 3 in _rule_lines(report, "naming")  # `t`
    assert 4 in _rule_lines(report, "naming")  # `temp`
    assert 5 in _rule_lines(report, "naming")  # shadows list()
    assert 4 in _rule_lines(report, "unused")  # temp never read
    assert 6 in _rule_lines(report, "idiom")  # range(len(nums))
    assert 7 in _rule_lines(report, "magic-number")
    assert 8 in _rule_lines(report, "idiom")  # == None
    assert 10 in _rule_lines(report, "input-mutation")
    assert 12 in _rule_lines(report, "dead-code")
    assert 14 in _rule_lines(report, "unused")  # parameter `unused`
    assert any(
        f.rule == "idiom" and f.line == 14 and f.severity == Severity.MAJOR for f in report.findings
    )  # mutable default
    assert 18 in _rule_lines(report, "duplication")


def test_java_quality_findings() -> None:
    code = dedent("""\
        class Solution {
            public int count(String[] words, String target) {
                List seen = new ArrayList();
                int total = 0;
                for (String w : words) {
                    if (w == target) total++;
                }
                Map<Integer, Integer> m = new HashMap<>();
                if (m.get(1) == m.get(2)) total++;
                int lo = 0, hi = words.length;
                int mid = (lo + hi) / 2;
                return total + mid + seen.size();
            }
        }
        """)
    report = analyze(code, "java")
    idioms = _rule_lines(report, "idiom")
    assert 3 in idioms  # raw types
    bugs = {f.line: f for f in report.findings if f.rule == "bug-risk"}
    assert bugs[6].severity == Severity.MAJOR  # String ==
    assert bugs[9].severity == Severity.MAJOR  # boxed Integer ==
    assert 11 in bugs  # (lo + hi) / 2 overflow


def test_javascript_quality_findings() -> None:
    code = dedent("""\
        var countPairs = function(nums) {
            total = 0;
            for (var i = 0; i < nums.length; i++) {
                for (const j in nums) {
                    if (nums[i] == nums[j]) total++;
                }
            }
            return total;
        };
        """)
    report = analyze(code, "javascript")
    assert any(
        f.line == 2 and f.rule == "bug-risk" and f.severity == Severity.MAJOR
        for f in report.findings
    )  # implicit global
    idioms = _rule_lines(report, "idiom")
    assert {3, 4, 5} <= idioms  # var in loop, for...in over array, loose equality


def test_cpp_and_go_quality_findings() -> None:
    cpp = dedent("""\
        class Solution {
        public:
            int total(vector<int>& nums) {
                return sum(nums);
            }
            int sum(vector<int> values) {
                int s = 0;
                for (int v : values) s += v;
                return s;
            }
        };
        """)
    report = analyze(cpp, "cpp", "total")
    assert 6 in _rule_lines(report, "performance")  # big container by value
    assert 7 in _rule_lines(report, "naming")
    go = dedent("""\
        func doubled(nums []int) []int {
            out := []int{}
            for _, v := range nums {
                out = append(out, 2*v)
            }
            return out
        }
        """)
    assert 2 in _rule_lines(analyze(go, "go"), "performance")


def test_clean_references_produce_few_findings() -> None:
    counts = []
    for path in sorted(BANK.glob("*/solutions/reference.*")):
        report = _bank_report(path)
        counts.append(len([f for f in report.findings if f.severity != Severity.INFO]))
        assert not [f for f in report.findings if f.severity == Severity.MAJOR], path
    assert counts and sum(counts) / len(counts) <= 0.5


def test_long_and_deep_functions_are_flagged() -> None:
    body = "\n".join(f"        x{i} = {i}" for i in range(45))
    long_code = f"class Solution:\n    def f(self, n: int) -> int:\n{body}\n        return n\n"
    assert 2 in _rule_lines(analyze(long_code, "python"), "function-length")
    deep = dedent("""\
        def f(grid):
            for row in grid:
                for cell in row:
                    if cell:
                        while cell > 0:
                            if cell % 2:
                                for k in range(cell):
                                    cell -= k
                            cell -= 1
            return grid
        """)
    nesting = [f for f in analyze(deep, "python").findings if f.rule == "nesting"]
    assert nesting and nesting[0].line == 8 and nesting[0].severity == Severity.MINOR


# -- robustness --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "language", "line"),
    [
        (
            "class Solution:\n    def f(self, nums):\n        for x in nums\n            pass\n",
            "python",
            3,
        ),
        (
            "var f = function(nums) {\n  for (let i = 0; i < nums.length; i++ {\n  }\n};\n",
            "javascript",
            2,
        ),
        (
            "class Solution {\n  public int f(int[] a) {\n    int x = ;\n    return x;\n  }\n}\n",
            "java",
            3,
        ),
        (
            "class Solution {\npublic:\n  int f(vector<int>& a) {\n    return a[0\n  }\n};\n",
            "cpp",
            4,
        ),
        ("func f(a []int) int {\n\tfor i := range a {\n\t\treturn i +\n\t}\n}\n", "go", 3),
    ],
)
def test_syntax_errors_are_reported_not_raised(code: str, language: str, line: int) -> None:
    report = analyze(code, language)
    assert report.parse_errors
    assert any(f"line {line}" in e or f"line {line + 1}" in e for e in report.parse_errors), (
        report.parse_errors
    )
    assert report.time.confidence == Confidence.LOW


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("", "python"),
        ("}}}{{{ ((( garbage", "java"),
        ("def f(:\n", "python"),
        ("class Solution { public: int f() { return f(); } };", "cpp"),
        ("def f(n):\n    return f(n)\n", "python"),
        ("\x00\x01 binary", "go"),
        ("x = " + "(" * 400 + "1" + ")" * 400, "python"),
    ],
)
def test_odd_input_never_raises(code: str, language: str) -> None:
    report = analyze(code, language)
    assert isinstance(report, StaticReport)


@pytest.mark.parametrize("path", [p for p, _, _ in LABELLED[::3]])
def test_truncated_and_garbled_code_is_analysed_without_internal_errors(path: str) -> None:
    source = (FIXTURES / path).read_text()
    language = path.split("/")[0]
    for cut in (len(source) // 3, len(source) // 2, 2 * len(source) // 3):
        for code in (source[:cut], source[:cut] + source[cut + 7 :], source[cut:]):
            report = analyze(code, language)
            failed = [e.text for e in report.time.evidence if e.text.startswith("analysis")]
            assert not failed, (path, cut, failed)


def test_unsupported_language_and_missing_function() -> None:
    unsupported = analyze("print(1)", "ruby")
    assert unsupported.parse_errors and unsupported.time.big_o is None
    report = analyze("def f(n):\n    return n\n", "python", function="nope")
    assert report.time.confidence == Confidence.LOW
    assert any("nope" in e.text for e in report.time.evidence)
    assert analyze("def f(n):\n    return n\n", "py").language == "python"


# -- ordering big-O classes --------------------------------------------------------------------


def test_compare_orders_the_classes() -> None:
    order = ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^2 log n)", "O(n^3)", "O(2^n)"]
    for a, b in zip(order, order[1:], strict=False):
        assert compare(a, b) == -1 and compare(b, a) == 1
    assert compare(BigO.M_N, "O(n^2)") == 0
    assert compare("O(n*m)", BigO.M_N) == 0
    assert rank(BigO.CONSTANT) == 0
    with pytest.raises(ValueError):
        compare("fast", "O(n)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O(m*n)", BigO.M_N),
        ("O(h)", BigO.LINEAR),
        ("O(V+E)", BigO.LINEAR),
        ("O((m*n)^2)", BigO.CUBIC),
        ("O(m*n * α(m*n))", BigO.M_N),
        ("O(n*2^n)", BigO.EXPONENTIAL),
        ("O(log(min(m,n)))", BigO.LOG),
        ("O(nlogn)", BigO.N_LOG_N),
        ("O(N*L^2)", BigO.CUBIC),
        ("not big-O", None),
    ],
)
def test_parse_big_o(text: str, expected: BigO | None) -> None:
    assert parse_big_o(text) == expected


# -- the problem bank --------------------------------------------------------------------------


def test_bank_references_agree_with_their_optimal_approach() -> None:
    problems = sorted(p for p in BANK.iterdir() if (p / "problem.toml").is_file())
    assert problems
    total = agree = space_agree = 0
    misses = []
    for problem in problems:
        spec = tomllib.loads((problem / "problem.toml").read_text())
        optimal = [a for a in spec.get("approaches", []) if a.get("optimal")]
        if not optimal:
            continue
        want_time = parse_big_o(optimal[0]["time"])
        want_space = parse_big_o(optimal[0]["space"])
        function = spec.get("signature", {}).get("function")
        for ref in sorted((problem / "solutions").glob("reference.*")):
            report = _bank_report(ref, function)
            assert report.parse_errors == [], (ref, report.parse_errors)
            total += 1
            if want_time is not None and compare(report.time.big_o, want_time) == 0:
                agree += 1
            else:
                misses.append(
                    f"{problem.name}/{ref.name}: {report.time.big_o} vs {optimal[0]['time']}"
                )
            if want_space is not None and compare(report.space.big_o, want_space) == 0:
                space_agree += 1
    print(
        f"\nbank references: time agreement {agree}/{total} ({agree / total:.0%}), "
        f"space agreement {space_agree}/{total} ({space_agree / total:.0%})"
    )
    for miss in misses:
        print("  MISS", miss)
    assert agree / total >= 0.80, misses


def test_bank_brute_forces_are_never_better_than_the_references() -> None:
    for brute in sorted(BANK.glob("*/solutions/brute.*")):
        refs = sorted(brute.parent.glob(f"reference{brute.suffix}"))
        if not refs:
            continue
        slow, fast = _bank_report(brute), _bank_report(refs[0])
        assert compare(slow.time.big_o, fast.time.big_o) >= 0, brute


def test_analysis_is_fast() -> None:
    started = time.process_time()  # CPU time: a loaded machine does not stretch it
    for path, _, _ in LABELLED:
        _analyse_fixture(path)
    assert time.process_time() - started < 3.0
