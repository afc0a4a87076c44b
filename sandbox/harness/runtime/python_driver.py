"""Coach test driver for Python solutions (protocol: ``sandbox/spec.py``).

Run by the system interpreter, never the app's venv, so it imports the standard library only.
The generator copies this file as ``driver.py`` with ``SIGNATURE`` filled in, next to
``solution.py`` (the candidate's code, verbatim). The cases arrive on stdin, one JSON array of
arguments per line, each only after the previous case's result line (the supervisor feeds them).

    python3 driver.py [STACK_BYTES]   run every case read from stdin
    python3 driver.py --check         syntax-check solution.py; errors on stderr, exit 1

The candidate's code is executed in a namespace that first receives LeetCode's implicit imports
(``List``, ``Optional``, ``collections``, ``heapq``, ``inf``, ``cache`` ...) and ``ListNode`` /
``TreeNode``. Doubles that are not finite are encoded as the strings "NaN", "Infinity" and
"-Infinity" (inputs accept the same strings).
"""

from __future__ import annotations

import builtins
import json
import math
import os
import resource
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

SIGNATURE = ""  # @coach:signature (replaced by the generator)
CANDIDATE_FILE = "solution.py"
MARKER = "\x1e__COACH_CASE__ {}\n"
RESULTS_FD = 3
READY = '{"ready":true}'

# LeetCode's implicit imports: what its Python 3 environment has in globals() before the
# solution runs, with the same winner where two modules export a name. Source: a dump of that
# globals() (names and the module each value comes from), Animenosekai/leet on GitHub,
# leet/runners/python3.md. So `sub` is operator.sub (not re.sub), `pow` and `compile` are the
# builtins (the three-argument `pow(b, e, mod)`, not math.pow), `Counter` is typing.Counter (it
# builds a collections.Counter), `time` is datetime.time, `datetime`/`bisect`/`random`/`copy` are
# the modules, and `exit` is the builtin. sortedcontainers is not pre-imported on LeetCode (a
# solution imports it); it is offered here too when the system Python has it.
PRELUDE = """
from string import *
from re import *
from datetime import *
from collections import *
from heapq import *
from bisect import *
from copy import *
from math import *
from random import *
from statistics import *
from itertools import *
from functools import *
from operator import *
from io import *
from sys import *
from json import *
from builtins import *
from typing import *
import bisect, collections, copy, datetime, functools, heapq, io, itertools, json, math
import operator, os, random, re, statistics, string, sys
try:
    from sortedcontainers import SortedDict, SortedList, SortedSet
except ImportError:
    pass
"""


class ListNode:
    def __init__(self, val: Any = 0, next: Any = None) -> None:
        self.val = val
        self.next = next


class TreeNode:
    def __init__(self, val: Any = 0, left: Any = None, right: Any = None) -> None:
        self.val = val
        self.left = left
        self.right = right


def split_type(t: str) -> tuple[str, int]:
    base = t.replace("[]", "")
    return base, (len(t) - len(base)) // 2


# ---- decoding: JSON value -> Python argument -------------------------------------------------

SPECIAL_FLOATS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def decode(t: str, v: Any, ns: dict[str, Any]) -> Any:
    base, dims = split_type(t)
    if dims:
        if base != "double" or v is None:
            return v  # json already produced lists of int/bool/str
        return [decode(t[:-2], x, ns) for x in v]
    if base == "double":
        return SPECIAL_FLOATS[v] if isinstance(v, str) else float(v)
    if base == "ListNode":
        return build_list(v, ns["ListNode"])
    if base == "TreeNode":
        return build_tree(v, ns["TreeNode"])
    return v


def new_node(cls: Any, **fields: Any) -> Any:
    """A node made without calling ``__init__``, whose parameters vary: LeetCode's
    ``(self, val=0, next=None)``, the classic ``(self, x)``, a dataclass ... Every style has the
    attributes ``val`` and ``next`` (``val``, ``left``, ``right``), which are set here."""
    node = cls.__new__(cls)
    for name, value in fields.items():
        setattr(node, name, value)
    return node


def build_list(values: list[Any], cls: Callable[..., Any]) -> Any:
    head = None
    for x in reversed(values or []):
        head = new_node(cls, val=x, next=head)
    return head


def build_tree(values: list[Any], cls: Callable[..., Any]) -> Any:
    """LeetCode level order: children of each non-null node in turn, ``None`` for a gap."""
    if not values or values[0] is None:
        return None
    root = new_node(cls, val=values[0], left=None, right=None)
    queue = deque([root])
    i, n = 1, len(values)
    while queue and i < n:
        node = queue.popleft()
        for side in ("left", "right"):
            if i < n and values[i] is not None:
                child = new_node(cls, val=values[i], left=None, right=None)
                setattr(node, side, child)
                queue.append(child)
            i += 1
    return root


# ---- encoding: Python result -> JSON-ready value ---------------------------------------------


def encode(t: str, v: Any) -> Any:
    base, dims = split_type(t)
    if dims:
        if v is None:
            return None
        inner = t[:-2]
        return [encode(inner, x) for x in v]  # any iterable: tuple, deque, str for char[] ...
    if base == "ListNode":
        return list_values(v)
    if base == "TreeNode":
        return tree_values(v)
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if v != v else ("Infinity" if v > 0 else "-Infinity")
    return v


def list_values(head: Any) -> list[Any]:
    out, seen = [], set()
    while head is not None:
        if id(head) in seen:
            raise ValueError("Found cycle in the ListNode")
        seen.add(id(head))
        out.append(head.val)
        head = head.next
    return out


def tree_values(root: Any) -> list[Any]:
    out: list[Any] = []
    seen = set()
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append(None)
            continue
        if id(node) in seen:
            raise ValueError("Found cycle in the TreeNode")
        seen.add(id(node))
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


# ---- running ---------------------------------------------------------------------------------


def candidate_line(exc: BaseException) -> int | None:
    """Line of the innermost traceback frame in the candidate's file."""
    if isinstance(exc, SyntaxError) and exc.filename == CANDIDATE_FILE:
        return exc.lineno
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == CANDIDATE_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def write_line(text: str) -> None:
    data = (text + "\n").encode("ascii")
    while data:
        data = data[os.write(RESULTS_FD, data) :]


def write_marker(out: Any, index: int) -> None:
    try:
        if sys.stdout is not out:
            sys.stdout.flush()  # the candidate replaced sys.stdout; still keep order
        out.flush()
        out.write(MARKER.format(index))
        out.flush()
    except (OSError, ValueError):
        pass  # the candidate closed stdout; results still go to fd 3


def load_solution(source: str) -> dict[str, Any]:
    ns: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
    exec(PRELUDE, ns)
    ns["ListNode"], ns["TreeNode"] = ListNode, TreeNode
    write_line(READY)  # the candidate's code runs from here: the host charges all CPU to tests
    exec(compile(source, CANDIDATE_FILE, "exec"), ns)
    return ns


def run_case(sig: dict[str, Any], ns: dict[str, Any], raw: list[Any]) -> tuple[str, int, int]:
    """Call the solution on one case; return the encoded output and CPU/wall microseconds."""
    params: list[str] = sig["params"]
    if len(raw) != len(params):
        raise ValueError(f"case has {len(raw)} arguments, the signature {len(params)}")
    args = [decode(t, a, ns) for t, a in zip(params, raw, strict=True)]
    if "Solution" not in ns:
        raise NameError("class Solution is not defined")
    method = getattr(ns["Solution"](), sig["function"])
    c0, w0 = time.thread_time_ns(), time.perf_counter_ns()
    try:
        result = method(*args)
    finally:
        cpu = (time.thread_time_ns() - c0) // 1000
        wall = (time.perf_counter_ns() - w0) // 1000
    if sig["inplace"] >= 0:
        result = args[sig["inplace"]]
    out = json.dumps(encode(sig["output"], result), separators=(",", ":"), allow_nan=False)
    return out, cpu, wall


def read_cases(stream: Any) -> Iterator[list[Any]]:
    """The cases, one line each, read as they are fed (the next one exists only after this
    one's result line was written)."""
    while True:
        line = stream.readline()
        if not line:
            return
        yield json.loads(line)


def run_cases(sig: dict[str, Any], cases: Iterator[list[Any]], source: str) -> None:
    stdout = sys.stdout
    ns: dict[str, Any] = {}
    load_error: BaseException | None = None
    try:
        ns = load_solution(source)
    except BaseException as e:  # noqa: BLE001 - reported on every case, like a compile error
        load_error = e
    for i, raw in enumerate(cases):
        write_marker(stdout, i)
        c0, w0 = time.thread_time_ns(), time.perf_counter_ns()
        try:
            if load_error is not None:
                raise load_error
            out, cpu, wall = run_case(sig, ns, raw)
            write_line(f'{{"i":{i},"ok":true,"out":{out},"cpu_us":{cpu},"wall_us":{wall}}}')
        except BaseException as e:  # noqa: BLE001 - SystemExit, RecursionError ... are results
            record: dict[str, Any] = {"i": i, "ok": False, "error": describe(e)}
            line = candidate_line(e)
            if line is not None:
                record["line"] = line
            record["cpu_us"] = (time.thread_time_ns() - c0) // 1000
            record["wall_us"] = (time.perf_counter_ns() - w0) // 1000
            write_line(json.dumps(record, separators=(",", ":")))


def check(source: str) -> int:
    try:
        compile(source, CANDIDATE_FILE, "exec")
    except SyntaxError as e:
        sys.stderr.write("".join(traceback.format_exception_only(e)))
        return 1
    return 0


def main(argv: list[str]) -> None:
    with open(CANDIDATE_FILE, encoding="utf-8") as f:
        source = f.read()
    if argv[1:2] == ["--check"]:
        sys.exit(check(source))
    stack = int(argv[1]) if len(argv) > 1 else 256 << 20
    cases = read_cases(open(0, "rb", closefd=False))  # noqa: SIM115 - the process's stdin
    sig = json.loads(SIGNATURE)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

    def run(stack_bytes: int) -> None:
        # CPython 3.11 needs ~0.5 KiB of C stack per level of recursion through C (@cache);
        # a limit of one level per KiB turns runaway recursion into RecursionError, not SIGSEGV.
        sys.setrecursionlimit(max(10_000, min(1_000_000, stack_bytes // 1024)))
        run_cases(sig, cases, source)

    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    if soft == resource.RLIM_INFINITY or soft >= stack:
        run(stack)  # the sandbox raised RLIMIT_STACK: the main thread's stack is not in RLIMIT_DATA
        finish()
    # No big main stack. A thread's stack is a mapping that counts against RLIMIT_DATA, so
    # fall back to the main thread (and a lower recursion limit) when it cannot be had.
    try:
        threading.stack_size(stack)
        worker = threading.Thread(target=run, args=(stack,))
        worker.start()
    except (RuntimeError, ValueError, MemoryError):
        threading.stack_size(0)
        run(soft)
    else:
        worker.join()
    finish()


def finish() -> NoReturn:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # do not wait for threads the candidate left running


if __name__ == "__main__":
    main(sys.argv)
