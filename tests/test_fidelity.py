"""Issue 11: accepted LeetCode solutions pass unchanged, in the real sandbox.

Each test pastes code the way LeetCode accepts it (its toolchain versions, its implicit imports,
its node classes in either constructor style) and runs it through ``sandbox.runner.run`` with the
default isolation backend and the session's shared build cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from typing import Any

import pytest

from sandbox.languages import python
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_cpp_is_cxx23_with_libstdcxx_and_the_gnu_extensions() -> None:
    signature = sig("features", [("nums", "int[]")], "int[]")
    r = judge("cpp", CPP_23, signature, [([[7, 3, 3, 1, 9, 2, 5]], [1, 3, 1, 1, 55, 3])])
    accepted(r)


# ---- item 3: LeetCode's implicit imports -------------------------------------------------------

# LeetCode's Python 3 globals (python_driver.PRELUDE cites the source): wildcard imports of these
# modules, the modules themselves, then these winners where two export the same name.
PY_WILDCARD = ("string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math",
               "random", "statistics", "itertools", "functools", "operator", "io", "json",
               "builtins", "typing")  # fmt: skip
PY_MODULES = ("bisect", "collections", "copy", "datetime", "functools", "heapq", "io",
              "itertools", "json", "math", "operator", "os", "random", "re", "statistics",
              "string", "sys")  # fmt: skip
PY_SYS_NAMES = ("setrecursionlimit", "maxsize", "stdin", "stdout", "stderr", "getsizeof", "argv")
PY_WINNERS = {
    "sub": "operator.sub",  # not re.sub
    "pow": "builtins.pow",  # pow(b, e, mod), not math.pow
    "compile": "builtins.compile",
    "abs": "builtins.abs",
    "exit": "builtins.exit",
    "Counter": "typing.Counter",
    "time": "datetime.time",
    "datetime": "datetime",
    "bisect": "bisect",
    "random": "random",
    "copy": "copy",
    "xor": "operator.xor",
    "inf": "math.inf",
    "e": "math.e",
    "List": "typing.List",
    "deque": "collections.deque",
    "accumulate": "itertools.accumulate",
    "cache": "functools.cache",
    "ascii_lowercase": "string.ascii_lowercase",
}

PY_PROBE = """
class Solution:
    def probe(self, names: List[str], winners: List[str]) -> List[str]:
        import builtins, collections, datetime, functools, itertools, math, operator, string
        import typing
        wrong = [n for n in names if n not in globals()]
        for pair in winners:
            name, expr = pair.split("=")
            if globals().get(name) is not eval(expr):
                wrong.append(pair)
        return wrong
"""


def _exported(modules: tuple[str, ...]) -> set[str]:
    """What `from M import *` binds, for each M, on the sandbox's interpreter (not this venv's)."""
    script = (
        "import importlib, json, sys\nout = set()\nfor m in sys.argv[1:]:\n"
        "    mod = importlib.import_module(m)\n"
        "    names = getattr(mod, '__all__', None) or list(vars(mod))\n"
        "    out.update(n for n in names if not n.startswith('_'))\n"
        "print(json.dumps(sorted(out)))\n"
    )
    proc = subprocess.run(
        [python.INTERPRETER, *python.FLAGS, "-c", script, *modules],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(json.loads(proc.stdout))


def test_python_has_every_name_leetcode_pre_imports() -> None:
    names = sorted(_exported(PY_WILDCARD) | set(PY_MODULES))
    names += PY_SYS_NAMES
    winners = [f"{k}={v}" for k, v in PY_WINNERS.items()]
    signature = sig("probe", [("names", "string[]"), ("winners", "string[]")], "string[]")
    r = judge("python", PY_PROBE, signature, [([names, winners], [])])
    accepted(r)
    assert len(names) > 500  # every public name of those modules, not a sample


def test_python_sortedcontainers_imports_as_on_leetcode() -> None:
    code = (
        "from sortedcontainers import SortedList\n\nclass Solution:\n"
        "    def kth(self, nums: List[int], k: int) -> int:\n"
        "        s = SortedList(nums)\n        return s[k] + bisect_left([1, 2], 2)\n"
    )
    signature = sig("kth", [("nums", "int[]"), ("k", "int")], "int")
    accepted(judge("python", code, signature, [([[5, 1, 4], 1], 5)]))


def test_python_numpy_imports_as_on_leetcode() -> None:
    # Matrix power for Fibonacci-like recurrences is a common accepted answer.
    code = (
        "import numpy as np\n\nclass Solution:\n"
        "    def climbStairs(self, n: int) -> int:\n"
        "        m = np.matrix([[1, 1], [1, 0]], dtype=object)\n"
        "        return int((m ** n)[0, 0])\n"
    )
    signature = sig("climbStairs", [("n", "int")], "int")
    accepted(judge("python", code, signature, [([2], 2), ([10], 89), ([45], 1836311903)]))


JAVA_IMPORTS = """
class Solution {
    public int[] pairs(int[] nums) {
        PriorityQueue<Pair<Integer, Integer>> pq =
            new PriorityQueue<>((a, b) -> a.getValue() - b.getValue());       // javafx.util.Pair
        for (int i = 0; i < nums.length; i++) pq.offer(new Pair<>(i, nums[i]));
        Map<Integer, Long> counts = Arrays.stream(nums).boxed()              // java.util.stream
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        AtomicInteger seen = new AtomicInteger(counts.size());              // concurrent.atomic
        BigInteger big = BigInteger.valueOf(nums.length).pow(20);            // java.math
        boolean same = new Pair<>(1, "a").equals(new Pair<>(1, "a"));
        return new int[] {pq.poll().getKey(), seen.get(), big.bitLength(), same ? 1 : 0};
    }
}
"""


@pytest.mark.slow
def test_java_has_leetcodes_imports_and_javafx_pair() -> None:
    signature = sig("pairs", [("nums", "int[]")], "int[]")
    r = judge("java", JAVA_IMPORTS, signature, [([[4, 1, 4, 2]], [1, 3, 41, 1])])
    accepted(r)


@pytest.mark.slow
def test_java_candidates_own_pair_class_wins() -> None:
    code = (
        "class Pair { int a, b; Pair(int a, int b) { this.a = a; this.b = b; } }\n"
        "class Solution {\n    public int sum(int x) {\n"
        "        Pair p = new Pair(x, 2);\n        return p.a + p.b;\n    }\n}\n"
    )
    accepted(judge("java", code, sig("sum", [("x", "int")], "int"), [([1], 3)]))


JS_LIBRARIES = """
var lastStoneWeight = function(stones) {
    const pq = new MaxPriorityQueue();                 // @datastructures-js/priority-queue 5.4.0
    for (const s of stones) pq.enqueue(s);
    while (pq.size() > 1) {
        const a = pq.dequeue().element;                // v5: dequeue() is {priority, element}
        const b = pq.dequeue().element;
        if (a !== b) pq.enqueue(a - b);
    }
    const q = new Queue([1, 2]);                       // @datastructures-js/queue
    q.enqueue(3);
    const mins = new MinPriorityQueue({ priority: (x) => x.w });
    mins.enqueue({ w: 5 }); mins.enqueue({ w: 2 });
    return (pq.isEmpty() ? 0 : pq.front().element) + _.sum([q.dequeue(), mins.front().element.w]);
};
"""


def test_javascript_has_leetcodes_queues_and_lodash() -> None:
    signature = sig("lastStoneWeight", [("stones", "int[]")], "int")
    accepted(judge("javascript", JS_LIBRARIES, signature, [([[2, 7, 4, 1, 8, 1]], 4)]))


def test_javascript_libraries_installed_under_the_hosts_tmp_are_visible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A checkout (and its venv) under /tmp, as a CI clone may be: the sandbox's own /tmp must
    # not hide a toolchain bind that lives under the host's /tmp. (pytest's tmp_path is private
    # to root; a clone's directories are world-readable, as this one is.)
    from sandbox.languages.javascript import libraries_dir

    top = tempfile.mkdtemp(prefix="coach-clone-", dir="/tmp")
    try:
        os.chmod(top, 0o755)
        copy = os.path.join(top, "node_modules")
        shutil.copytree(libraries_dir(), copy, symlinks=True)
        monkeypatch.setenv("COACH_JS_LIBS", copy)
        signature = sig("lastStoneWeight", [("stones", "int[]")], "int")
        accepted(judge("javascript", JS_LIBRARIES, signature, [([[2, 7, 4, 1, 8, 1]], 4)]))
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_javascript_candidates_own_queue_and_underscore_win() -> None:
    code = (
        "class Queue { constructor() { this.n = 40; } }\nvar _ = 2;\n"
        "function f(x) { return new Queue().n + _ + x; }\n"
    )
    accepted(judge("javascript", code, sig("f", [("x", "int")], "int"), [([0], 42)]))


def test_javascript_without_the_libraries_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("COACH_JS_LIBS", str(tmp_path / "none"))
    code = "var f = function(x) { return typeof Deque === 'undefined' ? x : -1; };\n"
    r = judge("javascript", code, sig("f", [("x", "int")], "int"), [([3], 3)])
    accepted(r)
    assert "Deque is unavailable: @datastructures-js/deque is not installed" in r.tests[0].stderr


# ---- item 4: ListNode/TreeNode with any constructor, or none -----------------------------------

# combine(head, root): the list reversed, then one node holding the tree's size. Each language in
# each style of node definition: LeetCode's template left commented out (the driver defines them),
# the classic one-argument constructor, and other ways people write them.
NODE_SIG = sig("combine", [("head", "ListNode"), ("root", "TreeNode")], "ListNode")
NODE_CASES: list[tuple[list[Any], Any]] = [
    ([[1, 2, 3], [4, None, 5, 6]], [3, 2, 1, 3]),
    ([[], []], [0]),
    ([[7], [1, 2, 3, 4, 5, 6, 7]], [7, 7]),
]

PY_NODES = {
    "template": (
        "# class ListNode:\n#     def __init__(self, val=0, next=None):\n#         ...\n"
        "def make(v):\n    return ListNode(v)\n"
    ),
    "one-argument": (
        "class ListNode:\n    def __init__(self, x):\n"
        "        self.val = x\n        self.next = None\n\n"
        "class TreeNode:\n    def __init__(self, x):\n        self.val = x\n"
        "        self.left = None\n        self.right = None\n\n"
        "def make(v):\n    return ListNode(v)\n"
    ),
    "slots, keyword-only": (
        "class ListNode:\n    __slots__ = ('val', 'next')\n\n"
        "    def __init__(self, *, val, next=None):\n        self.val, self.next = val, next\n\n"
        "def make(v):\n    return ListNode(val=v)\n"
    ),
}
PY_COMBINE = """
class Solution:
    def combine(self, head, root):
        def size(t):
            return 0 if t is None else 1 + size(t.left) + size(t.right)
        prev = None
        while head:
            head.next, prev, head = prev, head, head.next
        node = make(size(root))
        if prev is None:
            return node
        tail = prev
        while tail.next:
            tail = tail.next
        tail.next = node
        return prev
"""

JAVA_NODES = {
    "template": "/**\n * public class ListNode { int val; ListNode next; ... }\n */\n",
    "one-argument": (
        "class ListNode {\n    int val;\n    ListNode next;\n    ListNode(int x) { val = x; }\n}\n"
        "class TreeNode {\n    int val;\n    TreeNode left;\n    TreeNode right;\n"
        "    TreeNode(int x) { val = x; }\n}\n"
    ),
}
JAVA_COMBINE = """
class Solution {
    int size(TreeNode t) { return t == null ? 0 : 1 + size(t.left) + size(t.right); }
    public ListNode combine(ListNode head, TreeNode root) {
        ListNode prev = null;
        while (head != null) {
            ListNode next = head.next;
            head.next = prev;
            prev = head;
            head = next;
        }
        ListNode node = new ListNode(size(root));
        if (prev == null) return node;
        ListNode tail = prev;
        while (tail.next != null) tail = tail.next;
        tail.next = node;
        return prev;
    }
}
"""

CPP_NODES = {
    "template": "/**\n * struct ListNode { int val; ListNode *next; ... };\n */\n",
    "one-argument": (
        "struct ListNode {\n    int val;\n    ListNode *next;\n"
        "    ListNode(int x) : val(x), next(NULL) {}\n};\n"
        "struct TreeNode {\n    int val;\n    TreeNode *left;\n    TreeNode *right;\n"
        "    TreeNode(int x) : val(x) {}  // children left uninitialised\n};\n"
    ),
    "aggregate": (
        "struct ListNode { int val; ListNode* next; };\n"
        "struct TreeNode { int val; TreeNode* left; TreeNode* right; };\n"
    ),
    "full constructors only": (
        "struct ListNode {\n    int val;\n    ListNode* next;\n"
        "    ListNode(int v, ListNode* n = nullptr) : val(v), next(n) {}\n};\n"
        "struct TreeNode {\n    int val;\n    TreeNode *left, *right;\n"
        "    TreeNode(int v, TreeNode* l, TreeNode* r) : val(v), left(l), right(r) {}\n};\n"
    ),
}
CPP_COMBINE = """
class Solution {
    int size(TreeNode* t) { return t ? 1 + size(t->left) + size(t->right) : 0; }
public:
    ListNode* combine(ListNode* head, TreeNode* root) {
        ListNode* prev = nullptr;
        while (head) { ListNode* next = head->next; head->next = prev; prev = head; head = next; }
        ListNode* node = new ListNode(size(root));  // C++20: also an aggregate
        if (!prev) return node;
        ListNode* tail = prev;
        while (tail->next) tail = tail->next;
        tail->next = node;
        return prev;
    }
};
"""

JS_NODES = {
    "template": "/**\n * function ListNode(val, next) { ... }\n */\n",
    "one-argument": (
        "function ListNode(val) {\n    this.val = val;\n    this.next = null;\n}\n"
        "class TreeNode {\n    constructor(val) {\n        this.val = val;\n"
        "        this.left = this.right = null;\n    }\n}\n"
    ),
}
JS_COMBINE = """
var combine = function(head, root) {
    const size = (t) => (t ? 1 + size(t.left) + size(t.right) : 0);
    let prev = null;
    while (head) { const next = head.next; head.next = prev; prev = head; head = next; }
    const node = new ListNode(size(root));
    if (node.next === undefined) node.next = null;
    if (!prev) return node;
    let tail = prev;
    while (tail.next) tail = tail.next;
    tail.next = node;
    return prev;
};
"""

GO_NODES = {
    "template": "/**\n * type ListNode struct { Val int; Next *ListNode }\n */\n",
    "own": "type ListNode struct {\n\tNext *ListNode\n\tVal  int\n}\n",
}
GO_COMBINE = """
func size(t *TreeNode) int {
	if t == nil {
		return 0
	}
	return 1 + size(t.Left) + size(t.Right)
}

func combine(head *ListNode, root *TreeNode) *ListNode {
	var prev *ListNode
	for head != nil {
		head.Next, prev, head = prev, head, head.Next
	}
	node := &ListNode{Val: size(root)}
	if prev == nil {
		return node
	}
	tail := prev
	for tail.Next != nil {
		tail = tail.Next
	}
	tail.Next = node
	return prev
}
"""

NODE_STYLES = [
    (lang, style, definition + body)
    for lang, styles, body in (
        ("python", PY_NODES, PY_COMBINE),
        ("java", JAVA_NODES, JAVA_COMBINE),
        ("cpp", CPP_NODES, CPP_COMBINE),
        ("javascript", JS_NODES, JS_COMBINE),
        ("go", GO_NODES, GO_COMBINE),
    )
    for style, definition in styles.items()
]


@pytest.mark.parametrize(
    ("lang", "style", "code"),
    NODE_STYLES,
    ids=[f"{lang}-{style}" for lang, style, _ in NODE_STYLES],
)
def test_nodes_are_built_whatever_the_constructor(lang: str, style: str, code: str) -> None:
    accepted(judge(lang, code, NODE_SIG, NODE_CASES))


# ---- item 5: per-test figures stay true --------------------------------------------------------

SLEEPY = "import time\n\nclass Solution:\n    def f(self, x: int) -> int:\n        time.sleep(60)\n"
BUSY = "class Solution:\n    def f(self, x: int) -> int:\n        while True:\n            x += 1\n"


@pytest.mark.parametrize("code", [SLEEPY, BUSY], ids=["sleeping", "spinning"])
def test_a_tle_test_reports_the_time_it_ran_to(code: str) -> None:
    # Killed by the CPU watchdog or the host's wall-clock deadline: either comes only after the
    # test has used its limit, so that much time is what it ran to, never 0.
    r = judge("python", code, sig("f", [("x", "int")], "int"), [([1], 1), ([2], 2)], time_ms=200)
    assert [t.verdict for t in r.tests] == [Verdict.TLE, Verdict.TLE]
    assert all(t.time_ms >= 200 for t in r.tests), [t.time_ms for t in r.tests]
    assert all(t.memory_kb > 0 for t in r.tests)  # the peak so far, also when the host killed it
    assert all("time limit exceeded" in t.stderr for t in r.tests)


@pytest.mark.slow  # compiles
def test_a_compile_error_shows_the_message_and_the_inputs_on_every_test() -> None:
    code = "class Solution {\npublic:\n    int f(int x) { return y; }\n};\n"
    tests = [TestCase(args=[1], expected=1), TestCase(args=[2], expected=2, hidden=True),
             TestCase(args=[3], expected=3, hidden=True)]  # fmt: skip
    request = RunRequest(language="cpp", code=code, signature=sig("f", [("x", "int")], "int"),
                         tests=tests)  # fmt: skip
    r = run(request)
    assert r.verdict is Verdict.CE and "solution.cpp:3:" in r.compile_output
    first, hidden, other = r.tests
    assert (first.input, first.expected) == ([1], 1)
    assert first.stderr == hidden.stderr == r.compile_output
    assert hidden.input == [2]  # the first failing hidden test is shown, as for any verdict
    assert (other.input, other.stderr) == (None, "")  # the others stay hidden


@pytest.mark.slow  # compiles
def test_coach_run_json_shows_a_compile_error_per_test(coach: Any, tmp_path: Any) -> None:
    source = tmp_path / "broken.go"
    source.write_text("func twoSum(nums []int, target int) []int {\n\treturn y\n}\n")
    proc = coach("run", str(source), "--problem", "two-sum", "--json", timeout=300)
    data = json.loads(proc.stdout)
    assert data["verdict"] == "CE" and "undefined: y" in data["compile_output"]
    assert all(t["input"] is not None and "undefined: y" in t["stderr"] for t in data["tests"])


# ---- tight limits judge the solution, not the runtime's warm-up -------------------------------

JAVA_MISSING = """
class Solution {
    public int missingNumber(int[] nums) {
        Set<Integer> seen = new HashSet<>();
        for (int x : nums) seen.add(x);
        for (int i = 0; ; i++) if (!seen.contains(i)) return i;
    }
}
"""

JAVA_BURNS_FIRST = """
class Solution {
    static boolean warm;
    public int missingNumber(int[] nums) {
        long x = 0;
        if (!warm) { warm = true; for (long i = 0; i < 4_000_000_000L; i++) x += i ^ (x >>> 3); }
        return (int) (x & 0) + nums.length;
    }
}
"""


@pytest.mark.slow
def test_a_java_first_test_is_not_charged_the_jvm_warm_up() -> None:
    # The JVM loads the candidate's classes and JIT-compiles their first calls on compiler
    # threads, all charged to the first test (30-90 ms measured); a 10 ms limit still holds for
    # the solution's own work.
    signature = sig("missingNumber", [("nums", "int[]")], "int")
    cases = [([[3, 0, 1]], 2), ([[0, 1]], 2), ([[1]], 0)]
    accepted(judge("java", JAVA_MISSING, signature, cases, time_ms=10))


JAVA_NEW_PATH_LATER = """
class Solution {
    public int missingNumber(int[] nums) {
        if (nums.length < 3) return nums.length * (nums.length + 1) / 2 - Arrays.stream(nums).sum();
        // the first larger input loads and compiles what the small ones never touched
        Map<Boolean, List<Integer>> parts =
            Arrays.stream(nums).boxed().collect(Collectors.partitioningBy(x -> x % 2 == 0));
        String text = String.format("%s|%s", parts.get(true), parts.get(false))
            + java.time.LocalDate.of(2024, 1, 1).plusDays(nums.length).getDayOfWeek()
            + java.text.NumberFormat.getInstance(Locale.GERMANY).format(1234.5)
            + Arrays.stream(nums).boxed().sorted(Comparator.reverseOrder())
                .map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        int seen = 0;
        for (String token : java.util.regex.Pattern.compile("[^0-9]+").split(text)) seen++;
        java.math.BigInteger n = java.math.BigInteger.valueOf(nums.length);
        int all = n.multiply(n.add(java.math.BigInteger.ONE)).shiftRight(1).intValue();
        return all - Arrays.stream(nums).sum() + (seen > 0 ? 0 : 1);
    }
}
"""


@pytest.mark.slow
def test_a_java_test_that_first_takes_a_new_path_is_not_charged_its_class_loading() -> None:
    # The third test is the first to reach streams' collectors, java.time, text formats and
    # regex: loading and compiling them took 28-35 ms of CPU against a 10 ms limit (TLE before
    # the warm-up allowance became the process's rather than the first test's).
    signature = sig("missingNumber", [("nums", "int[]")], "int")
    cases = [([[0]], 1), ([[1, 0]], 2), ([[3, 0, 1]], 2), ([[3, 0, 1, 2]], 4)]
    accepted(judge("java", JAVA_NEW_PATH_LATER, signature, cases, time_ms=10))


@pytest.mark.slow
def test_the_warm_up_allowance_is_spent_once_per_process() -> None:
    # Every large input burning ~60 ms over a 10 ms limit: the allowance covers the first few
    # at most, then the plain limit judges.
    signature = sig("missingNumber", [("nums", "int[]")], "int")
    cases = [([[0]], 1)] + [([list(range(1, 9))], 0)] * 8
    r = judge("java", JAVA_BURNS_LARGE, signature, cases, time_ms=10)
    assert r.tests[0].verdict is Verdict.AC, [(t.verdict, t.time_ms) for t in r.tests]
    assert r.tests[-1].verdict is Verdict.TLE, [(t.verdict, t.time_ms) for t in r.tests]


JAVA_BURNS_LARGE = """
class Solution {
    public int missingNumber(int[] nums) {
        long x = 0;
        if (nums.length > 1) {
            long end = java.lang.management.ManagementFactory.getThreadMXBean()
                .getCurrentThreadCpuTime() + 60_000_000L;
            while (java.lang.management.ManagementFactory.getThreadMXBean()
                .getCurrentThreadCpuTime() < end) x += 1;
        }
        int s = nums.length * (nums.length + 1) / 2;
        for (int v : nums) s -= v;
        return s + (int) (x & 0);
    }
}
"""


@pytest.mark.slow
def test_the_warm_up_allowance_does_not_hide_a_slow_first_test() -> None:
    signature = sig("missingNumber", [("nums", "int[]")], "int")
    r = judge("java", JAVA_BURNS_FIRST, signature, [([[0]], 1), ([[0, 1]], 2)], time_ms=100)
    assert r.tests[0].verdict is Verdict.TLE, [(t.verdict, t.time_ms) for t in r.tests]
