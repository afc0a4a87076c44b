"""Where containers grow: the space half of the walk, recorded as `Growth` events."""

from __future__ import annotations

from coach_engine.judge.static import ir
from coach_engine.judge.static.calls import sorted_target
from coach_engine.judge.static.cost import ONE, Cost, product
from coach_engine.judge.static.infer import Env
from coach_engine.judge.static.library import inserted_into
from coach_engine.judge.static.values import CONTAINERS, MAP, SEQ, SET, SMAP, SSET, STR, Val
from coach_engine.judge.static.walk_state import Growth, WalkState

_KEYED = frozenset({MAP, SET, SMAP, SSET})


def _keyed_by_char(e: ir.Call, container: Val, env: Env) -> bool:
    """`seen.add(c)`, `count.put(c, ...)`, `m.set(ch, i)` with a character as the key: the
    container is bounded by the alphabet (a string's characters), not by the input's length."""
    return container.kind in _KEYED and bool(e.args) and env.infer(e.args[0]).char


class GrowthRecorder(WalkState):
    def _mult(self, name: str) -> Cost:
        if self.rec_info is not None and self.rec_info.memo == name:
            return self.rec_mult  # a memo holds one entry per state, however often it is written
        depth = self.decl.get(name, -1)
        frames = [f for i, f in enumerate(self.frames) if i >= max(depth, 0)]
        last_amortised = max((i for i, f in enumerate(frames) if f.amortised), default=0)
        frames = frames[last_amortised:]
        mult = product([f.space for f in frames if not any(f.level_of is g for g in frames)])
        local = name in self.decl and self.decl[name] >= 0
        info = self.rec_info
        if info is not None and not local:
            undone = any(
                isinstance(e, ir.Call)
                and e.name in ("pop", "pop_back", "removeLast", "remove", "splice", "erase")
                and e.receiver is not None
                and ir.root_name(e.receiver) == name
                for e in ir.all_exprs(info.func.body)
            )
            if undone:
                return self.rec_depth
            mult = mult * self.rec_mult
        return mult

    def record_call(self, e: ir.Call) -> None:
        into = inserted_into(e, self.env.vars.__contains__)
        if e.name == "append" and e.receiver is None:
            into = None  # Go: `s = append(s, x)` is recorded with the assignment
        target = ir.root_name(into) if into is not None else None
        if target is not None and target not in self.prog.params:
            if _keyed_by_char(e, self.env.get(target), self.env):
                return  # at most one entry per letter of the alphabet, however long the input
            mult = self._mult(target)
            elem = ONE
            for a in e.args[-1:]:
                size = self.env.infer(a).size
                if (
                    size is not None
                    and self.env.infer(a).kind in (SEQ, STR, MAP)
                    and not isinstance(a, ir.Name)
                ):
                    elem = size
            self.growth.append(Growth(target, e.line, mult * elem, "insert"))
        sort = sorted_target(e) if self.prog.callee(e) is None else None  # not a user `sort`
        if sort is not None:
            self.growth.append(Growth("<sort>", e.line, self.env.size(sort) or ONE, "sort"))

    def record_assign(self, s: ir.Assign) -> None:
        env = self.env
        value = s.value
        for t in s.targets:
            name = ir.root_name(t)
            if name is None or name in self.prog.params:
                continue
            if (
                isinstance(t, ir.Attr)
                and isinstance(t.obj, ir.Name)
                and t.obj.id in ("self", "this")
            ):
                t = ir.Name(t.line, t.text, t.attr)  # `self.parent = ...`: the member itself
            if isinstance(t, ir.Index) and env.get(name).kind == MAP:  # `count[k] += 1` too
                if not (isinstance(t.obj, ir.Name) and env.infer(t.index).char):
                    self.growth.append(Growth(name, s.line, self._mult(name), "insert"))
                continue
            if isinstance(t, ir.Index) and s.op == "=" and value is not None and _allocates(value):
                row = footprint(env.infer(value))
                if row is not None and not row.constant:
                    self.growth.append(Growth(name, s.line, self._mult(name) * row, "insert"))
                continue
            if not isinstance(t, ir.Name) or value is None:
                continue
            if s.op in ("+=",) and env.get(name).kind in (STR, "builder"):
                self.growth.append(Growth(name, s.line, self._mult(name), "insert"))
                continue
            if (
                isinstance(value, ir.Call)
                and value.name in ("append", "Insert")
                and value.args
                and ir.root_name(value.args[0]) == name
            ):
                self.growth.append(Growth(name, s.line, self._mult(name), "insert"))
                continue
            if env.language == "go" and isinstance(value, ir.Slice):
                continue
            inferred = env.infer(value)
            if inferred.kind not in (SEQ, STR, MAP, "set", "deque", "heap", "smap", "sset"):
                continue
            size: Cost | None
            if isinstance(value, ir.Comp) and id(value) in self.comp_sizes:
                size = self.comp_sizes[id(value)]
            else:
                # a new table, or rows built by a callback (`Array.from({length: m}, () => ...)`)
                fresh = isinstance(value, ir.New | ir.BinOp) or _builds_rows(value)
                size = (
                    (footprint(inferred) if fresh else inferred.size) if _allocates(value) else None
                )
            if size is not None and not size.constant:
                self.growth.append(Growth(name, s.line, size, "alloc"))

    def record_temporaries(self, s: ir.Stmt) -> None:
        """Containers built inside an expression and dropped after it (`len(set(nums))`,
        `new Set(nums).size`, `s == s[::-1]`) take their size in memory while it runs. The
        value a statement assigns or returns whole is not one (it is a variable or the output)."""
        kept: list[ir.Expr] = []
        if isinstance(s, ir.Assign | ir.Return) and s.value is not None:
            kept.append(s.value)
        for top in ir.stmt_exprs(s):  # what is stored in a container lives on with it
            for e in ir.walk_expr(top):
                if isinstance(e, ir.Call) and inserted_into(e, self.env.vars.__contains__):
                    kept += e.args
        k = 0
        while k < len(kept):  # the parts of a kept value that become parts of it
            e = kept[k]
            k += 1
            if isinstance(e, ir.Cond):
                kept += [e.body, e.orelse]
            elif isinstance(e, ir.Comp | ir.Coll):
                kept += e.elts
            elif isinstance(e, ir.Call) and e.name == "toArray" and e.args:
                kept.append(e.args[0])  # `list.toArray(new int[n][])` fills and returns it
        if isinstance(s, ir.Loop) and s.iter is not None and _characters(s.iter, self.env):
            kept.append(s.iter)  # `for (char c : s.toCharArray())`: iterating the string
        for top in ir.stmt_exprs(s):
            for e in ir.walk_expr(top):
                if any(e is k for k in kept) or not _materialises(e, self.env):
                    continue
                val = self.env.infer(e)
                if val.kind not in CONTAINERS:
                    continue
                # a new table counts its rows' cells; a copy shares (or holds scalars of) the
                # original's elements
                size = footprint(val) if isinstance(e, ir.New) or _builds_rows(e) else val.size
                if size is None or not (size.degree > 0 or size.exp):
                    continue
                text = " ".join(e.text.split())
                text = text if len(text) <= 40 else text[:37] + "..."
                self.growth.append(Growth(f"<temp:{e.line}:{text}>", e.line, size, "temp"))


_MATERIALISING_FUNCS = frozenset(
    {
        "set",
        "frozenset",
        "list",
        "tuple",
        "dict",
        "Counter",
        "sorted",
        "deque",
        "OrderedDict",
        "nlargest",
        "nsmallest",
    }
)
_MATERIALISING_METHODS = frozenset(
    {
        "split",
        "Split",
        "Fields",
        "toCharArray",
        "toList",
        "toArray",
        "collect",
        "copyOf",
        "copyOfRange",
        "slice",
        "concat",
        "substring",
        "substr",
        "clone",
        "copy",
        "lower",
        "upper",
        "toLowerCase",
        "toUpperCase",
        "from",
        "map",
        "filter",
    }
)


def _characters(e: ir.Expr, env: Env) -> bool:
    """`s.toCharArray()`, `s.split('')`, `[]rune(s)`: a string's characters, copied only because
    the language iterates them that way."""
    if isinstance(e, ir.Call) and e.name in ("toCharArray", "chars", "split", "getBytes"):
        return e.receiver is not None and env.infer(e.receiver).kind == STR
    if isinstance(e, ir.Call) and e.name in ("[]rune", "[]byte") and e.args:
        return env.infer(e.args[0]).kind == STR
    return False


def _materialises(e: ir.Expr, env: Env) -> bool:
    """Does evaluating `e` build a new container (not a view, an iterator or an element)?"""
    language = env.language
    if isinstance(e, ir.Call):
        recv = e.receiver
        module = isinstance(recv, ir.Name) and recv.id not in env.vars  # `heapq.nlargest(...)`
        if recv is None:
            return e.name in _MATERIALISING_FUNCS and bool(e.args)
        if module:  # `heapq.nlargest(k, xs)`, `strings.Fields(s)`
            return e.name in _MATERIALISING_FUNCS | _MATERIALISING_METHODS and bool(e.args)
        return e.name in _MATERIALISING_METHODS
    if isinstance(e, ir.New):
        return bool(e.args or e.dims or e.init is not None)
    if isinstance(e, ir.Comp):
        return e.kind != "gen"
    if isinstance(e, ir.Slice):
        return language != "go"
    if isinstance(e, ir.Coll):
        return any(isinstance(x, ir.UnOp) and x.op in ("*", "...") for x in e.elts)
    return isinstance(e, ir.BinOp) and e.op in ("+", "*")


def footprint(val: Val) -> Cost | None:
    """Elements held by a (possibly nested) container: rows × columns for a table."""
    if val.size is None:
        return None
    inner = val.elem
    if inner is not None and inner.kind in (SEQ, MAP, STR) and inner.size is not None:
        sub = footprint(inner)
        if sub is not None and not sub.constant:
            return val.size * sub
    return val.size


def _builds_rows(e: ir.Expr) -> bool:
    """`.map(() => new Array(n))`, `Array.from(..., () => ...)`: each element made fresh."""
    return isinstance(e, ir.Call) and any(
        isinstance(a, ir.Lambda)
        and any(
            isinstance(r, ir.Return) and r.value is not None and _allocates(r.value)
            for r in ir.walk_stmts(a.func.body)
        )
        for a in e.args
    )


def _allocates(e: ir.Expr) -> bool:
    if isinstance(e, ir.New | ir.Comp | ir.Slice):
        return True
    if isinstance(e, ir.BinOp) and e.op in ("*", "+"):
        return True
    if isinstance(e, ir.Coll):
        return any(isinstance(x, ir.UnOp) and x.op in ("*", "...") for x in e.elts)
    if isinstance(e, ir.Call):
        return e.name in (
            "sorted",
            "list",
            "set",
            "dict",
            "Counter",
            "tuple",
            "deque",
            "copy",
            "clone",
            "split",
            "toCharArray",
            "slice",
            "substring",
            "substr",
            "copyOf",
            "copyOfRange",
            "from",
            "asList",
            "fill",
            "Array",
            "keys",
            "values",
            "items",
            "entries",
            "join",
            "repeat",
            "reversed",
            "frozenset",
            "Split",
            "Fields",
            "map",
            "filter",
            "concat",
            "toString",
            "String",
            "str",
            "chars",
            "toList",
            "collect",
        )
    return False
