"""Candidate code for tests/test_harness.py, written as on LeetCode for each language."""

from __future__ import annotations

from typing import Any

from harness_support import sig

from sandbox.spec import Signature

LANGS = ("python", "javascript", "java", "cpp", "go")

# ---- identity solutions: one per type, to round-trip every type of the grammar ----------------

TYPES = [
    f"{base}{'[]' * dims}"
    for base in ("int", "long", "double", "bool", "string", "char")
    for dims in range(3)
] + ["ListNode", "TreeNode"]

_JAVA = {"long": "long", "bool": "boolean", "string": "String"}  # else the same name
_CPP = {"long": "long long"}
_GO = {"long": "int64", "double": "float64", "char": "byte"}


def _split(t: str) -> tuple[str, int]:
    base = t.replace("[]", "")
    return base, (len(t) - len(base)) // 2


def identity_code(lang: str, t: str) -> str:
    base, dims = _split(t)
    if lang == "python":
        return "class Solution:\n    def identity(self, x):\n        return x\n"
    if lang == "javascript":
        return "var identity = function(x) {\n    return x;\n};\n"
    if lang == "java":
        jt = _JAVA.get(base, base) + "[]" * dims
        return f"class Solution {{\n    public {jt} identity({jt} x) {{ return x; }}\n}}\n"
    if lang == "cpp":
        if base in ("ListNode", "TreeNode"):
            ct = f"{base}*"
            param = f"{ct} x"
        else:
            ct = _CPP.get(base, base)
            for _ in range(dims):
                ct = f"vector<{ct}>"
            param = f"{ct}& x" if dims else f"{ct} x"  # LeetCode passes containers by reference
        return f"class Solution {{\npublic:\n    {ct} identity({param}) {{ return x; }}\n}};\n"
    gt = f"*{base}" if base in ("ListNode", "TreeNode") else "[]" * dims + _GO.get(base, base)
    return f"func identity(x {gt}) {gt} {{\n\treturn x\n}}\n"


def _tree_chain(n: int, side: str) -> list[Any]:
    """Level order of an ``n``-node tree where every node has one child on ``side``."""
    out: list[Any] = [1]
    for v in range(2, n + 1):
        out += [v, None] if side == "left" else [None, v]
    return out


STRINGS = [
    "",
    "hello",
    'quo"te \\ back/slash',
    "héllo ✓ 😀 日本",
    "line\nnext\ttab\r",
    "\u0001\u007f",
]
DOUBLES = [0.0, -1.5, 0.1, 1e-7, 12345.678, 1e300, -2.5e-300, 3.0, "NaN", "Infinity", "-Infinity"]
LONGS = [0, -1, 2**31, -(2**31) - 1, 2**40 + 7, -(2**53)]
SCALAR_VALUES: dict[str, list[Any]] = {
    "int": [0, -5, 2147483647, -2147483648],
    "long": LONGS,
    "double": DOUBLES,
    "bool": [True, False],
    "string": STRINGS,
    "char": ["a", "Z", "0", " ", '"', "\\"],
}


def identity_values(t: str, lang: str) -> list[Any]:
    """Test values for type ``t``: edge cases, empty arrays, nulls, deep shapes."""
    base, dims = _split(t)
    if base == "ListNode":
        return [[], [1], [1, 2, 3], [-5, 0, 7], list(range(100_000))]
    if base == "TreeNode":
        return [
            [],
            [1],
            [3, 9, 20, None, None, 15, 7],
            [1, None, 2, 3],
            [5, 4, 8, 11, None, 13, 4, 7, 2, None, None, None, 1],
            [-1, -2, -3, -4, -5, -6, -7],
            _tree_chain(20_000, "right"),
        ]
    scalars = list(SCALAR_VALUES[base])
    if base == "long" and lang != "javascript":
        scalars += [2**62 + 1, -(2**63)]  # JS numbers hold longs only up to 2^53
    if dims == 0:
        return scalars
    if dims == 1:
        return [[], scalars[:1], scalars]
    return [[], [[]], [scalars[:2], [], scalars], [[scalars[-1]]]]


# ---- LeetCode problems: the exact signatures ---------------------------------------------------

LEETCODE: dict[str, Signature] = {
    "twoSum": sig("twoSum", [("nums", "int[]"), ("target", "int")], "int[]"),
    "isValid": sig("isValid", [("s", "string")], "bool"),
    "reverseList": sig("reverseList", [("head", "ListNode")], "ListNode"),
    "maxDepth": sig("maxDepth", [("root", "TreeNode")], "int"),
    "numIslands": sig("numIslands", [("grid", "char[][]")], "int"),
    "merge": sig("merge", [("intervals", "int[][]")], "int[][]"),
}

GRID = [
    ["1", "1", "0", "0", "0"],
    ["1", "1", "0", "0", "0"],
    ["0", "0", "1", "0", "0"],
    ["0", "0", "0", "1", "1"],
]
LEETCODE_CASES: dict[str, list[tuple[list[Any], Any]]] = {
    "twoSum": [
        ([[2, 7, 11, 15], 9], [0, 1]),
        ([[3, 2, 4], 6], [1, 2]),
        ([[-3, 4, 3, 90], 0], [0, 2]),
    ],
    "isValid": [
        (["()"], True),
        (["()[]{}"], True),
        (["(]"], False),
        ([""], True),
        (["([)]"], False),
    ],
    "reverseList": [([[1, 2, 3, 4, 5]], [5, 4, 3, 2, 1]), ([[1, 2]], [2, 1]), ([[]], [])],
    "maxDepth": [([[3, 9, 20, None, None, 15, 7]], 3), ([[1, None, 2]], 2), ([[]], 0)],
    "numIslands": [([GRID], 3), ([[["1", "1", "1"], ["0", "1", "0"]]], 1), ([[["0"]]], 0)],
    "merge": [
        ([[[1, 3], [2, 6], [8, 10], [15, 18]]], [[1, 6], [8, 10], [15, 18]]),
        ([[[1, 4], [4, 5]]], [[1, 5]]),
        ([[[4, 7], [1, 4]]], [[1, 7]]),
    ],
}
DEEP_TREE = _tree_chain(100_000, "left")

SOLUTIONS: dict[str, dict[str, str]] = {
    "python": {
        "twoSum": """class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen: Dict[int, int] = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
""",
        "isValid": """class Solution:
    def isValid(self, s: str) -> bool:
        stack = deque()
        pairs = {")": "(", "]": "[", "}": "{"}
        for c in s:
            if c in pairs:
                if not stack or stack.pop() != pairs[c]:
                    return False
            else:
                stack.append(c)
        return not stack
""",
        "reverseList": """# Definition for singly-linked list.
# class ListNode:
#     def __init__(self, val=0, next=None):
#         self.val = val
#         self.next = next
class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        prev = None
        while head:
            head.next, prev, head = prev, head, head.next
        return prev
""",
        "maxDepth": """class Solution:
    def maxDepth(self, root: Optional[TreeNode]) -> int:
        if not root:
            return 0
        return 1 + max(self.maxDepth(root.left), self.maxDepth(root.right))
""",
        "numIslands": """class Solution:
    def numIslands(self, grid: List[List[str]]) -> int:
        m, n = len(grid), len(grid[0])

        def sink(i: int, j: int) -> None:
            if 0 <= i < m and 0 <= j < n and grid[i][j] == "1":
                grid[i][j] = "0"
                for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    sink(i + di, j + dj)

        count = 0
        for i in range(m):
            for j in range(n):
                if grid[i][j] == "1":
                    count += 1
                    sink(i, j)
        return count
""",
        "merge": """class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        out = []
        for start, end in sorted(intervals):
            if out and start <= out[-1][1]:
                out[-1][1] = max(out[-1][1], end)
            else:
                out.append([start, end])
        return out
""",
    },
    "javascript": {
        "twoSum": """/**
 * @param {number[]} nums
 * @param {number} target
 * @return {number[]}
 */
var twoSum = function(nums, target) {
    const seen = new Map();
    for (let i = 0; i < nums.length; i++) {
        if (seen.has(target - nums[i])) return [seen.get(target - nums[i]), i];
        seen.set(nums[i], i);
    }
    return [];
};
""",
        "isValid": """function isValid(s) {
    const stack = [];
    const pairs = {')': '(', ']': '[', '}': '{'};
    for (const c of s) {
        if (c in pairs) {
            if (stack.pop() !== pairs[c]) return false;
        } else {
            stack.push(c);
        }
    }
    return stack.length === 0;
}
""",
        "reverseList": """/**
 * Definition for singly-linked list.
 * function ListNode(val, next) {
 *     this.val = (val===undefined ? 0 : val)
 *     this.next = (next===undefined ? null : next)
 * }
 */
var reverseList = function(head) {
    let prev = null;
    while (head) {
        const next = head.next;
        head.next = prev;
        prev = head;
        head = next;
    }
    return prev;
};
""",
        "maxDepth": """const maxDepth = (root) => {
    if (!root) return 0;
    return 1 + Math.max(maxDepth(root.left), maxDepth(root.right));
};
""",
        "numIslands": """var numIslands = function(grid) {
    const m = grid.length, n = grid[0].length;
    const sink = (i, j) => {
        if (i < 0 || j < 0 || i >= m || j >= n || grid[i][j] !== '1') return;
        grid[i][j] = '0';
        sink(i + 1, j); sink(i - 1, j); sink(i, j + 1); sink(i, j - 1);
    };
    let count = 0;
    for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++)
            if (grid[i][j] === '1') { count++; sink(i, j); }
    return count;
};
""",
        "merge": """var merge = function(intervals) {
    intervals.sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const [s, e] of intervals) {
        if (out.length && s <= out[out.length - 1][1]) {
            out[out.length - 1][1] = Math.max(out[out.length - 1][1], e);
        } else {
            out.push([s, e]);
        }
    }
    return out;
};
""",
    },
    "java": {
        "twoSum": """import java.util.HashMap;

public class Solution {
    public int[] twoSum(int[] nums, int target) {
        HashMap<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < nums.length; i++) {
            Integer j = seen.get(target - nums[i]);
            if (j != null) return new int[] {j, i};
            seen.put(nums[i], i);
        }
        return new int[0];
    }
}
""",
        "isValid": """class Solution {
    public boolean isValid(String s) {
        Deque<Character> stack = new ArrayDeque<>();
        for (char c : s.toCharArray()) {
            if (c == '(') stack.push(')');
            else if (c == '[') stack.push(']');
            else if (c == '{') stack.push('}');
            else if (stack.isEmpty() || stack.pop() != c) return false;
        }
        return stack.isEmpty();
    }
}
""",
        "reverseList": """/**
 * Definition for singly-linked list.
 * public class ListNode {
 *     int val;
 *     ListNode next;
 *     ListNode() {}
 *     ListNode(int val) { this.val = val; }
 *     ListNode(int val, ListNode next) { this.val = val; this.next = next; }
 * }
 */
class Solution {
    public ListNode reverseList(ListNode head) {
        ListNode prev = null;
        while (head != null) {
            ListNode next = head.next;
            head.next = prev;
            prev = head;
            head = next;
        }
        return prev;
    }
}
""",
        "maxDepth": """class Solution {
    public int maxDepth(TreeNode root) {
        if (root == null) return 0;
        return 1 + Math.max(maxDepth(root.left), maxDepth(root.right));
    }
}
""",
        "numIslands": """class Solution {
    public int numIslands(char[][] grid) {
        int count = 0;
        for (int i = 0; i < grid.length; i++)
            for (int j = 0; j < grid[0].length; j++)
                if (grid[i][j] == '1') { count++; sink(grid, i, j); }
        return count;
    }

    private void sink(char[][] g, int i, int j) {
        if (i < 0 || j < 0 || i >= g.length || j >= g[0].length || g[i][j] != '1') return;
        g[i][j] = '0';
        sink(g, i + 1, j); sink(g, i - 1, j); sink(g, i, j + 1); sink(g, i, j - 1);
    }
}
""",
        "merge": """class Solution {
    public int[][] merge(int[][] intervals) {
        Arrays.sort(intervals, (a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] iv : intervals) {
            if (!out.isEmpty() && iv[0] <= out.get(out.size() - 1)[1]) {
                out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], iv[1]);
            } else {
                out.add(iv);
            }
        }
        return out.toArray(new int[out.size()][]);
    }
}
""",
    },
    "cpp": {
        "twoSum": """class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        unordered_map<int, int> seen;
        for (int i = 0; i < (int)nums.size(); i++) {
            auto it = seen.find(target - nums[i]);
            if (it != seen.end()) return {it->second, i};
            seen[nums[i]] = i;
        }
        return {};
    }
};
""",
        "isValid": """class Solution {
public:
    bool isValid(string s) {
        stack<char> st;
        for (char c : s) {
            if (c == '(' || c == '[' || c == '{') { st.push(c); continue; }
            if (st.empty()) return false;
            char t = st.top();
            st.pop();
            if ((c == ')') != (t == '(') || (c == ']') != (t == '[')) return false;
        }
        return st.empty();
    }
};
""",
        "reverseList": """/**
 * Definition for singly-linked list.
 * struct ListNode {
 *     int val;
 *     ListNode *next;
 *     ListNode() : val(0), next(nullptr) {}
 *     ListNode(int x) : val(x), next(nullptr) {}
 *     ListNode(int x, ListNode *next) : val(x), next(next) {}
 * };
 */
class Solution {
public:
    ListNode* reverseList(ListNode* head) {
        ListNode* prev = nullptr;
        while (head) {
            ListNode* next = head->next;
            head->next = prev;
            prev = head;
            head = next;
        }
        return prev;
    }
};
""",
        "maxDepth": """class Solution {
public:
    int maxDepth(TreeNode* root) {
        if (!root) return 0;
        return 1 + max(maxDepth(root->left), maxDepth(root->right));
    }
};
""",
        "numIslands": """class Solution {
public:
    int numIslands(vector<vector<char>>& grid) {
        int count = 0;
        for (int i = 0; i < (int)grid.size(); i++)
            for (int j = 0; j < (int)grid[0].size(); j++)
                if (grid[i][j] == '1') { count++; sink(grid, i, j); }
        return count;
    }
private:
    void sink(vector<vector<char>>& g, int i, int j) {
        if (i < 0 || j < 0 || i >= (int)g.size() || j >= (int)g[0].size() || g[i][j] != '1') return;
        g[i][j] = '0';
        sink(g, i + 1, j); sink(g, i - 1, j); sink(g, i, j + 1); sink(g, i, j - 1);
    }
};
""",
        "merge": """class Solution {
public:
    vector<vector<int>> merge(vector<vector<int>>& intervals) {
        sort(intervals.begin(), intervals.end());
        vector<vector<int>> out;
        for (auto& iv : intervals) {
            if (!out.empty() && iv[0] <= out.back()[1]) out.back()[1] = max(out.back()[1], iv[1]);
            else out.push_back(iv);
        }
        return out;
    }
};
""",
    },
    "go": {
        "twoSum": """func twoSum(nums []int, target int) []int {
    seen := map[int]int{}
    for i, x := range nums {
        if j, ok := seen[target-x]; ok {
            return []int{j, i}
        }
        seen[x] = i
    }
    return nil
}
""",
        "isValid": """func isValid(s string) bool {
    stack := []rune{}
    pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
    for _, c := range s {
        if open, ok := pairs[c]; ok {
            if len(stack) == 0 || stack[len(stack)-1] != open {
                return false
            }
            stack = stack[:len(stack)-1]
        } else {
            stack = append(stack, c)
        }
    }
    return len(stack) == 0
}
""",
        "reverseList": """/**
 * Definition for singly-linked list.
 * type ListNode struct {
 *     Val int
 *     Next *ListNode
 * }
 */
func reverseList(head *ListNode) *ListNode {
    var prev *ListNode
    for head != nil {
        head.Next, prev, head = prev, head, head.Next
    }
    return prev
}
""",
        "maxDepth": """func max(a, b int) int {
    if a > b {
        return a
    }
    return b
}

func maxDepth(root *TreeNode) int {
    if root == nil {
        return 0
    }
    return 1 + max(maxDepth(root.Left), maxDepth(root.Right))
}
""",
        "numIslands": """func numIslands(grid [][]byte) int {
    var sink func(i, j int)
    sink = func(i, j int) {
        if i < 0 || j < 0 || i >= len(grid) || j >= len(grid[0]) || grid[i][j] != '1' {
            return
        }
        grid[i][j] = '0'
        sink(i+1, j)
        sink(i-1, j)
        sink(i, j+1)
        sink(i, j-1)
    }
    count := 0
    for i := range grid {
        for j := range grid[i] {
            if grid[i][j] == '1' {
                count++
                sink(i, j)
            }
        }
    }
    return count
}
""",
        "merge": """func merge(intervals [][]int) [][]int {
    sort.Slice(intervals, func(a, b int) bool { return intervals[a][0] < intervals[b][0] })
    out := [][]int{}
    for _, iv := range intervals {
        if n := len(out); n > 0 && iv[0] <= out[n-1][1] {
            if iv[1] > out[n-1][1] {
                out[n-1][1] = iv[1]
            }
        } else {
            out = append(out, iv)
        }
    }
    return out
}
""",
    },
}

# ---- behaviour programs ------------------------------------------------------------------------

REVERSE_STRING = sig("reverseString", [("s", "char[]")], "void", inplace="s")
INPLACE: dict[str, str] = {
    "python": """class Solution:
    def reverseString(self, s: List[str]) -> None:
        \"\"\"Do not return anything, modify s in-place instead.\"\"\"
        s[:] = s[::-1]
""",
    "javascript": "var reverseString = function(s) {\n    s.reverse();\n};\n",
    "java": """class Solution {
    public void reverseString(char[] s) {
        for (int i = 0, j = s.length - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
    }
}
""",
    "cpp": """class Solution {
public:
    void reverseString(vector<char>& s) {
        reverse(s.begin(), s.end());
    }
};
""",
    "go": """func reverseString(s []byte) {
    for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
        s[i], s[j] = s[j], s[i]
    }
}
""",
}

DIVIDE = sig("divide", [("a", "int"), ("b", "int")], "int")
# (code, candidate line of the innermost frame, text the error must contain); line None: C++
# exceptions carry no line.
EXCEPTIONS: dict[str, tuple[str, int | None, str]] = {
    "python": (
        """class Solution:
    def divide(self, a: int, b: int) -> int:
        return self.helper(a, b)

    def helper(self, a: int, b: int) -> int:
        return a // b
""",
        6,
        "ZeroDivisionError",
    ),
    "javascript": (
        """var helper = function(a, b) {
    if (b === 0) throw new RangeError("division by zero");
    return Math.trunc(a / b);
};
var divide = function(a, b) {
    return helper(a, b);
};
""",
        2,
        "RangeError: division by zero",
    ),
    "java": (
        """class Solution {
    public int divide(int a, int b) {
        return helper(a, b);
    }

    private int helper(int a, int b) {
        return a / b;
    }
}
""",
        7,
        "java.lang.ArithmeticException: / by zero",
    ),
    "cpp": (
        """class Solution {
public:
    int divide(int a, int b) {
        if (b == 0) throw invalid_argument("division by zero");
        return a / b;
    }
};
""",
        None,
        "std::invalid_argument: division by zero",
    ),
    "go": (
        """func helper(a, b int) int {
    return a / b
}

func divide(a int, b int) int {
    return helper(a, b)
}
""",
        2,
        "integer divide by zero",
    ),
}

ECHO = sig("echo", [("x", "int")], "int")
FAKE_LINE = '{"i": 0, "ok": true, "out": 999}'
FAKE_QUOTED = FAKE_LINE.replace('"', '\\"')  # inside a Java/C++ string literal
PRINTS: dict[str, str] = {
    "python": f"""class Solution:
    def echo(self, x: int) -> int:
        print(f"case {{x}}")
        print('{FAKE_LINE}')
        print("no newline", end="")
        return x
""",
    "javascript": f"""var echo = function(x) {{
    console.log(`case ${{x}}`);
    console.log('{FAKE_LINE}');
    process.stdout.write("no newline");
    return x;
}};
""",
    "java": f"""class Solution {{
    public int echo(int x) {{
        System.out.println("case " + x);
        System.out.println("{FAKE_QUOTED}");
        System.out.print("no newline");
        return x;
    }}
}}
""",
    "cpp": f"""class Solution {{
public:
    int echo(int x) {{
        printf("case %d\\n", x);
        cout << "{FAKE_QUOTED}" << endl;
        cout << "no newline";
        return x;
    }}
}};
""",
    "go": f"""func echo(x int) int {{
    fmt.Printf("case %d\\n", x)
    fmt.Println(`{FAKE_LINE}`)
    fmt.Print("no newline")
    return x
}}
""",
}

# (code with an error, the candidate line it is on, the compiler's words)
COMPILE_ERRORS: dict[str, tuple[str, int, str]] = {
    "python": ("class Solution:\n    def echo(self, x):\n        return x +\n", 3, "SyntaxError"),
    "javascript": ("var echo = function(x) {\n    return x +;\n};\n", 2, "SyntaxError"),
    "java": (
        "class Solution {\n    public int echo(int x) {\n        return y;\n    }\n}\n",
        3,
        "cannot find symbol",
    ),
    "cpp": (
        "class Solution {\npublic:\n    int echo(int x) {\n        return y;\n    }\n};\n",
        4,
        "use of undeclared identifier 'y'",  # clang's wording
    ),
    "go": ("func echo(x int) int {\n    return y\n}\n", 2, "undefined: y"),
}

PROGRAMS: dict[str, dict[str, tuple[Signature, str]]] = {
    lang: {
        **{
            f"identity:{t}": (sig("identity", [("x", t)], t), identity_code(lang, t)) for t in TYPES
        },
        **{name: (LEETCODE[name], code) for name, code in SOLUTIONS[lang].items()},
        "inplace": (REVERSE_STRING, INPLACE[lang]),
        "exception": (DIVIDE, EXCEPTIONS[lang][0]),
        "prints": (ECHO, PRINTS[lang]),
        **(
            {"compile_error": (ECHO, COMPILE_ERRORS[lang][0])}
            if lang in ("java", "cpp", "go")
            else {}
        ),
    }
    for lang in LANGS
}
