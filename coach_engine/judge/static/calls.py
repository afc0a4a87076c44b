"""The time cost of one library call, from its name, receiver kind and language."""

from __future__ import annotations

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import LOG, ONE, Cost, Term
from coach_engine.judge.static.infer import Env
from coach_engine.judge.static.library import (
    LINEAR_FUNCS,
    LINEAR_METHODS,
    LOG_FUNCS,
    SCALAR_WHEN_MULTI_ARG,
    SEQ_ONLY_LINEAR,
    SORT_FUNCS,
    SORT_OWNERS,
    SORTED_CONTAINER_LOG,
)
from coach_engine.judge.static.models import Confidence
from coach_engine.judge.static.values import (
    BUILDER,
    DEQUE,
    HASHED,
    HEAP,
    INT,
    MAP,
    SEQ,
    SET,
    SORTED,
    STR,
    UNKNOWN,
    Val,
)

_HEAP_OPS = frozenset(
    {
        "push",
        "pop",
        "offer",
        "poll",
        "add",
        "Push",
        "Pop",
        "emplace",
        "heappush",
        "heappop",
        "heapreplace",
        "heappushpop",
        "remove_top",
        "enqueue",
        "dequeue",
    }
)
STATIC_OWNERS = frozenset(
    {
        "strings",
        "sort",
        "slices",
        "math",
        "heapq",
        "bisect",
        "std",
        "collections",
        "itertools",
        "functools",
        "bytes",
        "strconv",
        "unicode",
        "utf8",
        "heap",
        "list",
        "container",
    }
)
_BEGINS = frozenset({"begin", "cbegin", "rbegin", "crbegin"})
_JS_LINEAR_STATICS = frozenset({"keys", "values", "entries", "from", "assign"})


def sorted_target(call: ir.Call) -> ir.Expr | None:
    """What a sort call sorts, or None when `call` is not a sort."""
    name, recv = call.name, call.receiver
    if name not in SORT_FUNCS:
        return None
    if name == "sorted" and call.args:
        return call.args[0]
    owner = ir.root_name(recv) if recv is not None else ""
    if owner in SORT_OWNERS or recv is None:
        if not call.args:
            return None
        first = call.args[0]
        if isinstance(first, ir.Call) and first.name in ("begin", "rbegin") and first.receiver:
            return first.receiver
        if isinstance(first, ir.Call) and first.name in ("begin", "rbegin") and first.args:
            return first.args[0]
        return first
    if name in ("sort", "sortBy") and recv is not None:
        return recv
    return None


def _size(env: Env, e: ir.Expr | None, fallback: Cost) -> Cost:
    s = env.size(e) if e is not None else None
    return s if s is not None else fallback


def _const_width(call: ir.Call) -> bool:
    """`s.substring(i, i + 2)`, `s.substr(i, 3)`: a slice of constant width."""
    if len(call.args) != 2:
        return False
    a, b = call.args
    if call.name == "substr":
        return isinstance(b, ir.Num)
    if isinstance(b, ir.BinOp) and b.op == "+" and isinstance(b.right, ir.Num):
        return b.left.text == a.text
    return False


def library_term(env: Env, call: ir.Call, primary: Cost) -> Term:
    """Cost of evaluating `call` once (its arguments excluded), with a reason when not O(1)."""
    name, recv = call.name, call.receiver
    language = env.language
    line = call.line
    target = sorted_target(call)
    if target is not None:
        sorted_size = _size(env, target, primary)
        if sorted_size.constant:
            return Term()
        return Term(sorted_size * LOG).note(line, f"`{_short(call)}` sorts → n log n")
    rv: Val = env.infer(recv) if recv is not None else Val()
    arg0: Val = env.infer(call.args[0]) if call.args else Val()
    # heaps and sorted containers
    if (
        name in ("heappush", "heappop", "heapreplace", "heappushpop")
        and recv is not None
        or name in ("heappush", "heappop", "heapreplace", "heappushpop")
    ):
        return Term(LOG).note(line, f"`{_short(call)}`: heap operation → log n")
    if name in ("Push", "Pop") and isinstance(recv, ir.Name) and recv.id == "heap":
        return Term(LOG).note(line, f"`{_short(call)}`: heap operation → log n")
    if rv.kind == HEAP and name in _HEAP_OPS:
        return Term(LOG).note(line, f"`{_short(call)}`: heap operation → log n")
    if rv.kind == HEAP and name == "remove" and call.args:
        return Term(_size(env, recv, primary)).note(line, f"`{_short(call)}` searches the heap")
    if rv.kind in SORTED and name in SORTED_CONTAINER_LOG:
        return Term(LOG).note(line, f"`{_short(call)}`: balanced-tree operation → log n")
    if name in LOG_FUNCS:
        return Term(LOG).note(line, f"`{_short(call)}`: binary search → log n")
    if name in ("insort", "insort_left", "insort_right", "Insert", "Delete") and (
        recv is None or isinstance(recv, ir.Name) and recv.id in ("bisect", "slices")
    ):
        return _linear(env, call, call.args[0] if call.args else None, primary, _SHIFTS)
    if (
        name == "reduce"
        and len(call.args) >= 2
        and (recv is None or ir.root_name(recv) == "functools")
    ):
        return _linear(env, call, call.args[1], primary)  # `reduce(xor, nums)`
    if name in ("nlargest", "nsmallest") and len(call.args) >= 2:
        # a heap of k kept while scanning the items: n log k
        scanned = _size(env, call.args[1], primary)
        if scanned.constant:
            return Term()
        return Term(scanned * LOG).note(line, f"`{_short(call)}` keeps a heap of k → n log k")
    if name == "most_common" and recv is not None and rv.kind in (MAP, UNKNOWN):
        counted = _size(env, recv, primary)
        if counted.constant:
            return Term()
        how = "keeps a heap of k" if call.args else "sorts the counts"
        return Term(counted * LOG).note(line, f"`{_short(call)}` {how} → n log n")
    if name in ("comb", "factorial", "perm") and call.args:
        size: Cost | None = None
        for a in call.args:
            s = env.size(a)
            size = s if size is None else (s if s is not None and s.key() > size.key() else size)
        if size is not None and not size.constant:
            return Term(size).note(line, f"`{_short(call)}` multiplies about n numbers → n")
        return Term()
    if name == "heapify" and call.args:
        return Term(_size(env, call.args[0], primary))
    if rv.kind in HASHED:
        if name in ("values", "keys", "entries", "items") and language == "javascript":
            return Term(_size(env, recv, primary))
        if name in ("copy", "clone") or (
            name in LINEAR_METHODS
            and name not in SEQ_ONLY_LINEAR
            and name not in ("values", "keys", "entries")
        ):
            return Term(_size(env, recv, primary))
        return Term()
    # methods on sequences and strings
    static = (
        isinstance(recv, ir.Name)
        and recv.id not in env.vars
        and (recv.id[:1].isupper() or recv.id in STATIC_OWNERS)
    )
    if recv is not None and not static and rv.kind in (SEQ, STR, DEQUE, BUILDER, UNKNOWN):
        term = _sequence_method(env, call, rv, primary)
        if term is not None:
            return term
    # free functions and statics
    if isinstance(recv, ir.Name) and recv.id == "Object" and name in _JS_LINEAR_STATICS:
        return _linear(env, call, call.args[0] if call.args else None, primary)
    if (
        isinstance(recv, ir.Name)
        and recv.id in ("Math",)
        and name in ("max", "min")
        and any(isinstance(a, ir.UnOp) and a.op == "..." for a in call.args)
    ):
        return _linear(env, call, call.args[0], primary)
    if name in SCALAR_WHEN_MULTI_ARG and (len(call.args) != 1 or arg0.kind == INT):
        return Term()
    if name in ("append", "copy") and recv is None and language == "go":
        spread = any(isinstance(a, ir.UnOp) and a.op == "..." for a in call.args)
        if name == "copy" or spread:
            return _linear(env, call, call.args[-1] if call.args else None, primary)
        return Term()
    if name in ("str", "String", "toString", "int", "Number", "to_string", "Itoa"):
        if arg0.kind in (SEQ, MAP, SET):
            return _linear(env, call, call.args[0], primary)
        return Term()
    if name in ("list", "set", "dict", "tuple", "frozenset", "deque", "Counter") and not call.args:
        return Term()
    if name in LINEAR_FUNCS and (
        recv is None
        or ir.root_name(recv)
        in (
            "Arrays",
            "Collections",
            "strings",
            "slices",
            "Array",
            "String",
            "heapq",
            "math",
            "std",
            "bytes",
            "List",
            "Set",
            "Map",
        )
    ):
        first = call.args[0] if call.args else None
        if isinstance(first, ir.Comp):
            return Term()
        if isinstance(first, ir.Call) and first.name in _BEGINS and first.receiver is not None:
            first = first.receiver  # `accumulate(v.cbegin(), v.cend(), 0)`
        if first is not None and (
            env.infer(first).kind in (INT,) and name not in ("valueOf", "from")
        ):
            return Term()
        return _linear(env, call, first, primary)
    return Term()


def _sequence_method(env: Env, call: ir.Call, rv: Val, primary: Cost) -> Term | None:
    name, recv = call.name, call.receiver
    assert recv is not None
    if name in (
        "pop",
        "shift",
        "remove",
        "pop_front",
        "erase",
        "insert",
        "unshift",
        "splice",
        "add",
    ) and rv.kind in (SEQ, UNKNOWN):
        front = bool(
            (name == "pop" and call.args and _is_zero(call.args[0]))
            or name in ("shift", "unshift", "splice")
            or (
                name in ("insert", "add", "erase")
                and len(call.args) >= 2
                and _is_zero(call.args[0])
            )
        )
        front = front or bool(
            name == "erase"
            and call.args
            and isinstance(call.args[0], ir.Call)
            and call.args[0].name == "begin"
        )
        # `a.insert(i, x)`, `list.add(i, x)`, `v.insert(v.begin() + i, x)`: every element after
        # the position moves (unless the position is the end)
        front = front or bool(
            name in ("insert", "add") and len(call.args) >= 2 and not _at_end(call.args[0], recv)
        )
        if front and env.language in ("javascript",) and name == "shift" and rv.kind == UNKNOWN:
            return None
        if front:
            return _linear(env, call, recv, primary, _SHIFTS)
        if name == "remove" and env.language == "python":
            return _linear(env, call, recv, primary, "searches the list")
        return Term()
    if name in ("substring", "substr", "slice", "subList", "Substring") and _const_width(call):
        return Term()
    if name in LINEAR_METHODS:
        if rv.kind == BUILDER and name not in ("toString", "String", "reverse", "insert"):
            return None
        if rv.kind == UNKNOWN and name in (
            "remove",
            "count",
            "get",
            "find",
            "values",
            "keys",
            "entries",
            "add",
            "contains",
            "has",
            "copy",
        ):
            return None
        if rv.kind == DEQUE and name in ("remove", "contains", "count"):
            return _linear(env, call, recv, primary)
        if (
            name in ("stream", "chars", "values", "keys", "entries")
            and env.language != "javascript"
        ):
            return None
        return _linear(env, call, recv, primary)
    return None


_SHIFTS = "shifts the elements after the position"


def _at_end(pos: ir.Expr, recv: ir.Expr) -> bool:
    """`len(a)`, `a.size()`, `a.length`, `a.end()`: the position just past the last element."""
    if isinstance(pos, ir.Attr) and pos.attr in ("length", "size"):
        return pos.obj.text == recv.text
    if isinstance(pos, ir.Call) and pos.name in ("len", "size", "length", "end", "Len"):
        of = pos.receiver if pos.receiver is not None else (pos.args[0] if pos.args else None)
        return of is not None and of.text == recv.text
    return False


def _is_zero(e: ir.Expr) -> bool:
    return isinstance(e, ir.Num) and e.value == 0


def _linear(
    env: Env, call: ir.Call, over: ir.Expr | None, primary: Cost, what: str = "scans"
) -> Term:
    size = env.size(over) if over is not None else None
    if size is not None and size.constant:
        return Term()
    if size is None and over is not None and env.infer(over).kind == UNKNOWN:
        # a value of unknown shape (a helper's result, a tuple): do not charge a scan for it
        return Term(ONE, (), Confidence.MEDIUM)
    confidence = Confidence.HIGH if size is not None else Confidence.MEDIUM
    size = size if size is not None else primary
    return Term(size, (), confidence).note(call.line, f"`{_short(call)}` {what} → n per call")


def _short(e: ir.Expr) -> str:
    text = " ".join(e.text.split())
    return text if len(text) <= 48 else text[:45] + "..."


__all__ = ["library_term", "sorted_target"]
