"""Reading a problem's constraint lines as checks on one input (the custom test box).

``problem.toml`` states its constraints as LeetCode prose, one string each (``2 <= nums.length
<= 10^4``). This module reads the forms that are bounds and sets, and leaves the rest as prose:

* comparison chains over numbers and references: ``-10^9 <= nums[i] <= 10^9``,
  ``1 <= k <= nums.length <= 10^5``, ``1 <= s.length, t.length <= 5 * 10^4`` (a comma list is
  checked term by term), ``1 <= m + n <= 2000``, ``endWord.length == beginWord.length``;
  references are a parameter (``target``), its length (``nums.length``), every element
  (``nums[i]``, ``grid[i][j]``, ``strs[i].length``) or every node value (``Node.val``);
* aliases: ``n == nums.length`` (or ``nums1.length == m``) names ``n`` for the lines after it;
* node counts: ``The number of nodes in the tree is in the range [0, 100]``, ``The list has
  between 0 and 5000 nodes``;
* character sets: ``s consists of lowercase English letters`` (lowercase / uppercase English
  letters, digits, printable ASCII, ``only of the characters '()[]{}'``);
* value sets and ranges: ``grid[i][j] is '0' or '1'``, ``grid[i][j] is 0, 1, or 2``,
  ``board[i][j] is a digit or '.'``, ``k is in the range [1, 100]``.

Anything else (``All the integers in nums are unique``, ``Exactly one pair sums to target``) is
prose: :func:`read_constraints` returns those lines so the caller can say they were not checked.
"""

from __future__ import annotations

import ast
import operator
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sandbox.spec import Signature

Labelled = tuple[str, Any]
"""A value taken from the input with where it came from (``nums[3]``, ``s.length``)."""

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
    "!=": operator.ne,
}
_OP_RE = re.compile(r"(<=|>=|==|!=|<|>)")
_REF_RE = re.compile(r"^([A-Za-z_]\w*)((?:\[[a-z]\])*)(\.length)?$")
_MAX_PAIRS = 2_000_000  # pairs of values compared by one line: beyond it the line is not checked


class Unreadable(Exception):
    """A constraint line that is prose, not a form this module checks."""


@dataclass(frozen=True)
class Violation:
    """A constraint the input breaks: the line, the parameter it concerns, what was found."""

    constraint: str
    param: str
    found: str


@dataclass
class Constraints:
    """The checks read from a problem's constraint lines, and the lines left as prose."""

    checks: list[tuple[str, Callable[[dict[str, Any]], Violation | None]]] = field(
        default_factory=list
    )
    prose: list[str] = field(default_factory=list)

    def violations(self, args: list[Any], signature: Signature) -> list[Violation]:
        """Every checked constraint ``args`` break, in the problem's order."""
        named = {p.name: a for p, a in zip(signature.params, args, strict=True)}
        found = []
        for _line, check in self.checks:
            try:
                broken = check(named)
            except (TypeError, ValueError, RecursionError):
                continue  # a value of an unexpected shape: the type check has said so already
            if broken is not None:
                found.append(broken)
        return found


def _number(text: str) -> int | float:
    """``10^4``, ``3 * 10^4``, ``2^31 - 1``, ``-10^9`` as a number.

    Raises:
        Unreadable: anything but integer arithmetic.
    """
    try:
        tree = ast.parse(text.replace("^", "**"), mode="eval")
    except SyntaxError:
        raise Unreadable(text) from None

    def ev(node: ast.AST) -> int | float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            if isinstance(node.value, bool):
                raise Unreadable(text)
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.BinOp):
            left, right = ev(node.left), ev(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if isinstance(node.op, ast.Pow) and 0 <= right <= 64:
                return left**right
        raise Unreadable(text)

    return ev(tree.body)


def _node_values(value: Any, type_: str) -> list[Any]:
    if type_ in ("ListNode", "TreeNode") and isinstance(value, list):
        return [v for v in value if v is not None]
    return []


def _length(value: Any, type_: str) -> int:
    if type_ == "TreeNode":
        return len(_node_values(value, type_))
    if isinstance(value, list | str):
        return len(value)
    raise TypeError(f"{type_} has no length")


class _Reader:
    """Turns a constraint's terms into functions from the named arguments to labelled values."""

    def __init__(self, signature: Signature) -> None:
        self.types = {p.name: p.type for p in signature.params}
        self.aliases: dict[str, Callable[[dict[str, Any]], list[Labelled]]] = {}
        self.alias_param: dict[str, str] = {}

    def term(self, text: str) -> tuple[Callable[[dict[str, Any]], list[Labelled]], str]:
        """A term's values and the parameter it concerns (``""`` for a constant).

        Raises:
            Unreadable: not a number, a reference or a sum of them.
        """
        text = text.strip()
        if not text:
            raise Unreadable(text)
        if re.fullmatch(r"[-\d\s*^+()]+", text):
            value = _number(text)
            return (lambda _named: [(text, value)]), ""
        if "+" in text:
            parts = [self.term(p) for p in text.split("+")]

            def total(named: dict[str, Any]) -> list[Labelled]:
                values = [fn(named) for fn, _ in parts]
                if any(len(v) != 1 for v in values):
                    raise TypeError("a sum of many values")
                return [(text, sum(v[0][1] for v in values))]

            return total, next((p for _, p in parts if p), "")
        if text == "Node.val":
            nodes = [n for n, t in self.types.items() if t in ("ListNode", "TreeNode")]
            if not nodes:
                raise Unreadable(text)

            def node_vals(named: dict[str, Any]) -> list[Labelled]:
                return [
                    (f"a node value of {n}", v)
                    for n in nodes
                    for v in _node_values(named[n], self.types[n])
                ]

            return node_vals, nodes[0]
        m = _REF_RE.match(text)
        if m is None:
            raise Unreadable(text)
        name, brackets, length = m.group(1), m.group(2), m.group(3)
        if name in self.aliases and not brackets and not length:
            return self.aliases[name], self.alias_param[name]
        if name not in self.types:
            raise Unreadable(text)
        depth = brackets.count("[")
        type_ = self.types[name]
        inner = type_[: len(type_) - 2 * depth] if depth else type_
        if depth and not type_.endswith("[]" * depth):
            raise Unreadable(text)
        if not length and inner.endswith("[]"):
            raise Unreadable(text)  # a whole list compared with a number: not a bound

        def refs(named: dict[str, Any]) -> list[Labelled]:
            level: list[Labelled] = [(name, named[name])]
            for _ in range(depth):
                level = [(f"{lab}[{i}]", v) for lab, value in level for i, v in enumerate(value)]
            if length:
                return [(f"{lab}.length", _length(v, inner)) for lab, v in level]
            return level

        return refs, name

    def terms(self, text: str) -> list[tuple[Callable[[dict[str, Any]], list[Labelled]], str]]:
        return [self.term(part) for part in text.split(",")]


def _chain(line: str, reader: _Reader) -> Callable[[dict[str, Any]], Violation | None] | None:
    """A comparison chain's check; None when the line only defines an alias.

    Raises:
        Unreadable: the line is not a chain of readable terms.
    """
    pieces = _OP_RE.split(line)
    if len(pieces) < 3:
        raise Unreadable(line)
    texts, ops = pieces[0::2], pieces[1::2]
    if len(ops) == 1 and ops[0] == "==":  # `n == nums.length` names n
        left, right = texts[0].strip(), texts[1].strip()
        for alias, other in ((left, right), (right, left)):
            known = alias in reader.types or alias in reader.aliases
            if re.fullmatch(r"[A-Za-z_]\w*", alias) and not known:
                fn, param = reader.term(other)
                reader.aliases[alias] = fn
                reader.alias_param[alias] = param
                return None
    groups = [reader.terms(t) for t in texts]
    param = next((p for g in groups for _, p in g if p), "")

    def check(named: dict[str, Any]) -> Violation | None:
        values = [[v for fn, _ in g for v in fn(named)] for g in groups]
        for k, op in enumerate(ops):
            left, right = values[k], values[k + 1]
            if len(left) * len(right) > _MAX_PAIRS:
                continue
            for la, a in left:
                for lb, b in right:
                    if not _OPS[op](a, b):
                        refs = [(lab, v) for lab, v in ((la, a), (lb, b)) if _ref(lab)]
                        found = ", ".join(f"{lab} is {_show(v)}" for lab, v in refs)
                        where = _param_of([lab for lab, _ in refs], reader) or param
                        return Violation(line, where, found)
        return None

    return check


def _ref(label: str) -> bool:
    """A label that names a reference (``nums.length``), not a constant (``10^4``)."""
    return not re.fullmatch(r"[-\d\s*^+()]+", label)


def _param_of(labels: list[str], reader: _Reader) -> str:
    """The parameter the first of ``labels`` belongs to (``nums[3]`` -> ``nums``)."""
    for label in labels:
        for name in reader.types:
            if re.match(rf"(?:a node value of )?{re.escape(name)}(?:$|[\[.])", label):
                return name
    return ""


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


_NODE_RANGE = re.compile(
    r"^the number of nodes in (?:the tree|the list|both lists|each list) is in the range "
    r"\[(.+),(.+)\]$",
    re.IGNORECASE,
)
_NODE_BETWEEN = re.compile(r"^the (?:tree|list) has between (.+) and (.+) nodes$", re.IGNORECASE)
_CONSISTS = re.compile(r"^(.+?) consists? (?:only )?of (.+)$")
_IS_SET = re.compile(r"^(\S+) is (.+)$")


def _node_count(lo: str, hi: str, line: str, reader: _Reader) -> Callable[..., Violation | None]:
    low, high = _number(lo.strip()), _number(hi.strip())
    nodes = [n for n, t in reader.types.items() if t in ("ListNode", "TreeNode")]
    if not nodes:
        raise Unreadable(line)

    def check(named: dict[str, Any]) -> Violation | None:
        for n in nodes:
            count = len(_node_values(named[n], reader.types[n]))
            if not low <= count <= high:
                return Violation(line, n, f"{n} has {count} nodes")
        return None

    return check


def _alphabet(text: str) -> set[str] | None:
    """The characters a ``consists of`` phrase allows; None when it is not one of the forms."""
    low = text.lower()
    quoted = re.fullmatch(r"the characters '(.+)'", low)
    if quoted:
        return set(quoted.group(1))
    if "printable ascii" in low or ("symbols" in low and "spaces" in low):
        return {chr(c) for c in range(32, 127)}
    allowed: set[str] = set()
    if "english letters" in low:
        if "lowercase" in low or "uppercase" not in low:
            allowed |= set(string.ascii_lowercase)
        if "uppercase" in low or "lowercase" not in low:
            allowed |= set(string.ascii_uppercase)
    if "digit" in low:
        allowed |= set(string.digits)
    rest = re.sub(
        r"uppercase|lowercase|english|letters|digits?|and|only|,|\s", "", low
    )  # every word must be understood, else the line stays prose
    return allowed if allowed and not rest else None


def _consists(subjects: str, what: str, line: str, reader: _Reader) -> Callable[..., Any]:
    allowed = _alphabet(what)
    if allowed is None:
        raise Unreadable(line)
    names = [s.strip() for s in re.split(r",|\band\b", subjects) if s.strip()]
    terms = [reader.term(n) for n in names]

    def check(named: dict[str, Any]) -> Violation | None:
        for fn, param in terms:
            for label, value in fn(named):
                if not isinstance(value, str):
                    raise TypeError("not a string")
                bad = next((c for c in value if c not in allowed), None)
                if bad is not None:
                    return Violation(line, param, f"{label} holds {bad!r}")
        return None

    return check


def _value_set(subject: str, what: str, line: str, reader: _Reader) -> Callable[..., Any]:
    fn, param = reader.term(subject)
    rng = re.fullmatch(r"in the range \[([^,\]]+),([^,\]]+)\]", what.strip())
    if rng:
        low, high = _number(rng.group(1).strip()), _number(rng.group(2).strip())

        def in_range(named: dict[str, Any]) -> Violation | None:
            for label, value in fn(named):
                if not low <= value <= high:
                    return Violation(line, param, f"{label} is {_show(value)}")
            return None

        return in_range
    allowed: list[Any] = []
    for item in re.split(r",|\bor\b", what):
        item = item.strip()
        if not item:
            continue
        if item == "a digit":
            allowed += list(string.digits)
        elif re.fullmatch(r"'.'", item):
            allowed.append(item[1])
        elif re.fullmatch(r"-?\d+", item):
            allowed.append(int(item))
        else:
            raise Unreadable(line)

    def in_set(named: dict[str, Any]) -> Violation | None:
        for label, value in fn(named):
            if value not in allowed or type(value) is bool:
                return Violation(line, param, f"{label} is {_show(value)}")
        return None

    return in_set


def _read_line(line: str, reader: _Reader) -> Callable[..., Violation | None] | None:
    text = line.strip().rstrip(".").replace("≤", "<=").replace("≥", ">=").replace("−", "-")
    text = text.replace("`", "")
    if m := _NODE_RANGE.match(text):
        return _node_count(m.group(1), m.group(2), line, reader)
    if m := _NODE_BETWEEN.match(text):
        return _node_count(m.group(1), m.group(2), line, reader)
    if m := _CONSISTS.match(text):
        return _consists(m.group(1), m.group(2), line, reader)
    if _OP_RE.search(text):
        check = _chain(text, reader)
        if check is None:
            return None
        return lambda named: _renamed(check(named), line)
    if m := _IS_SET.match(text):
        return _value_set(m.group(1), m.group(2), line, reader)
    raise Unreadable(line)


def _renamed(v: Violation | None, line: str) -> Violation | None:
    """The violation as the problem states the line (before normalising it)."""
    return None if v is None else Violation(line, v.param, v.found)


def read_constraints(lines: Iterator[str] | tuple[str, ...], signature: Signature) -> Constraints:
    """The checks a problem's constraint lines define, and the lines that stay prose."""
    reader = _Reader(signature)
    out = Constraints()
    for line in lines:
        try:
            check = _read_line(line, reader)
        except Unreadable:
            out.prose.append(line)
            continue
        if check is not None:
            out.checks.append((line, check))
    return out
