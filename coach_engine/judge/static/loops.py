"""Classifying one loop: how many times does it run, and why.

A loop is `counted` (trips grow linearly with a size), `log` (its variable is multiplied or
divided each step, or a lo/hi range is halved around a `mid`), a `worklist` (runs while a
stack/queue is non-empty), a `pointer` walk (`cur = cur.next`), `const` (bounded by a literal),
or `unknown` (a fixpoint loop: the caller decides, with low confidence).
"""

from __future__ import annotations

from dataclasses import dataclass

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import LOG, ONE, Cost, bigger, root
from coach_engine.judge.static.infer import Env
from coach_engine.judge.static.library import POP_METHODS
from coach_engine.judge.static.values import INT, LINKED, TREE

COMPARE = frozenset({"<", "<=", ">", ">=", "!=", "!=="})
ADDITIVE = frozenset({"++", "--", "+=", "-="})
GEOMETRIC = frozenset({"*=", "/=", "//=", ">>=", "<<=", ">>>=", "&="})
_EMPTY_CALLS = frozenset({"empty", "isEmpty", "Empty", "is_empty"})
_LEN_CALLS = frozenset({"len", "size", "length", "Len"})
_ELEMENT_AT = frozenset({"charAt", "at", "get", "codePointAt", "charCodeAt"})
_NEXT_ATTRS = frozenset({"next", "Next", "left", "right", "Left", "Right", "parent", "prev"})


@dataclass
class LoopInfo:
    kind: str
    size: Cost | None = None
    var: str | None = None
    container: str | None = None
    desc: str = ""


def names_in(e: ir.Expr | None) -> set[str]:
    if e is None:
        return set()
    return {x.id for x in ir.walk_expr(e) if isinstance(x, ir.Name)}


def ordered_names(e: ir.Expr | None) -> list[str]:
    """The variables of `e` in the order they appear (a set's order would vary between runs)."""
    if e is None:
        return []
    return list(dict.fromkeys(x.id for x in ir.walk_expr(e) if isinstance(x, ir.Name)))


def name_updates(stmts: list[ir.Stmt]) -> list[tuple[str, str, ir.Expr | None]]:
    """(var, op, value) for every simple-name assignment in `stmts`, nested ones included."""
    out: list[tuple[str, str, ir.Expr | None]] = []
    for s in ir.walk_stmts(stmts):
        if isinstance(s, ir.Assign):
            for t in s.targets:
                if isinstance(t, ir.Name):
                    value = s.value
                    if isinstance(value, ir.Coll) and len(value.elts) == len(s.targets):
                        value = value.elts[s.targets.index(t)]
                    out.append((t.id, s.op, value))
        for top in ir.stmt_exprs(s):
            for e in ir.walk_expr(top):
                if isinstance(e, ir.AssignE) and isinstance(e.target, ir.Name):
                    out.append((e.target.id, e.op, e.value))
    return out


def step_kind(var: str, op: str, value: ir.Expr | None) -> str | None:
    """'add' / 'geo' for an update of `var`, None when it is not a step of that variable."""
    if op in ADDITIVE:
        return "add"
    if op in GEOMETRIC:
        return "geo"
    if op == "=" and value is not None:
        inner = value
        while isinstance(inner, ir.Call) and inner.name in ("int", "floor", "trunc") and inner.args:
            inner = inner.args[0]
        if isinstance(inner, ir.BinOp) and var in names_in(inner):
            if inner.op in ("+", "-") and isinstance(inner.left, ir.Name) and inner.left.id == var:
                return "add"
            if inner.op in ("*", "/", "//", ">>", "<<", "&"):
                return "geo"
    return None


def worklist_of(cond: ir.Expr | None, env: Env) -> str | None:
    """The container a `while <it is not empty>` condition watches, if that is what it does."""
    if cond is None:
        return None
    parts = [cond]
    if isinstance(cond, ir.BinOp) and cond.op in ("and", "&&"):
        parts = [cond.left]
    c = parts[0]
    if isinstance(c, ir.Name):
        val = env.get(c.id)
        return c.id if val.kind not in (INT, "bool", "float", TREE, LINKED, "obj") else None
    if isinstance(c, ir.UnOp) and c.op in ("!", "not"):
        inner = c.operand
        if isinstance(inner, ir.Call) and inner.name in _EMPTY_CALLS and inner.receiver:
            return ir.root_name(inner.receiver)
        return None
    top = _top_of(c)
    if top is not None:
        return top
    if isinstance(c, ir.BinOp) and c.op in (">", "!=", "!==", ">="):
        left = c.left
        if isinstance(c.right, ir.Name) or (
            isinstance(c.right, ir.Num) and c.right.value in (0.0, 1.0)
        ):
            if isinstance(left, ir.Call) and left.name in _LEN_CALLS:
                target = (
                    left.receiver
                    if left.receiver is not None
                    else (left.args[0] if left.args else None)
                )
                return ir.root_name(target) if target is not None else None
            if isinstance(left, ir.Attr) and left.attr in ("length", "size"):
                return ir.root_name(left.obj)
    if isinstance(c, ir.Attr) and c.attr == "length":
        return ir.root_name(c.obj)
    if (
        isinstance(c, ir.Call)
        and c.name in ("size", "length", "len", "Len")
        and (c.receiver is not None or c.args)
    ):
        target = c.receiver if c.receiver is not None else c.args[0]
        return ir.root_name(target)
    return None


def _top_of(c: ir.Expr) -> str | None:
    """`stk.back() != -1`, `stack[-1] != sentinel`: a stack with a sentinel at the bottom, watched
    until its top is the sentinel (a non-empty test in other words)."""
    if not (isinstance(c, ir.BinOp) and c.op in ("!=", "!==")):
        return None
    left = c.left
    if isinstance(left, ir.Call) and left.name in ("back", "top", "peek", "peekLast", "at"):
        if left.receiver is not None and (left.name != "at" or _minus_one(left.args)):
            return ir.root_name(left.receiver)
    if isinstance(left, ir.Index) and (
        _minus_one([left.index]) or _last_index(left.index, ir.root_name(left.obj))
    ):
        return ir.root_name(left.obj)
    return None


def _minus_one(args: list[ir.Expr]) -> bool:
    if len(args) != 1:
        return False
    a = args[0]
    if isinstance(a, ir.Num):
        return a.value == -1.0
    return (
        isinstance(a, ir.UnOp)
        and a.op == "-"
        and isinstance(a.operand, ir.Num)
        and (a.operand.value == 1.0)
    )


def _last_index(e: ir.Expr, of: str | None) -> bool:
    """`len(stk) - 1`, `stk.length - 1`, `stk.size() - 1`."""
    if of is None or not (isinstance(e, ir.BinOp) and e.op == "-"):
        return False
    if not (isinstance(e.right, ir.Num) and e.right.value == 1.0):
        return False
    x = e.left
    if isinstance(x, ir.Call) and x.name in _LEN_CALLS:
        target = x.receiver if x.receiver is not None else (x.args[0] if x.args else None)
        return target is not None and ir.root_name(target) == of
    return isinstance(x, ir.Attr) and x.attr in ("length", "size") and ir.root_name(x.obj) == of


def _consumed(body: list[ir.Stmt], name: str) -> bool:
    """Is `name` popped from or reassigned inside `body` (so a while-not-empty loop ends)?"""
    for e in ir.all_exprs(body):
        if (
            isinstance(e, ir.Call)
            and e.receiver is not None
            and e.name in POP_METHODS
            and ir.root_name(e.receiver) == name
        ):
            return True
        if (
            isinstance(e, ir.Call)
            and e.name in ("heappop", "Pop")
            and e.args
            and ir.root_name(e.args[0]) == name
        ):
            return True
    return any(var == name and op == "=" for var, op, _ in name_updates(body))


def _shrinking(body: list[ir.Stmt]) -> str | None:
    """A loop that narrows its working range to one part of a partition each round: the
    container is replaced by a filtered copy of itself, or `lo`/`hi` jump to partition indices
    computed by an inner loop."""
    filtered: dict[str, str] = {}
    for s in ir.walk_stmts(body):
        if (
            isinstance(s, ir.Assign)
            and s.op == "="
            and len(s.targets) == 1
            and isinstance(s.targets[0], ir.Name)
            and isinstance(s.value, ir.Comp)
        ):
            gen = s.value.gens[0] if s.value.gens else None
            if gen is not None and gen.conds and isinstance(gen.iter, ir.Name):
                filtered[s.targets[0].id] = gen.iter.id
    for s in body:
        for v, op, value in name_updates([s]) if isinstance(s, ir.Assign | ir.If) else []:
            if op != "=" or value is None:
                continue
            if (
                isinstance(value, ir.Comp)
                and value.gens
                and value.gens[0].conds
                and isinstance(value.gens[0].iter, ir.Name)
                and value.gens[0].iter.id == v
            ):
                return v
            if isinstance(value, ir.Name) and filtered.get(value.id) == v:
                return v
    inner = [s for s in body if isinstance(s, ir.Loop)]
    if not inner:
        return None
    moved_inside = {v for lp in inner for v, _, _ in name_updates(lp.body)}
    bounds = {n for lp in inner for n in names_in(lp.cond)}
    for v, op, value in name_updates([s for s in body if isinstance(s, ir.Assign)]):
        if v in bounds and op == "=" and value is not None:
            bounds |= names_in(value)
    for s in body:
        if not isinstance(s, ir.If):
            continue
        for v, op, value in name_updates([s]):
            if (
                op == "="
                and v in bounds
                and v not in moved_inside
                and value is not None
                and names_in(value) & moved_inside
            ):
                return v
    return None


def _partitioned(body: list[ir.Stmt], cond: ir.Expr | None, env: Env) -> str | None:
    """The quickselect loop whose partition is a helper: `p = partition(nums, lo, hi)` (or a
    pair, `[pl, pr] = tri_partition(lo, hi, pivot, &nums)`) takes both ends of the range the
    loop condition tests and the sized container, and a branch moves an end to what it
    returned (`hi = p - 1`). The helper's work is linear in the range, which the branch keeps
    one side of: n + n/2 + ... = O(n) expected, as for an inline partition (`_shrinking`)."""
    ends = names_in(cond)
    if len(ends) < 2:
        return None
    parts: set[str] = set()
    for v, op, value in name_updates([s for s in body if isinstance(s, ir.Assign)]):
        if op != "=" or not isinstance(value, ir.Call) or len(names_in(value) & ends) < 2:
            continue
        sizes = [env.get(a).size for a in names_in(value) - ends]
        if any(size is not None and not size.constant for size in sizes):
            parts.add(v)  # also takes the sized container: it partitions it
    if not parts:
        return None
    for s in body:
        if not isinstance(s, ir.If):
            continue
        for v, op, value in name_updates([s]):
            if op == "=" and v in ends and value is not None and names_in(value) & parts:
                return v
    return None


def _growing_bound(cond: ir.Expr, body: list[ir.Stmt]) -> str | None:
    """`while head < len(queue)` where the body appends to `queue`: a queue read by index."""
    if not isinstance(cond, ir.BinOp) or cond.op not in ("<", "<=", "!=", "!=="):
        return None
    bound = cond.right
    target: ir.Expr | None = None
    if isinstance(bound, ir.Attr) and bound.attr in ("length", "size"):
        target = bound.obj
    elif isinstance(bound, ir.Call) and bound.name in _LEN_CALLS:
        target = (
            bound.receiver
            if bound.receiver is not None
            else (bound.args[0] if bound.args else None)
        )
    name = ir.root_name(target) if target is not None else None
    if name is None:
        return None
    for e in ir.all_exprs(body):
        if (
            isinstance(e, ir.Call)
            and e.name in ("push", "append", "add", "push_back", "offer")
            and e.receiver is not None
            and ir.root_name(e.receiver) == name
        ):
            return name
    for s in ir.walk_stmts(body):
        if (
            isinstance(s, ir.Assign)
            and isinstance(s.value, ir.Call)
            and s.value.name == "append"
            and s.value.args
            and ir.root_name(s.value.args[0]) == name
        ):
            return name
    return None


def _pointer(cond: ir.Expr, body: list[ir.Stmt], env: Env) -> str | None:
    updates = name_updates(body)
    links = {v for v, op, value in updates if op in ("=", ":=") and _is_link(value)}
    for var in ordered_names(cond):
        for v, op, value in updates:
            if v != var or op not in ("=", ":="):
                continue
            if _is_link(value) or (isinstance(value, ir.Name) and value.id in links):
                return var
    return None


def _is_link(value: ir.Expr | None) -> bool:
    """`cur.next`, `node->left`, `fast.next.next`: following a link of a node."""
    return isinstance(value, ir.Attr) and value.attr in _NEXT_ATTRS


def _is_mid(value: ir.Expr | None, lo: str, hi: str, mids: set[str]) -> bool:
    if value is None:
        return False
    found = names_in(value)
    if found & mids:
        return True
    if lo in found and hi in found:
        return any(
            isinstance(x, ir.BinOp) and x.op in ("/", "//", ">>", ">>>")
            for x in ir.walk_expr(value)
        )
    return False


def classify(loop: ir.Loop, env: Env) -> LoopInfo:
    """Trip count of `loop`, before amortisation (which needs the caller's context)."""
    if loop.kind == "foreach":
        return _foreach(loop, env)
    if loop.kind == "for" and loop.update:
        info = _c_for(loop, env)
        if info is not None:
            return info
    return _while(loop, env)


def _foreach(loop: ir.Loop, env: Env) -> LoopInfo:
    it = loop.iter
    if it is None:
        return LoopInfo("unknown")
    size = env.trips_of_iter(it)
    val = env.infer(it)
    desc = f"loop over `{it.text}`"
    if val.const or (size is not None and size.constant):
        return LoopInfo("const", ONE, container=ir.root_name(it), desc=desc)
    if size is None:
        return LoopInfo("unknown", None, container=ir.root_name(it), desc=desc)
    return LoopInfo("counted", size, container=ir.root_name(it), desc=desc)


def _bound_size(var: str, cond: ir.Expr, env: Env) -> tuple[Cost | None, bool]:
    """Size of what `var` is compared against in `cond`; second item: compared through `*`."""
    best: Cost | None = None
    squared = False
    for e in ir.walk_expr(cond):
        if isinstance(e, ir.BinOp) and e.op in COMPARE | {"==", "==="}:
            left, right = names_in(e.left), names_in(e.right)
            other = e.right if var in left else e.left if var in right else None
            mine = e.left if var in left else e.right
            if other is None:
                continue
            if _squares(mine, var):
                squared = True
            s = env.size(other)
            if s is not None:
                best = s if best is None else bigger(best, s)
    return best, squared


def _squares(e: ir.Expr, var: str) -> bool:
    """`i * i`, `(k + 1) * (k + 1)`, `i ** 2`: `var` multiplied by itself."""
    for x in ir.walk_expr(e):
        if isinstance(x, ir.BinOp) and x.op == "*":
            if var in names_in(x.left) and var in names_in(x.right):
                return True
        if isinstance(x, ir.BinOp) and x.op == "**" and var in names_in(x.left):
            return isinstance(x.right, ir.Num) and x.right.value == 2
    return False


def _c_for(loop: ir.Loop, env: Env) -> LoopInfo | None:
    if loop.cond is not None:
        grown = _growing_bound(loop.cond, loop.body)
        if grown is not None:
            return LoopInfo(
                "worklist",
                None,
                container=grown,
                desc=f"loop until a read index reaches the end of `{grown}`, "
                f"which the loop appends to (a queue)",
            )
    return _c_for_counted(loop, env)


def _c_for_counted(loop: ir.Loop, env: Env) -> LoopInfo | None:
    steps = [(v, step_kind(v, op, value)) for v, op, value in name_updates(loop.update)]
    steps = [(v, k) for v, k in steps if k is not None]
    if not steps:
        return None
    cond_names = names_in(loop.cond)
    var, kind = next(((v, k) for v, k in steps if v in cond_names), steps[0])
    init_size: Cost | None = None
    for v, _, value in name_updates(loop.init):
        if v == var and value is not None:
            init_size = env.size(value)
    always = loop.cond is None or (isinstance(loop.cond, ir.Lit) and loop.cond.kind == "true")
    if always and kind == "add":
        # `for (i = 0;; ++i)`: runs until something inside stops it; the start bounds nothing,
        # the sequence the counter indexes does
        walked = _indexed_size(var, None, loop.body, env)
        desc = f"loop on `{var}` without a condition, indexing a sequence"
        if walked is None:
            return LoopInfo("unknown", None, var=var, desc=desc)
        return LoopInfo("counted", walked, var=var, desc=desc)
    bound, squared = (None, False) if loop.cond is None else _bound_size(var, loop.cond, env)
    if bound is None and kind == "add" and var in names_in(loop.cond):
        init_size = None  # `for (s = 1; s <= nums[i]; s++)`: the start does not bound it
    sizes = [s for s in (bound, init_size) if s is not None]
    size = sizes[0] if sizes else None
    for s in sizes[1:]:
        size = bigger(size or s, s)
    desc = f"loop on `{var}` (`{loop.cond.text if loop.cond else ''}`)"
    if kind == "geo":
        # multiplied or divided each step: log of whichever end grows (the bound, the start or
        # the value the counter already holds: `for (; e > 0; e /= 2)`)
        ends = [s for s in (bound, init_size, env.get(var).size) if s is not None]
        if ends and all(s.constant for s in ends):
            return LoopInfo("const", ONE, var=var, desc=desc)
        return LoopInfo("log", LOG, var=var, desc=desc)
    if size is not None and size.constant:
        return LoopInfo("const", ONE, var=var, desc=desc)
    if squared and size is not None:
        return LoopInfo("counted", root(size), var=var, desc=desc + " up to a square root")
    return LoopInfo("counted" if size is not None else "unknown", size, var=var, desc=desc)


def _while(loop: ir.Loop, env: Env) -> LoopInfo:
    cond = loop.cond
    body = loop.body + loop.update
    shrinking = _shrinking(loop.body) or _partitioned(loop.body, cond, env)
    if shrinking is not None:
        return LoopInfo(
            "shrinking",
            ONE,
            var=shrinking,
            desc=f"each round keeps only one side of a partition of `{shrinking}` "
            f"(quickselect-style): n + n/2 + ... = O(n) expected, O(n^2) worst",
        )
    if (
        cond is None
        or (isinstance(cond, ir.Lit) and cond.kind == "true")
        or (isinstance(cond, ir.Num) and cond.value == 1.0)
    ):
        halved = _halving_without_condition(body)
        if halved is not None:
            return LoopInfo(
                "log",
                LOG,
                var=halved,
                desc=f"binary search without a loop condition: both ends move to `{halved}`, "
                f"halving the range",
            )
        for v, op, value in name_updates(body):  # `while True: i += 1; if a[i] >= x: break`
            if step_kind(v, op, value) == "add":
                walked = _indexed_size(v, None, body, env)
                if walked is not None and not walked.constant:
                    return LoopInfo(
                        "counted",
                        walked,
                        var=v,
                        desc=f"loop without a condition, stepping `{v}` through a sequence",
                    )
        return LoopInfo("unknown", desc="loop without a bound (`while true`)")
    work = worklist_of(cond, env)
    if work is not None and _consumed(body, work):
        return LoopInfo("worklist", None, container=work, desc=f"loop while `{work}` is not empty")
    grown = _growing_bound(cond, body)
    if grown is not None:
        return LoopInfo(
            "worklist",
            None,
            container=grown,
            desc=f"loop until a read index reaches the end of `{grown}`, which the "
            f"loop appends to (a queue)",
        )
    ptr = _pointer(cond, body, env)
    if ptr is not None:
        val = env.get(ptr)
        return LoopInfo("pointer", val.size, var=ptr, desc=f"walk `{ptr}` along the links")
    updates = name_updates(body) + [  # `while (nums[++i] < x)`: the step is in the condition
        (x.target.id, x.op, x.value)
        for x in ir.walk_expr(cond)
        if isinstance(x, ir.AssignE) and isinstance(x.target, ir.Name)
    ]
    cond_names = names_in(cond)
    mids = {
        v
        for v, op, value in updates
        if op == "="
        and value is not None
        and len(names_in(value) & cond_names) >= 2
        and any(
            isinstance(x, ir.BinOp) and x.op in ("/", "//", ">>", ">>>")
            for x in ir.walk_expr(value)
        )
    }
    moving = [(v, step_kind(v, op, value), value) for v, op, value in updates if v in cond_names]
    halving = [v for v, _, value in moving if _is_mid(value, *_pair(cond_names), mids)]
    if halving and len(cond_names) >= 2:
        lo, hi = _pair(cond_names)
        return LoopInfo(
            "log",
            LOG,
            var=halving[0],
            desc=f"binary search: `{lo}`/`{hi}` move to `mid`, halving the range",
        )
    geo = [v for v, k, _ in moving if k == "geo"]
    if geo:
        return LoopInfo("log", LOG, var=geo[0], desc=f"`{geo[0]}` shrinks geometrically")
    add = [v for v, k, _ in moving if k == "add"]
    if add:
        indexed = _indexed_size(add[0], cond, body, env)
        if indexed is not None and not indexed.constant:
            return LoopInfo(
                "counted",
                indexed,
                var=add[0],
                desc=f"loop while `{cond.text}`, stepping `{add[0]}`",
            )
        size: Cost | None = None
        for v in ordered_names(cond):
            s = env.get(v).size
            if s is not None:
                size = s if size is None else bigger(size, s)
        var_sizes, squared = _bound_size(add[0], cond, env)
        if var_sizes is not None:
            size = var_sizes if size is None else bigger(size, var_sizes)
        desc = f"loop while `{cond.text}`, stepping `{add[0]}`"
        if squared and var_sizes is not None and not var_sizes.constant:
            return LoopInfo(
                "counted", root(var_sizes), var=add[0], desc=desc + " up to a square root"
            )
        if size is not None and size.constant:
            return LoopInfo("const", ONE, var=add[0], desc=desc)
        return LoopInfo("counted" if size is not None else "unknown", size, var=add[0], desc=desc)
    for v, op, value in updates:
        if step_kind(v, op, value) == "add":
            indexed = _indexed_size(v, cond, body, env)
            if indexed is not None and not indexed.constant:
                return LoopInfo(
                    "counted",
                    indexed,
                    var=v,
                    desc=f"loop while `{cond.text}`, advancing `{v}` through a sequence",
                )
    return LoopInfo("unknown", desc=f"loop while `{cond.text}`")


def _halving_without_condition(body: list[ir.Stmt]) -> str | None:
    """`while True: i = (l + r) // 2; ... r = i - 1 ... l = i + 1`: a mid between two ends, and
    both ends move to it."""
    updates = name_updates(body)
    for mid, op, value in updates:
        if op != "=" or value is None:
            continue
        halves = any(
            isinstance(x, ir.BinOp) and x.op in ("/", "//", ">>", ">>>")
            for x in ir.walk_expr(value)
        )
        ends = names_in(value) - {mid}
        if not halves or len(ends) < 2:
            continue
        moved = {v for v, op2, w in updates if v in ends and op2 == "=" and mid in names_in(w)}
        if len(moved) >= 2:
            return mid
    return None


def _indexed_size(var: str, cond: ir.Expr | None, body: list[ir.Stmt], env: Env) -> Cost | None:
    """Size of the container `var` indexes (`s[left]`, `s.charAt(left++)`, `v.at(i)` → len(s)):
    the range it can walk."""
    exprs = [*([cond] if cond is not None else []), *ir.all_exprs(body)]
    for top in exprs:
        for e in ir.walk_expr(top):
            if isinstance(e, ir.Index):
                seq, index = e.obj, e.index
            elif isinstance(e, ir.Call) and e.name in _ELEMENT_AT and e.receiver and e.args:
                seq, index = e.receiver, e.args[0]
            else:
                continue
            if isinstance(index, ir.AssignE):
                index = index.target
            if isinstance(index, ir.Name) and index.id == var:
                size = env.infer(seq).size
                if size is not None:
                    return size
    return None


def _pair(names: set[str]) -> tuple[str, str]:
    ordered = sorted(names, key=lambda n: (n not in ("lo", "low", "l", "left", "start", "i"), n))
    if len(ordered) < 2:
        return (ordered[0], ordered[0]) if ordered else ("lo", "hi")
    return ordered[0], ordered[1]
