"""LeetCode's Python environment, in process: node classes, the JSON codec and a solution loader.

Used by the test builder (and later the offline judge) to run a problem's ``solutions/*.py``
without the sandbox. Bundled solutions are trusted code; candidate code never runs here.

The JSON encoding is the one in :mod:`sandbox.spec`: ``ListNode`` is a list of values, ``TreeNode``
is LeetCode's level order with ``null`` gaps and trailing nulls trimmed, ``[]`` is null.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from coach_engine.errors import ProblemError
from sandbox.spec import Signature

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1

PRELUDE = """\
from typing import *
import collections, heapq, bisect, math, itertools, functools, string, re, random, operator
from collections import Counter, defaultdict, deque, OrderedDict
from heapq import heappush, heappop, heapify, heappushpop, heapreplace, nlargest, nsmallest
from bisect import bisect_left, bisect_right, insort
from functools import lru_cache, cache, reduce, cmp_to_key
from itertools import accumulate, combinations, permutations, product, chain, groupby
from math import inf, gcd, sqrt, ceil, floor, comb, log2
"""
"""What LeetCode's python3 judge makes available before the solution's first line."""


class ListNode:
    """LeetCode's singly-linked list node."""

    def __init__(self, val: int = 0, next: ListNode | None = None) -> None:  # noqa: A002
        self.val = val
        self.next = next


class TreeNode:
    """LeetCode's binary tree node."""

    def __init__(
        self, val: int = 0, left: TreeNode | None = None, right: TreeNode | None = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


def list_from_json(values: list[Any]) -> ListNode | None:
    head: ListNode | None = None
    for v in reversed(values):
        head = ListNode(v, head)
    return head


def list_to_json(head: ListNode | None, limit: int = 10**6) -> list[Any]:
    """Values of the list from ``head``; raises ``ValueError`` on a cycle (more than ``limit``)."""
    out: list[Any] = []
    while head is not None:
        out.append(head.val)
        if len(out) > limit:
            raise ValueError("linked list has a cycle or more than 10^6 nodes")
        head = head.next
    return out


def tree_from_json(values: list[Any]) -> TreeNode | None:
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    queue: deque[TreeNode] = deque([root])
    i = 1
    while queue and i < len(values):
        node = queue.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                child = TreeNode(values[i])
                setattr(node, side, child)
                queue.append(child)
            i += 1
    return root


def tree_to_json(root: TreeNode | None) -> list[Any]:
    out: list[Any] = []
    queue: deque[TreeNode | None] = deque([root] if root is not None else [])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def decode(value: Any, type_: str) -> Any:
    """JSON value -> the Python object a LeetCode solution receives."""
    if type_ == "ListNode":
        return list_from_json(value)
    if type_ == "TreeNode":
        return tree_from_json(value)
    # A JSON round trip, not deepcopy: generators may build rows that share one list object
    # (`[[1]] * 9`), and deepcopy keeps that sharing, so an in-place solution would see aliased
    # rows here but real, unshared rows in the sandbox.
    return json.loads(json.dumps(value))


def encode(value: Any, type_: str) -> Any:
    """What a LeetCode solution returned -> its JSON value (tuples become lists)."""
    if type_ == "ListNode":
        return list_to_json(value)
    if type_ == "TreeNode":
        return tree_to_json(value)
    if isinstance(value, list | tuple):
        return [encode(v, type_.removesuffix("[]")) for v in value]
    return value


def check_value(value: Any, type_: str) -> str | None:
    """Why ``value`` is not a valid JSON encoding of ``type_``, or None when it is."""
    if type_.endswith("[]"):
        if not isinstance(value, list):
            return f"expected a list for {type_}, got {type(value).__name__}"
        for v in value:
            if (why := check_value(v, type_[:-2])) is not None:
                return why
        return None
    if type_ == "ListNode":
        return check_value(value, "int[]")
    if type_ == "TreeNode":
        if not isinstance(value, list) or (value and value[0] is None):
            return "a TreeNode is a level-order list whose first entry is not null"
        if value and value[-1] is None:
            return "a TreeNode list must not end with null"
        for v in value:
            if v is not None and (why := check_value(v, "int")) is not None:
                return why
        return None
    ok = {
        "int": lambda v: type(v) is int and INT_MIN <= v <= INT_MAX,
        "long": lambda v: type(v) is int and LONG_MIN <= v <= LONG_MAX,
        "double": lambda v: type(v) in (int, float),
        "bool": lambda v: type(v) is bool,
        "string": lambda v: type(v) is str,
        "char": lambda v: type(v) is str and len(v) == 1,
    }[type_](value)
    return None if ok else f"{value!r} is not a valid {type_}"


def load_solution(source: str, filename: str, signature: Signature) -> Callable[[list[Any]], Any]:
    """Compile a LeetCode-shaped python solution; return ``run(args_json) -> output_json``.

    Every call builds a fresh ``Solution()`` and fresh argument objects, as LeetCode does.

    Raises:
        ProblemError: the file does not compile or defines no ``Solution.<function>``.
    """
    namespace: dict[str, Any] = {
        "__name__": "solution",
        "ListNode": ListNode,
        "TreeNode": TreeNode,
    }
    try:
        exec(compile(PRELUDE, "<prelude>", "exec"), namespace)
        exec(compile(source, filename, "exec"), namespace)
    except Exception as e:  # noqa: BLE001 - any failure of a bundled solution is a problem error
        raise ProblemError(f"{filename}: cannot load solution: {type(e).__name__}: {e}") from e
    cls = namespace.get("Solution")
    if not isinstance(cls, type) or not callable(getattr(cls, signature.function, None)):
        raise ProblemError(f"{filename}: no `class Solution` with method `{signature.function}`")
    names = [p.name for p in signature.params]
    types = [p.type for p in signature.params]

    def run(args: list[Any]) -> Any:
        objs = [decode(a, t) for a, t in zip(args, types, strict=True)]
        result = getattr(cls(), signature.function)(*objs)
        if signature.returns == "void":
            i = names.index(signature.inplace or "")
            return encode(objs[i], types[i])
        return encode(result, signature.returns)

    return run


_BIG_STACK = 512 * 1024 * 1024


def call_deep(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in a thread with a 512 MB stack and a high recursion limit, as LeetCode allows
    recursive solutions on 10^4..10^5-deep inputs. Re-raises what ``fn`` raised."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = e

    old_limit, old_size = sys.getrecursionlimit(), threading.stack_size()
    sys.setrecursionlimit(max(old_limit, 1_000_000))
    threading.stack_size(_BIG_STACK)
    try:
        t = threading.Thread(target=target, name="coach-solution")
        t.start()
    finally:
        threading.stack_size(old_size)
    t.join()
    sys.setrecursionlimit(old_limit)
    if "error" in box:
        raise box["error"]
    return box.get("value")


__all__ = [
    "PRELUDE",
    "ListNode",
    "TreeNode",
    "call_deep",
    "check_value",
    "decode",
    "encode",
    "list_from_json",
    "list_to_json",
    "load_solution",
    "tree_from_json",
    "tree_to_json",
]
