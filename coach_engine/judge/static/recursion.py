"""Recursion, structurally: how a function calls itself, on what, and whether it memoises.

The time analysis combines this with the work one call does: a tree walk visits each node once;
a graph/grid walk that marks what it visited visits each cell once overall; `n - 1` with one call
per level is n deep, with two it is exponential; halving is log-deep (or divide and conquer);
memoisation bounds the calls by the number of distinct argument tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import LOG, ONE, Cost, bigger, dim, product
from coach_engine.judge.static.library import INSERT_METHODS, POP_METHODS
from coach_engine.judge.static.loops import classify, names_in
from coach_engine.judge.static.scope import Program
from coach_engine.judge.static.values import INT, LINKED, SEQ, TREE

_CHILD = frozenset({"left", "right", "next", "Left", "Right", "Next", "children", "child"})
_MEMO_DECORATORS = ("cache", "lru_cache", "memo")
_WRITE_CALLS = INSERT_METHODS | {"__setitem__"}
_UNDO_CALLS = POP_METHODS | {"discard", "delete", "erase", "remove", "clear"}


@dataclass
class RecInfo:
    func: ir.FuncDef
    sites: list[ir.Call]
    branching: int | None  # self-calls along one path; None: driven by a loop over the input
    shape: str  # tree | graph | step | half | unknown
    memo: str | None = None
    marks: str | None = None
    unmarks: bool = False
    varying: list[str] = field(default_factory=list)


def self_calls(prog: Program, f: ir.FuncDef, exprs: list[ir.Expr]) -> list[ir.Call]:
    return [
        e
        for top in exprs
        for e in ir.walk_expr(top)
        if isinstance(e, ir.Call) and prog.callee(e) is f
    ]


def _branching(prog: Program, f: ir.FuncDef, stmts: list[ir.Stmt]) -> int | None:
    """Self-calls made along the costliest path through `stmts` (None: inside a loop that is not
    of constant length). Branches that exclude each other count once: the two arms of an `if` or
    of `c ? f(a) : f(b)`, and an `if` that returns against the statements after it."""
    total = 0
    for k, s in enumerate(stmts):
        own = sum(_path_calls(prog, f, e) for e in ir.stmt_exprs(s))
        if isinstance(s, ir.If):
            a, b = _branching(prog, f, s.body), _branching(prog, f, s.orelse)
            if a is None or b is None:
                return None
            body_exits, else_exits = _exits(s.body), bool(s.orelse) and _exits(s.orelse)
            if body_exits or else_exits:
                rest = 0 if body_exits and else_exits else _branching(prog, f, stmts[k + 1 :])
                if rest is None:
                    return None
                a, b = (a, b + rest) if body_exits else (a + rest, b)
                return total + own + max(a, b)
            total += own + max(a, b)
        elif isinstance(s, ir.Loop):
            inner = _branching(prog, f, s.body)
            if inner is None:
                return None
            if inner:
                info = classify(s, prog.env)
                if info.kind != "const":
                    return None
                total += inner * _literal_length(prog, s.iter)
            total += own
        elif isinstance(s, ir.Compound):
            parts = [_branching(prog, f, b) for b in s.bodies]
            if any(p is None for p in parts):
                return None
            if s.kind != "switch":
                total += own + sum(p or 0 for p in parts)
                continue
            # one case runs; a case that returns excludes the statements after the switch
            leave = [p or 0 for p, b in zip(parts, s.bodies, strict=True) if _exits(b)]
            stay = [p or 0 for p, b in zip(parts, s.bodies, strict=True) if not _exits(b)]
            if not leave:
                total += own + max(stay, default=0)
                continue
            rest = _branching(prog, f, stmts[k + 1 :])
            if rest is None:
                return None
            return total + own + max(max(leave), max(stay, default=0) + rest)
        else:
            total += own
    return total


def _path_calls(prog: Program, f: ir.FuncDef, e: ir.Expr) -> int:
    """Self-calls evaluated by `e` on its costliest path (one arm of a conditional expression)."""
    if isinstance(e, ir.Lambda):
        return 0
    if isinstance(e, ir.Cond):
        arms = max(_path_calls(prog, f, e.body), _path_calls(prog, f, e.orelse))
        return _path_calls(prog, f, e.test) + arms
    own = 1 if isinstance(e, ir.Call) and prog.callee(e) is f else 0
    return own + sum(_path_calls(prog, f, x) for x in ir.sub_exprs(e))


def _exits(block: list[ir.Stmt]) -> bool:
    """Does `block` always leave the function (return or throw) once entered?"""
    if not block:
        return False
    last = block[-1]
    if isinstance(last, ir.Return) or isinstance(last, ir.Jump) and last.kind in ("throw", "raise"):
        return True
    if isinstance(last, ir.If):
        return _exits(last.body) and bool(last.orelse) and _exits(last.orelse)
    return False


def _literal_length(prog: Program, it: ir.Expr | None) -> int:
    if isinstance(it, ir.Coll):
        return max(1, len(it.elts))
    if isinstance(it, ir.Name):
        for fn in prog.reachable():
            for s in ir.walk_stmts(fn.body):
                if (
                    isinstance(s, ir.Assign)
                    and isinstance(s.value, ir.Coll | ir.New)
                    and any(isinstance(t, ir.Name) and t.id == it.id for t in s.targets)
                ):
                    value = s.value
                    if isinstance(value, ir.New) and isinstance(value.init, ir.Coll):
                        value = value.init
                    if isinstance(value, ir.Coll):
                        return max(1, len(value.elts))
    return 4


def _mids(f: ir.FuncDef) -> set[str]:
    out: set[str] = set()
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Assign) and s.value is not None and len(names_in(s.value)) >= 1:
            if any(
                isinstance(x, ir.BinOp) and x.op in ("/", "//", ">>", ">>>")
                for x in ir.walk_expr(s.value)
            ):
                out.update(t.id for t in s.targets if isinstance(t, ir.Name))
    return out


def _loop_sources(f: ir.FuncDef) -> dict[str, ir.Expr]:
    out: dict[str, ir.Expr] = {}
    for e in ir.all_exprs(f.body):  # `any(dfs(v) for v in graph[u])`
        if isinstance(e, ir.Comp):
            for g in e.gens:
                for t in g.targets:
                    for n in ir.walk_expr(t):
                        if isinstance(n, ir.Name):
                            out[n.id] = g.iter
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Loop) and s.kind == "foreach" and s.iter is not None:
            for t in s.targets:
                for n in ir.walk_expr(t):
                    if isinstance(n, ir.Name):
                        out[n.id] = s.iter
        if isinstance(s, ir.Loop) and s.kind == "for":
            for init in s.init:
                if isinstance(init, ir.Assign) and init.value is not None:
                    for t in init.targets:
                        if isinstance(t, ir.Name):
                            out[t.id] = init.value
    return out


_ROUNDING = frozenset({"floor", "trunc", "int", "ceil", "parseInt", "round", "abs"})


def _arg_kind(
    p: str, arg: ir.Expr, mids: set[str], sources: dict[str, ir.Expr], collection: bool = False
) -> str:
    while isinstance(arg, ir.Call) and arg.name in _ROUNDING and len(arg.args) == 1:
        arg = arg.args[0]  # `Math.floor(n / 2)`, `int(n / 2)`: the value, rounded
    if isinstance(arg, ir.UnOp) and arg.op == "-":
        arg = arg.operand  # `f(x, -n)`: the same magnitude, with the sign flipped
    if isinstance(arg, ir.Name) and arg.id == p:
        return "same"
    if collection and p in names_in(arg) and isinstance(arg, ir.BinOp | ir.Slice | ir.Call):
        return "step+"  # a list/string passed on with an element added or removed
    if (
        isinstance(arg, ir.Attr)
        and isinstance(arg.obj, ir.Name)
        and arg.obj.id == p
        and arg.attr in _CHILD
    ):
        return "tree"
    if isinstance(arg, ir.Name) and arg.id in sources:
        src = sources[arg.id]
        if p in names_in(src):
            return (
                "tree"
                if any(isinstance(x, ir.Attr) and x.attr in _CHILD for x in ir.walk_expr(src))
                else "graph"
            )
        return "graph"
    found = names_in(arg)
    if found & mids:
        return "half"
    if (
        isinstance(arg, ir.BinOp)
        and arg.op in ("+", "-")
        and isinstance(arg.left, ir.Name)
        and arg.left.id in sources
        and p in names_in(sources[arg.left.id])
        and isinstance(arg.right, ir.Num)
    ):
        return "step+" if arg.op == "+" else "step-"
    if isinstance(arg, ir.BinOp) and p in found:
        if arg.op in ("//", "/", ">>") and isinstance(arg.right, ir.Num):
            return "half"
        if arg.op in ("+", "-"):
            other = arg.right if isinstance(arg.left, ir.Name) and arg.left.id == p else arg.left
            if isinstance(other, ir.Num):
                up = (arg.op == "+") == ((other.value or 0) > 0)
                return "step+" if up else "step-"
            if isinstance(other, ir.UnOp) and isinstance(other.operand, ir.Num):
                return "step-" if arg.op == "+" else "step+"
            return "move"
    if isinstance(arg, ir.Slice) and isinstance(arg.obj, ir.Name) and arg.obj.id == p:
        bounds = [b for b in (arg.lo, arg.hi) if b is not None]
        if any(
            names_in(b) & mids or isinstance(b, ir.BinOp) and b.op in ("//", "/", ">>")
            for b in bounds
        ):
            return "half"
        return "step+"
    if (
        isinstance(arg, ir.Call)
        and arg.name in ("substring", "slice", "substr", "subList")
        and arg.receiver is not None
        and ir.root_name(arg.receiver) == p
    ):
        return "half" if any(names_in(a) & mids for a in arg.args) else "step+"
    if p in found:
        return "move"
    return "unknown"


def _derived(f: ir.FuncDef, skip: set[str]) -> dict[str, ir.Expr]:
    """Locals assigned exactly once, with their value (`x, y = i + dx, j + dy` → x: i + dx), so
    an argument `x` is read as the step it takes from the parameter."""
    values: dict[str, list[ir.Expr | None]] = {}
    for s in ir.walk_stmts(f.body):
        if not isinstance(s, ir.Assign):
            continue
        value = s.value
        for k, t in enumerate(s.targets):
            if not isinstance(t, ir.Name):
                continue
            one = value
            if len(s.targets) > 1:
                fits = isinstance(value, ir.Coll) and len(value.elts) == len(s.targets)
                one = value.elts[k] if fits and isinstance(value, ir.Coll) else None
            values.setdefault(t.id, []).append(one if s.op in ("=", ":=") else None)
    return {
        name: found[0]
        for name, found in values.items()
        if len(found) == 1 and found[0] is not None and name not in skip
    }


def _splits_range(f: ir.FuncDef, sites: list[ir.Call], points: set[str]) -> bool:
    """Do the calls recurse on the two sides of a split point: some call keeps the lower bound
    and ends the range at the point, another starts at the point and keeps the upper bound?"""
    names = [p.name for p in f.params]

    def at_point(a: ir.Expr) -> bool:  # `p`, `p - 1`, `p + 1` for a local split point p
        if isinstance(a, ir.BinOp) and a.op in ("+", "-") and isinstance(a.right, ir.Num):
            a = a.left
        return isinstance(a, ir.Name) and a.id in points

    uppers: set[tuple[str, str]] = set()  # (kept bound, moved bound)
    for call in sites:
        moved = [n for n, a in zip(names, call.args, strict=False) if at_point(a)]
        kept = [
            n
            for n, a in zip(names, call.args, strict=False)
            if isinstance(a, ir.Name) and a.id == n
        ]
        if len(moved) != 1 or len(kept) + 1 != min(len(names), len(call.args)):
            return False
        uppers |= {(k, moved[0]) for k in kept}
    return any((b, a) in uppers for a, b in uppers)


def _locals(f: ir.FuncDef) -> set[str]:
    out: set[str] = set()
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Assign) and s.op in ("=", ":=") and (s.decl or s.value is not None):
            out.update(t.id for t in s.targets if isinstance(t, ir.Name))
    return out - {p.name for p in f.params}


def _checked(f: ir.FuncDef, derived: dict[str, ir.Expr]) -> set[str]:
    """Containers `f` reads in a condition: the ones that can stop a walk (visited checks).
    A flag computed once from such a read (`seen = grid[r][c] == 0; if seen: return`) counts."""
    out: set[str] = set()
    for s in ir.walk_stmts(f.body):
        test = s.test if isinstance(s, ir.If) else s.cond if isinstance(s, ir.Loop) else None
        tests = [test] if test is not None else []
        if isinstance(s, ir.Compound) and s.kind == "switch":
            tests += s.exprs  # `switch state[u] { case 1: ... }`
        tests += [derived[n] for t in tests for n in sorted(names_in(t)) if n in derived]
        for e in (x for t in tests for x in ir.walk_expr(t)):
            root = None
            if isinstance(e, ir.Call) and e.receiver is not None:
                root = ir.root_name(e.receiver)
            elif isinstance(e, ir.Index | ir.Attr):
                root = ir.root_name(e)
            elif isinstance(e, ir.BinOp) and e.op in ("in", "not in"):
                root = ir.root_name(e.right)
            if root:
                out.add(root)
    return out


def _restores(value: ir.Expr | None, initial: set[str], saved: set[str]) -> bool:
    """Is this write putting an old value back (a backtracking undo), not a new state?

    `initial` holds the texts of the value the table was filled with when that is known
    (`[State.INIT] * n`, `Array(n).fill(0)`, `vector<int>(n, -1)`): only that value, or a copy
    saved from the table (`saved`), is put back; a different constant is a new state (the
    VISITED of a three-colour DFS). Otherwise false, null and 0 are taken for unmarks."""
    if value is None or isinstance(value, ir.Str):
        return False
    if initial:
        if isinstance(value, ir.Name) and value.id in saved:
            return True
        return value.text in initial or not isinstance(value, ir.Num | ir.Lit | ir.Attr | ir.Name)
    if isinstance(value, ir.Lit):
        return value.kind in ("false", "null")
    if isinstance(value, ir.Num):
        return value.value == 0
    return True


def _initial_values(prog: Program, table: str) -> set[str]:
    """Texts of the value a table is filled with where it is allocated (empty: not known)."""
    out: set[str] = set()
    for fn in prog.reachable():
        for st in ir.walk_stmts(fn.body):
            value = st.value if isinstance(st, ir.Assign) else None
            named = isinstance(st, ir.Assign) and any(
                isinstance(t, ir.Name)
                and t.id == table
                or isinstance(t, ir.Attr)
                and t.attr == table
                for t in st.targets
            )
            if named and value is not None:
                out |= _fill_of(value)
            for e in ir.all_exprs([st]) if isinstance(st, ir.ExprStmt) else []:
                if isinstance(e, ir.Call) and e.name == "fill" and len(e.args) == 2:
                    if ir.root_name(e.args[0]) == table:  # Arrays.fill(t, x)
                        out.add(e.args[1].text)
                if isinstance(e, ir.Call) and e.name == "assign" and len(e.args) == 2:
                    if e.receiver is not None and ir.root_name(e.receiver) == table:
                        out.add(e.args[1].text)  # v.assign(n, x)
    return out


def _fill_of(value: ir.Expr) -> set[str]:
    if isinstance(value, ir.BinOp) and value.op == "*":
        for side in (value.left, value.right):
            if isinstance(side, ir.Coll) and len(side.elts) == 1:
                return {side.elts[0].text}
    if isinstance(value, ir.Call) and value.name == "fill" and value.args:
        return {value.args[0].text}
    if isinstance(value, ir.New):
        if len(value.args) >= 2 and not isinstance(value.args[1], ir.New):
            return {value.args[1].text}
        if value.dims or value.args:
            return {"0", "false", "null", "nil", "0.0"}
    return set()


def element_aliases(f: ir.FuncDef) -> dict[str, ir.Index]:
    """Locals bound to one element of a container rather than to a copy of it: a C++ reference
    (`int& r = memo[i]`) or a pointer to the element (`p := &memo[i]`), mapped to that element."""
    out: dict[str, ir.Index] = {}
    for s in ir.walk_stmts(f.body):
        if not (isinstance(s, ir.Assign) and len(s.targets) == 1 and s.value is not None):
            continue
        target, value = s.targets[0], s.value
        if not isinstance(target, ir.Name):
            continue
        if isinstance(value, ir.UnOp) and value.op == "&" and isinstance(value.operand, ir.Index):
            out[target.id] = value.operand
        elif isinstance(value, ir.Index) and (s.decl or "").endswith("&"):
            out[target.id] = value
    return out


def _aliased_write(s: ir.Assign, t: ir.Expr, aliases: dict[str, ir.Index]) -> ir.Index | None:
    """The element `t` writes through an alias (`r = v`, `*p = v`), not the alias's binding."""
    if isinstance(t, ir.UnOp) and t.op == "*":
        t = t.operand
    if not isinstance(t, ir.Name) or t.id not in aliases:
        return None
    binding = aliases[t.id]
    if s.value is binding or (isinstance(s.value, ir.UnOp) and s.value.operand is binding):
        return None
    return binding


def _writes(prog: Program, f: ir.FuncDef) -> list[tuple[str, int, str]]:
    """(container, line, how) for every element write / insertion / removal in `f`; `how` is
    "undo" for removals and for writes that put back an earlier value."""
    out: list[tuple[str, int, str]] = []
    aliases = element_aliases(f)
    saved = {  # `tmp = board[i][j]`: a copy kept to be put back
        t.id
        for s in ir.walk_stmts(f.body)
        if isinstance(s, ir.Assign) and isinstance(s.value, ir.Index)
        for t in s.targets
        if isinstance(t, ir.Name)
    }
    initial: dict[str, set[str]] = {}
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Assign):
            for t in s.targets:
                t = _aliased_write(s, t, aliases) or t
                if isinstance(t, ir.Index):
                    root = ir.root_name(t)
                    if root:
                        out.append((root, s.line, "set"))
                        if root not in initial:
                            initial[root] = _initial_values(prog, root)
                        if _restores(s.value, initial[root], saved):
                            out.append((root, s.line, "undo"))
        for top in ir.stmt_exprs(s):
            for e in ir.walk_expr(top):
                if isinstance(e, ir.Call) and e.receiver is not None:
                    root = ir.root_name(e.receiver)
                    if root and e.name in _WRITE_CALLS:
                        out.append((root, e.line, "set"))
                    elif root and e.name in _UNDO_CALLS:
                        out.append((root, e.line, "undo"))
                if isinstance(e, ir.AssignE) and isinstance(e.target, ir.Index):
                    root = ir.root_name(e.target)
                    if root:
                        out.append((root, e.line, "set"))
    return out


def _value_for(s: ir.Assign, k: int) -> ir.Expr | None:
    """The value assigned to the k-th target (`a, b = x, y` gives b the value y)."""
    if len(s.targets) > 1 and isinstance(s.value, ir.Coll) and len(s.value.elts) == len(s.targets):
        return s.value.elts[k]
    return s.value


def _moved(value: ir.Expr | None, table: str, saved: dict[str, str] | None = None) -> bool:
    """`a[i] = a[j]`, `a[j] = tmp` after `tmp = a[i]`: an element moved within the table (a
    swap), not a computed result."""
    if isinstance(value, ir.Name) and saved is not None:
        return saved.get(value.id) == table
    return isinstance(value, ir.Index) and ir.root_name(value) == table


def _saved_elements(f: ir.FuncDef) -> dict[str, str]:
    """Locals that hold a copy of a table's element (`tmp = nums[p]`), with the table."""
    out: dict[str, str] = {}
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Assign) and len(s.targets) == 1 and isinstance(s.value, ir.Index):
            target, root = s.targets[0], ir.root_name(s.value)
            if isinstance(target, ir.Name) and root:
                out[target.id] = root
    return out


def _returned_entries(f: ir.FuncDef) -> set[str]:
    """Tables whose entry `f` returns as its answer (`return memo[i]`, `v, ok := memo[i]; if ok
    { return v }`): a memo even when the entries are constants (true/false), unlike a visited
    mark, which is checked but not returned."""
    held = {  # `v, ok := memo[i]`: v holds the entry
        t.id: root
        for st in ir.walk_stmts(f.body)
        if isinstance(st, ir.Assign)
        for k, t in enumerate(st.targets[:1])
        if isinstance(t, ir.Name)
        and isinstance(value := _value_for(st, k), ir.Index)
        and (root := ir.root_name(value))
    }
    saved = _saved_elements(f)
    moved = {  # a table whose elements are swapped around is being rearranged, not memoised
        root
        for st in ir.walk_stmts(f.body)
        if isinstance(st, ir.Assign)
        for k, t in enumerate(st.targets)
        if isinstance(t, ir.Index)
        and (root := ir.root_name(t))
        and _moved(_value_for(st, k), root, saved)
    }
    out: set[str] = set()
    for st in ir.walk_stmts(f.body):
        if isinstance(st, ir.Return) and st.value is not None:
            if isinstance(st.value, ir.Index) and (root := ir.root_name(st.value)):
                out.add(root)
            elif (  # `return known.get(i)`
                isinstance(st.value, ir.Call)
                and st.value.name in ("get", "at", "getOrDefault")
                and st.value.receiver is not None
                and (root := ir.root_name(st.value.receiver))
            ):
                out.add(root)
            elif isinstance(st.value, ir.Name) and st.value.id in held:
                out.add(held[st.value.id])
    return out - moved


def _stores_results(f: ir.FuncDef) -> set[str]:
    """Containers `f` stores computed values in (memo tables), not constant marks."""
    out: set[str] = set()
    literal = (ir.Num, ir.Str, ir.Lit)
    aliases = element_aliases(f)
    saved = _saved_elements(f)
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Assign) and s.value is not None:
            for k, t in enumerate(s.targets):
                t = _aliased_write(s, t, aliases) or t
                root = ir.root_name(t) if isinstance(t, ir.Index) else None
                value = _value_for(s, k)
                if root and not isinstance(value, literal) and not _moved(value, root, saved):
                    out.add(root)
        for top in ir.stmt_exprs(s):
            for e in ir.walk_expr(top):
                if (  # `return memo[i] = best`: a write used as a value
                    isinstance(e, ir.AssignE)
                    and isinstance(e.target, ir.Index)
                    and e.value is not None
                    and not isinstance(e.value, literal)
                ):
                    root = ir.root_name(e.target)
                    if root:
                        out.add(root)
                if (
                    isinstance(e, ir.Call)
                    and e.receiver is not None
                    and e.name in _STORES
                    and len(e.args) >= 2
                    and not isinstance(e.args[-1], literal)
                ):
                    root = ir.root_name(e.receiver)
                    if root:
                        out.add(root)
    return out


def _backtracked(f: ir.FuncDef, sites: list[ir.Call]) -> set[str]:
    """Tables written before a recursive call and written again after it, neither time with a
    recursive result (`board[r][c] = d` ... `board[r][c] = '.'`, `rows[r] |= bit`
    ... `rows[r] ^= bit`): backtracking undoes its writes, a memo keeps them."""
    calls = sorted(c.line for c in sites)
    writes: dict[str, list[tuple[int, bool, bool]]] = {}
    for s, leaves in _statements_with_exit(f.body):
        if not isinstance(s, ir.Assign):
            continue
        uses_call = s.value is not None and any(
            x is c for x in ir.walk_expr(s.value) for c in sites
        )
        for t in s.targets:
            root = ir.root_name(t) if isinstance(t, ir.Index) else None
            if root:
                writes.setdefault(root, []).append((s.line, uses_call, leaves))
    out: set[str] = set()
    for table, marks in writes.items():
        for line, stores_result, leaves in marks:
            if stores_result or leaves:
                continue  # a recursive result stored, or a result stored on the way out
            after = next((c for c in calls if c > line), None)
            if after is not None and any(w > after and not used for w, used, _ in marks):
                out.add(table)
    return out


def _statements_with_exit(block: list[ir.Stmt]) -> list[tuple[ir.Stmt, bool]]:
    """Every statement below `block`, with whether the block holding it ends by leaving the
    function (`memo[i] = False; return False` never reaches a later recursive call)."""
    out: list[tuple[ir.Stmt, bool]] = []
    leaves = _exits(block)
    for s in block:
        out.append((s, leaves))
        for inner in ir.child_blocks(s):
            out += _statements_with_exit(inner)
    return out


def _memo(f: ir.FuncDef, nonlocal_writes: set[str], sites: list[ir.Call]) -> str | None:
    """The table `f` memoises in: it stores computed values in a table outside the call and
    either returns early when the table already holds the entry for its arguments
    (`if memo[i] != -1: return memo[i]`) or computes only when it does not
    (`if f[i] == null: f[i] = ...`)."""
    for d in f.decorators:
        if any(m in d for m in _MEMO_DECORATORS):
            return "@" + d.split("(")[0]
    followed = {  # `find(parent[x])`: a table whose entries are recursed on is followed
        r
        for c in sites
        for a in c.args
        for x in ir.walk_expr(a)
        if isinstance(x, ir.Index) and (r := ir.root_name(x))
    }
    stored = (_stores_results(f) | _returned_entries(f)) & nonlocal_writes
    stored = stored - _backtracked(f, sites) - followed
    if not stored:
        return None
    params = {p.name for p in f.params}
    for st in ir.walk_stmts(f.body):  # `key = (i, j)` is as good as the parameters
        if isinstance(st, ir.Assign) and st.value is not None and names_in(st.value) & params:
            params |= {t.id for t in st.targets if isinstance(t, ir.Name)}
    aliases = element_aliases(f)
    for s in ir.walk_stmts(f.body):
        if not isinstance(s, ir.If):
            continue
        returns = [
            r for r in ir.walk_stmts(s.body) if isinstance(r, ir.Return) and r.value is not None
        ]
        for table in sorted(stored):
            fills = any(  # compute on a miss: the recursion happens under the lookup
                table in _stores_results_in(arm, aliases)
                and any(x is c for x in ir.all_exprs(arm) for c in sites)
                for arm in (s.body, s.orelse)
            )
            if not returns and not fills:
                continue
            looked_up = [s.test, *(r.value for r in returns if r.value is not None)]
            looked_up += [  # `_, ok := memo[i]; if !ok`: the flag stands for the lookup
                value
                for st in ir.walk_stmts(f.body)
                if isinstance(st, ir.Assign)
                for k, t in enumerate(st.targets)
                if isinstance(t, ir.Name)
                and t.id in names_in(s.test)
                and (value := _value_for(st, k)) is not None
            ]
            looked_up = [aliases.get(e.id, e) if isinstance(e, ir.Name) else e for e in looked_up]
            looked_up += [
                aliases[x.id]
                for e in looked_up
                for x in ir.walk_expr(e)
                if isinstance(x, ir.Name) and x.id in aliases
            ]
            if any(_lookup(e, table, params) for e in looked_up):
                return table
    # the same in one expression: `return f[i] != -1 ? f[i] : f[i] = dfs(i - 1) + ...` — a
    # conditional that looks the entry up and, in an arm, stores a recursive result in it
    for e in ir.all_exprs(f.body):
        if not isinstance(e, ir.Cond):
            continue
        for table in sorted(stored):
            fills = any(
                _stores_call_in(x, table, sites)
                for arm in (e.body, e.orelse)
                for x in ir.walk_expr(arm)
            )
            if fills and _lookup(e.test, table, params):
                return table
    return None


def _stores_call_in(x: ir.Expr, table: str, sites: list[ir.Call]) -> bool:
    """Is `x` a store of a recursive result in `table` (`f[i] = dfs(...)`,
    `memo.setdefault(i, dfs(...))`, `memo.put(i, dfs(...))`)?"""
    if isinstance(x, ir.AssignE) and isinstance(x.target, ir.Index):
        stored, value = ir.root_name(x.target), x.value
    elif isinstance(x, ir.Call) and x.name in _STORES and x.receiver is not None and x.args:
        stored, value = ir.root_name(x.receiver), x.args[-1]
    else:
        return False
    return (
        stored == table
        and value is not None
        and any(y is c for y in ir.walk_expr(value) for c in sites)
    )


def _stores_results_in(block: list[ir.Stmt], aliases: dict[str, ir.Index]) -> set[str]:
    """Tables an assignment in `block` writes a computed value to (`f[i] = max(...)`)."""
    out: set[str] = set()
    for s in ir.walk_stmts(block):
        if isinstance(s, ir.Assign) and s.value is not None:
            if isinstance(s.value, ir.Num | ir.Str | ir.Lit):
                continue
            for t in s.targets:
                t = _aliased_write(s, t, aliases) or t
                root = ir.root_name(t) if isinstance(t, ir.Index) else None
                if root:
                    out.add(root)
    return out


_STORES = frozenset({"put", "set", "insert", "emplace", "__setitem__", "setdefault"})
_LOOKUPS = frozenset({"get", "has", "containsKey", "count", "find", "contains", "getOrDefault"})


def _lookup(e: ir.Expr, table: str, params: set[str]) -> bool:
    """Does `e` look up `table` with a key built from the function's parameters?"""
    for x in ir.walk_expr(e):
        if isinstance(x, ir.Index) and ir.root_name(x.obj) == table and names_in(x) & params:
            return True
        if isinstance(x, ir.Call) and x.name in _LOOKUPS and x.receiver is not None:
            if ir.root_name(x.receiver) == table and any(names_in(a) & params for a in x.args):
                return True
        if isinstance(x, ir.BinOp) and x.op in ("in", "not in"):
            if ir.root_name(x.right) == table and names_in(x.left) & params:
                return True
    return False


def recursion_info(prog: Program, f: ir.FuncDef) -> RecInfo | None:
    """How `f` recurses, or None when it never calls itself."""
    sites = self_calls(prog, f, list(ir.all_exprs(f.body)))
    param_names = {p.name for p in f.params}
    sites = [
        c
        for c in sites
        if not (c.args and all(isinstance(a, ir.Name) and a.id in param_names for a in c.args))
    ]
    if not sites:
        return None
    mids, sources = _mids(f), _loop_sources(f)
    derived = _derived(f, param_names | mids | set(sources))
    kinds: dict[str, set[str]] = {p.name: set() for p in f.params}
    for call in sites:
        for p, a in zip(f.params, call.args, strict=False):
            if isinstance(a, ir.Name) and a.id in derived:
                a = derived[a.id]
            collection = prog.env.get(p.name).kind in (SEQ, "str")
            kinds[p.name].add(_arg_kind(p.name, a, mids, sources, collection))
    flat = set().union(*kinds.values()) if kinds else set()
    varying = [p for p, k in kinds.items() if k - {"same"}]
    if _splits_range(f, sites, _locals(f) - set(sources)):
        # `f(lo, p - 1)` / `f(p + 1, hi)` around a split point found in the range (a pivot, a
        # minimum): the calls partition the range, like halving when the split is balanced
        flat = {"half"}
        varying = [p.name for p in f.params if kinds[p.name] - {"same"}]
    if "tree" in flat:
        shape = "tree"
    elif flat & {"graph", "move"} or any({"step+", "step-"} <= k for k in kinds.values()):
        shape = "graph"
    elif flat - {"same"} and flat - {"same"} <= {"half"}:
        shape = "half"
    elif flat & {"step+", "step-"}:
        shape = "step"
    else:
        shape = "unknown"
    local = _locals(f)
    writes = _writes(prog, f)
    nonlocal_writes = {c for c, _, how in writes if how == "set" and c not in local}
    first_call = min(c.line for c in sites)
    checked = _checked(f, derived)
    candidates = [c for c, _, how in writes if how == "set" and c not in local and c in checked]
    marks = next(
        (c for c, line, _ in writes if c in candidates and line <= first_call),
        candidates[0] if candidates else None,
    )
    unmarks = (
        marks is not None
        and any(c == marks and line > first_call and how == "undo" for c, line, how in writes)
        and any(c == marks and line < first_call for c, line, _ in writes)
    )
    return RecInfo(
        f,
        sites,
        _branching(prog, f, f.body),
        shape,
        _memo(f, nonlocal_writes, sites),
        marks,
        unmarks,
        varying,
    )


def universe(prog: Program, stmts: list[ir.Stmt], work: str | None = None) -> Cost:
    """How many distinct things a traversal over `stmts` can visit: the cells of a grid it
    indexes in two dimensions, the values below an integer it counts down from, the nodes of a
    tree/list, else the largest input."""
    env = prog.env
    if work is not None:
        elem = env.get(work).elem
        if (
            elem is not None
            and elem.kind in (INT, TREE, LINKED)
            and elem.size is not None
            and not elem.size.constant
        ):
            return elem.size
        if elem is not None and elem.kind not in (INT, "unknown", SEQ):
            for p in prog.entry.params:
                val = env.get(p.name)
                if (
                    val.kind == SEQ
                    and val.elem is not None
                    and val.elem.kind == elem.kind
                    and val.size is not None
                ):
                    return val.size
    for e in ir.all_exprs(stmts):
        if isinstance(e, ir.Index) and isinstance(e.obj, ir.Index):
            root = ir.root_name(e.obj.obj)
            grid = env.get(root) if root else None
            if (
                grid is not None
                and grid.kind == SEQ
                and grid.size is not None
                and grid.elem
                and grid.elem.size is not None
                and not grid.size.constant
            ):
                return grid.size * grid.elem.size
    for p in prog.entry.params:
        val = env.get(p.name)
        if val.kind in (TREE, LINKED) and val.size is not None:
            return val.size
    best: Cost = ONE
    for p in prog.entry.params:
        size = env.get(p.name).size
        if size is not None:
            best = bigger(best, size)
    return best


def param_domain(prog: Program, f: ir.FuncDef, p: str) -> Cost:
    """How many distinct values parameter `p` of `f` takes: the size it is compared against,
    else the size of the value bound to it, else the main input size."""
    env = prog.env
    best: Cost | None = None
    for e in ir.all_exprs(f.body):
        if isinstance(e, ir.BinOp) and e.op in ("<", "<=", ">", ">=", "==", "===", "!=", "!=="):
            left, right = names_in(e.left), names_in(e.right)
            other = e.right if left == {p} else e.left if right == {p} else None
            if other is not None:
                s = env.size(other)
                if s is not None and not s.constant:
                    best = s if best is None else bigger(best, s)
    if best is not None:
        return best
    val = env.get(p)
    if val.size is not None and not val.size.constant:
        return val.size
    if val.kind == INT and p in prog.params:
        return dim(p)
    return prog.primary()


def states(prog: Program, info: RecInfo) -> Cost:
    params = info.varying or [p.name for p in info.func.params][:1]
    sizes = [param_domain(prog, info.func, p) for p in params[:3]]
    return product(sizes) if sizes else prog.primary()


def depth(prog: Program, info: RecInfo) -> Cost:
    """Deepest chain of active calls (what the call stack holds)."""
    if info.shape == "half":
        return LOG
    if info.shape == "graph":
        return universe(prog, info.func.body)
    if info.shape == "tree":
        sizes = [prog.env.get(p).size for p in info.varying]
        known = [s for s in sizes if s is not None and not s.constant]
        return known[0] if known else prog.primary()
    params = info.varying or [p.name for p in info.func.params][:1]
    if not params:
        return prog.primary()
    return param_domain(prog, info.func, params[0])
