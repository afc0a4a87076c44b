"""C++ driver generation: the candidate's code and ``main()`` share one translation unit.

``solution.cpp``::

    #include <bits/stdc++.h>          <- first token: a precompiled header applies
    #include "coach_prelude.hpp"      <- using namespace std; ListNode; TreeNode
    <candidate code>                  <- candidate line L is file line L + 2
    #include "coach_driver.hpp"       <- runtime templates + generated main()

The non-template runtime, ``coach_runtime.cpp`` (JSON, quoting, timing), is most of the compile
time: the C++ runner compiles it once into its cache and links the object, defining
``COACH_RUNTIME_PREBUILT``; without a cache ``coach_driver.hpp`` includes the source instead.

Arguments are locals of LeetCode's C++ types passed as lvalues, so ``vector<int>& nums``,
``const vector<int>&`` and by-value parameters all bind; nodes are ``ListNode*``/``TreeNode*``.
"""

from __future__ import annotations

from sandbox.harness import runtime_source
from sandbox.harness.source import blank_literals, count_lines, defines_type, normalize
from sandbox.harness.types import TypeRef, inplace_index, output_type, param_types
from sandbox.languages.base import Driver
from sandbox.spec import Signature

CANDIDATE_FILE = "solution.cpp"
PRELUDE_FILE = "coach_prelude.hpp"
DRIVER_FILE = "coach_driver.hpp"
RUNTIME_HEADER = "coach_runtime.hpp"
RUNTIME_SOURCE = "coach_runtime.cpp"
PREBUILT_MACRO = "COACH_RUNTIME_PREBUILT"
LINE_OFFSET = 2

SCALARS = {
    "int": "int",
    "long": "long long",
    "double": "double",
    "bool": "bool",
    "string": "std::string",
    "char": "char",
}

# LeetCode's definitions, verbatim.
LIST_NODE = """struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};
"""
TREE_NODE = """struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};
"""


def cpp_type(t: TypeRef) -> str:
    if t.is_node:
        return f"{t.base}*"
    name = SCALARS[t.base]
    for _ in range(t.dims):
        name = f"std::vector<{name}>"
    return name


def _decode(var: str, t: TypeRef, index: int) -> str:
    if t.base == "ListNode":
        return f"        ListNode* {var} = coach_rt::dec_list<ListNode>(a[{index}]);"
    if t.base == "TreeNode":
        return f"        TreeNode* {var} = coach_rt::dec_tree<TreeNode>(a[{index}]);"
    return f"        {cpp_type(t)} {var}{{}};\n        coach_rt::dec(a[{index}], {var});"


def _encode(expr: str, t: TypeRef) -> str:
    fn = {"ListNode": "enc_list", "TreeNode": "enc_tree"}.get(t.base, "enc") if t.is_node else "enc"
    return f"        coach_rt::{fn}(out, {expr});"


def main_function(sig: Signature) -> str:
    """The generated ``main()`` that runs every case read from stdin."""
    params = param_types(sig)
    names = [f"a{i}" for i in range(len(params))]
    call = f"sol->{sig.function}({', '.join(names)})"
    lines = [
        "int main() {",
        "    coach_rt::Runner run;",
        "    for (size_t i = 0; run.next(i); ++i) {",
        "        run.begin(i);",
        "        try {",
        f"        const auto& a = run.args(i, {len(params)});",
        *(_decode(n, t, k) for k, (n, t) in enumerate(zip(names, params, strict=True))),
        # Heap-allocated, as LeetCode does: member arrays can be too big for the stack.
        "        std::unique_ptr<Solution> sol(new Solution());",
        "        run.start();",
    ]
    inplace = inplace_index(sig)
    if inplace >= 0:
        lines += [f"        {call};", "        run.stop();", "        std::string out;"]
        lines.append(_encode(names[inplace], params[inplace]))
    else:
        lines += [f"        auto res = {call};", "        run.stop();", "        std::string out;"]
        lines.append(_encode("res", output_type(sig)))
    lines += [
        "        run.ok(i, out);",
        "        } catch (...) {",
        "            run.fail(i);",
        "        }",
        "    }",
        "    run.finish();",
        "}",
    ]
    return "\n".join(lines) + "\n"


def generate(signature: Signature, code: str) -> Driver:
    code = normalize(code)
    blanked = blank_literals(code)
    prelude = "// Coach: LeetCode's implicit context for C++ solutions.\nusing namespace std;\n"
    for name, definition in (("ListNode", LIST_NODE), ("TreeNode", TREE_NODE)):
        if not defines_type(blanked, name, ("struct", "class")):
            prelude += definition
    solution = (
        f'#include <bits/stdc++.h>\n#include "{PRELUDE_FILE}"\n{code}#include "{DRIVER_FILE}"\n'
    )
    # Without a prebuilt runtime object the runtime source is compiled into this unit.
    driver = (
        f'#include "{RUNTIME_HEADER}"\n'
        f'#ifndef {PREBUILT_MACRO}\n#include "{RUNTIME_SOURCE}"\n#endif\n\n'
    ) + main_function(signature)
    return Driver(
        files={
            CANDIDATE_FILE: solution,
            PRELUDE_FILE: prelude,
            DRIVER_FILE: driver,
            **runtime_files(),
        },
        candidate_file=CANDIDATE_FILE,
        line_offset=LINE_OFFSET,
        extra={"candidate_lines": str(count_lines(code))},
    )


def runtime_files() -> dict[str, str]:
    """The static runtime, header and source."""
    return {name: runtime_source(name) for name in (RUNTIME_HEADER, RUNTIME_SOURCE)}
