"""Issue 11: accepted LeetCode solutions pass unchanged, in the real sandbox.

Each test pastes code the way LeetCode accepts it (its toolchain versions, its implicit imports,
its node classes in either constructor style) and runs it through ``sandbox.runner.run`` with the
default isolation backend and the session's shared build cache.
"""

from __future__ import annotations

from typing import Any

from sandbox.runner import run
from sandbox.spec import Limits, Param, RunRequest, RunResult, Signature, TestCase, Verdict


def sig(function: str, params: list[tuple[str, str]], returns: str) -> Signature:
    return Signature(
        function=function, params=tuple(Param(name=n, type=t) for n, t in params), returns=returns
    )


def judge(
    lang: str, code: str, signature: Signature, cases: list[tuple[list[Any], Any]], **limits: int
) -> RunResult:
    tests = [TestCase(args=args, expected=expected) for args, expected in cases]
    limits = {"time_ms": 2000, **limits}
    request = RunRequest(
        language=lang, code=code, signature=signature, tests=tests, limits=Limits(**limits)
    )
    return run(request)


def accepted(result: RunResult) -> None:
    assert result.verdict is Verdict.AC, result.compile_output or [
        (t.verdict, t.actual, t.stderr) for t in result.tests
    ]


# ---- item 1: Go >= 1.21 ------------------------------------------------------------------------

GO_121 = """
func maxSubArray(nums []int) int {
	best, cur := nums[0], 0
	for _, x := range nums {
		cur = max(cur+x, x) // Go 1.21 builtins
		best = max(best, cur)
	}
	s := slices.Clone(nums) // Go 1.21 package, auto-imported like sort
	slices.Sort(s)
	return min(best, sum(s))
}

func sum[T int | int64](xs []T) T { // generics
	var t T
	for _, x := range xs {
		t += x
	}
	return max(t, t)
}
"""


def test_go_has_the_1_21_builtins_packages_and_generics() -> None:
    signature = sig("maxSubArray", [("nums", "int[]")], "int")
    r = judge("go", GO_121, signature, [([[-2, 1, -3, 4, -1, 2, 1, -5, 4]], 1), ([[1, 2]], 3)])
    accepted(r)


# ---- item 2: C++23 with clang, LeetCode's implicit context -------------------------------------

CPP_23 = """#include <bits/stdc++.h>
using namespace std;

class Solution {
public:
    vector<int> features(vector<int>& nums) {
        unordered_map<int, int> seen;
        for (int x : nums) seen[x]++;
        int dup = 0;
        for (auto& [value, count] : seen) dup += count > 1;  // structured bindings
        vector<int> sorted = nums;
        ranges::sort(sorted);                                // ranges
        auto fib = [&](this auto&& self, int k) -> int {     // C++23 deducing this
            return k < 2 ? k : self(k - 1) + self(k - 2);
        };
        return {seen.contains(7),                            // C++20 contains
                popcount(static_cast<unsigned>(nums.size())),// <bit>
                dup, sorted.front(), fib(10), __lg(8)};      // GNU extension as on LeetCode
    }
};
"""


def test_cpp_is_cxx23_with_libstdcxx_and_the_gnu_extensions() -> None:
    signature = sig("features", [("nums", "int[]")], "int[]")
    r = judge("cpp", CPP_23, signature, [([[7, 3, 3, 1, 9, 2, 5]], [1, 3, 1, 1, 55, 3])])
    accepted(r)
