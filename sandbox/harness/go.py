"""Go driver generation: ``solution.go`` (the candidate's code) and ``driver.go``.

LeetCode's Go types: ``int`` -> int, ``long`` -> int64, ``double`` -> float64, ``char`` -> byte
(``grid [][]byte``), arrays -> slices, nodes -> ``*ListNode`` / ``*TreeNode``. The generated
``coachCall`` decodes each argument into its Go type (``encoding/json`` straight into the slice for
int/int64/bool/string, element by element for float64 and byte), calls the function and encodes
the result with composed typed encoders.
"""

from __future__ import annotations

from sandbox.harness import runtime_source
from sandbox.harness.go_imports import prepare
from sandbox.harness.source import blank_literals, count_lines, defines_type, normalize
from sandbox.harness.types import TypeRef, inplace_index, output_type, param_types, uses_type
from sandbox.languages.base import Driver
from sandbox.spec import Signature

CANDIDATE_FILE = "solution.go"
DRIVER_FILE = "driver.go"

GO_SCALARS = {
    "int": "int",
    "long": "int64",
    "double": "float64",
    "bool": "bool",
    "string": "string",
    "char": "byte",
}
_DECODERS = {"double": "coachDecFloat", "char": "coachDecByte"}
_ENCODERS = {
    "int": "coachEncInt",
    "long": "coachEncInt64",
    "double": "coachEncFloat",
    "bool": "coachEncBool",
    "string": "coachEncString",
    "char": "coachEncByte",
    "ListNode": "coachEncList",
    "TreeNode": "coachEncTree",
}

# LeetCode's definitions.
LIST_NODE = """
type ListNode struct {
	Val  int
	Next *ListNode
}
"""
TREE_NODE = """
type TreeNode struct {
	Val   int
	Left  *TreeNode
	Right *TreeNode
}
"""
LIST_CODEC = """
func coachDecList(raw coachjson.RawMessage) *ListNode {
	var values []int
	coachDec(raw, &values)
	var head *ListNode
	for i := len(values) - 1; i >= 0; i-- {
		head = &ListNode{Val: values[i], Next: head}
	}
	return head
}

func coachEncList(b *coachBuf, head *ListNode) {
	seen := map[*ListNode]bool{}
	b.WriteByte('[')
	for n := head; n != nil; n = n.Next {
		if seen[n] {
			panic("Found cycle in the ListNode")
		}
		seen[n] = true
		if n != head {
			b.WriteByte(',')
		}
		coachEncInt(b, n.Val)
	}
	b.WriteByte(']')
}
"""
TREE_CODEC = """
// coachDecTree reads LeetCode level order: children of each non-nil node in turn, null a gap.
func coachDecTree(raw coachjson.RawMessage) *TreeNode {
	var values []*int
	coachDec(raw, &values)
	if len(values) == 0 || values[0] == nil {
		return nil
	}
	root := &TreeNode{Val: *values[0]}
	queue := []*TreeNode{root}
	for i := 1; len(queue) > 0 && i < len(values); {
		node := queue[0]
		queue = queue[1:]
		if i < len(values) && values[i] != nil {
			node.Left = &TreeNode{Val: *values[i]}
			queue = append(queue, node.Left)
		}
		i++
		if i < len(values) && values[i] != nil {
			node.Right = &TreeNode{Val: *values[i]}
			queue = append(queue, node.Right)
		}
		i++
	}
	return root
}

func coachEncTree(b *coachBuf, root *TreeNode) {
	seen := map[*TreeNode]bool{}
	level := []*TreeNode{root}
	var out coachBuf
	out.WriteByte('[')
	keep := 1 // out.Len() after the last value: trailing nulls are trimmed
	for head := 0; head < len(level); head++ {
		n := level[head]
		if head > 0 {
			out.WriteByte(',')
		}
		if n == nil {
			out.WriteString("null")
			continue
		}
		if seen[n] {
			panic("Found cycle in the TreeNode")
		}
		seen[n] = true
		coachEncInt(&out, n.Val)
		keep = out.Len()
		level = append(level, n.Left, n.Right)
	}
	b.WriteString(out.String()[:keep])
	b.WriteByte(']')
}
"""


def go_type(t: TypeRef) -> str:
    if t.is_node:
        return f"*{t.base}"
    return "[]" * t.dims + GO_SCALARS[t.base]


def decoder(t: TypeRef) -> str:
    """A Go expression of type ``func(coachjson.RawMessage) T``."""
    if t.dims == 0:
        return _DECODERS.get(t.base) or f"coachDec{t.base.removesuffix('Node')}"
    inner = t.element()
    return (
        f"func(r coachjson.RawMessage) {go_type(t)} {{ return coachDecSlice(r, {decoder(inner)}) }}"
    )


def encoder(t: TypeRef) -> str:
    """A Go expression of type ``func(*coachBuf, T)``."""
    if t.dims == 0:
        return _ENCODERS[t.base]
    return f"func(b *coachBuf, x {go_type(t)}) {{ coachEncSlice(b, x, {encoder(t.element())}) }}"


def _decode(var: str, t: TypeRef, index: int) -> str:
    if t.base in ("int", "long", "bool", "string"):
        # encoding/json fills these slices directly, much faster than element by element.
        return f"\tvar {var} {go_type(t)}\n\tcoachDec(args[{index}], &{var})"
    return f"\t{var} := ({decoder(t)})(args[{index}])"


def call_function(sig: Signature, candidate_lines: int, line_offset: int) -> str:
    """The generated ``coachCall`` and ``main``."""
    params = param_types(sig)
    names = [f"a{i}" for i in range(len(params))]
    call = f"{sig.function}({', '.join(names)})"
    inplace = inplace_index(sig)
    lines = [
        f"const coachLineOffset = {line_offset}",
        f"const coachCandidateLines = {candidate_lines}",
        "",
        "func coachCall(args []coachjson.RawMessage, t *coachTimer) string {",
        *(_decode(n, t, k) for k, (n, t) in enumerate(zip(names, params, strict=True))),
        "\tt.start()",
    ]
    if inplace >= 0:
        lines += [f"\t{call}", "\tt.stop()", "\tvar b coachBuf"]
        lines.append(f"\t({encoder(params[inplace])})(&b, {names[inplace]})")
    else:
        lines += [f"\tres := {call}", "\tt.stop()", "\tvar b coachBuf"]
        lines.append(f"\t({encoder(output_type(sig))})(&b, res)")
    lines += [
        "\treturn b.String()",
        "}",
        "",
        f"func main() {{ coachMain({len(params)}, coachCall) }}",
    ]
    return "\n".join(lines) + "\n"


def generate(signature: Signature, code: str) -> Driver:
    code = normalize(code)
    prepared = prepare(code)
    blanked = blank_literals(code, backtick_raw=True)
    driver = runtime_source("go_driver.go")
    for name, definition, codec in (
        ("ListNode", LIST_NODE, LIST_CODEC),
        ("TreeNode", TREE_NODE, TREE_CODEC),
    ):
        if not defines_type(blanked, name, ("type",)):
            driver += definition
        if uses_type(signature, name):
            driver += codec
    driver += "\n" + call_function(signature, count_lines(code), prepared.line_offset)
    return Driver(
        files={CANDIDATE_FILE: prepared.source, DRIVER_FILE: driver},
        candidate_file=CANDIDATE_FILE,
        line_offset=prepared.line_offset,
        extra={"candidate_lines": str(count_lines(code))},
    )
