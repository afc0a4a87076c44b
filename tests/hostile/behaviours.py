"""Candidate solutions of ``int solve(int n)`` (expected: ``2 * n``) with a known behaviour.

Every language puts the body's first line on line 3 of the candidate's code, so a compile error
there must be reported on line 3.
"""

from __future__ import annotations

import textwrap

BODY_LINE = 3

WRAP = {
    "python": "class Solution:\n    def solve(self, n: int) -> int:\n{body}\n",
    "cpp": "class Solution { public:\n    int solve(int n) {\n{body}\n    }\n};\n",
    "java": "class Solution {\n    public int solve(int n) {\n{body}\n    }\n}\n",
    "javascript": "/** @param {number} n */\nvar solve = function(n) {\n{body}\n};\n",
    "go": "// solve doubles n.\nfunc solve(n int) int {\n{body}\n}\n",
}

BODIES: dict[str, dict[str, str]] = {
    "AC": {
        "python": "return n * 2",
        "cpp": "return n * 2;",
        "java": "return n * 2;",
        "javascript": "return n * 2;",
        "go": "return n * 2",
    },
    "WA": {
        "python": "return n * 2 + 1",
        "cpp": "return n * 2 + 1;",
        "java": "return n * 2 + 1;",
        "javascript": "return n * 2 + 1;",
        "go": "return n*2 + 1",
    },
    "TLE": {  # C++ needs volatile: an infinite loop without side effects is undefined behaviour
        "python": "while n >= 0:\n    n = (n + 1) % 1000\nreturn n",
        "cpp": "volatile int v = n;\nwhile (v >= 0) v = (v + 1) % 1000;\nreturn v;",
        "java": "while (n >= 0) n = (n + 1) % 1000;\nreturn n;",
        "javascript": "while (n >= 0) n = (n + 1) % 1000;\nreturn n;",
        "go": "for n >= 0 {\n\tn = (n + 1) % 1000\n}\nreturn n",
    },
    "RE": {
        "python": "return [1][n]",
        "cpp": "std::vector<int> v(1);\nreturn v.at(n);",
        "java": "int[] a = new int[1];\nreturn a[n];",
        "javascript": "const a = null;\nreturn a.x + n;",
        "go": "a := []int{1}\nreturn a[n]",
    },
    "CE": {
        "python": "return n *",
        "cpp": "return n +;",
        "java": "return n +;",
        "javascript": "return n +;",
        "go": 'return n + "x"',  # a syntax error would be reported on the next line
    },
    "MLE": {
        "python": "a = []\nwhile True:\n    a.append(bytearray(1 << 24))",
        "cpp": "std::vector<std::string> v;\nwhile (true) v.emplace_back(1 << 24, 'x');",
        "java": (
            "java.util.List<long[]> l = new java.util.ArrayList<>();\n"
            "while (true) l.add(new long[1 << 21]);"
        ),
        "javascript": "const a = [];\nwhile (true) a.push(new Array(1 << 20).fill(n));",
        "go": (
            "var l [][]byte\nfor {\n\tb := make([]byte, 1<<24)\n\tfor i := range b {\n"
            "\t\tb[i] = 1\n\t}\n\tl = append(l, b)\n}"
        ),
    },
    "OLE": {
        "python": "while True:\n    print('x' * 1000)",
        "cpp": "while (true) std::cout << std::string(1000, 'x') << std::endl;",
        "java": 'while (true) System.out.println("x".repeat(1000));',
        "javascript": "while (true) console.log('x'.repeat(1000));",
        "go": 'for {\n\tfmt.Println(strings.Repeat("x", 1000))\n}',
    },
    "CRASH3": {  # the process itself dies on n == 3 (not a caught exception)
        "python": "if n == 3:\n    import os\n    os.abort()\nreturn n * 2",
        "cpp": "if (n == 3) { volatile int* p = nullptr; *p = 1; }\nreturn n * 2;",
        "java": "if (n == 3) Runtime.getRuntime().halt(3);\nreturn n * 2;",
        "javascript": "if (n === 3) process.abort();\nreturn n * 2;",
        "go": "if n == 3 {\n\tos.Exit(3)\n}\nreturn n * 2",
    },
}


def solution(lang: str, behaviour: str) -> str:
    """The candidate code for ``lang`` (``python-mini`` is python) showing ``behaviour``."""
    base = "python" if lang.startswith("python") else lang
    indent = " " * 8 if base in ("python", "cpp", "java") else ("    " if base != "go" else "\t")
    body = textwrap.indent(BODIES[behaviour][base], indent)
    return WRAP[base].replace("{body}", body)
