"""The analysed program: its entry function, the helpers it can call, and its variables."""

from __future__ import annotations

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import EXP, ONE, Cost, product
from coach_engine.judge.static.infer import Env, foreach_bindings
from coach_engine.judge.static.library import POP_METHODS, inserted_into
from coach_engine.judge.static.loops import classify
from coach_engine.judge.static.values import (
    CONTAINERS,
    HEAP,
    MAP,
    SEQ,
    SET,
    SMAP,
    SSET,
    UNKNOWN,
    UNKNOWN_VAL,
    Val,
    join,
    type_val,
)


def _bound_lambda(s: ir.Stmt) -> ir.FuncDef | None:
    """The function in `dfs = lambda ...` / `const dfs = (r, c) => {...}` / `dfs = func(...)`."""
    if (
        isinstance(s, ir.Assign)
        and isinstance(s.value, ir.Lambda)
        and s.targets
        and isinstance(s.targets[0], ir.Name)
    ):
        return s.value.func
    return None


def name_lambdas(module: ir.Module) -> None:
    """Give every lambda bound to a variable that variable's name, so calls resolve to it.

    Lowering leaves them as `<lambda>`; this runs once, right after lowering."""
    pending = [f.body for f in module.functions]
    while pending:
        for s in ir.walk_stmts(pending.pop(), into_functions=True):
            fn = _bound_lambda(s)
            if fn is not None and isinstance(s, ir.Assign):
                target = s.targets[0]
                assert isinstance(target, ir.Name)
                fn.name = target.id
                if fn.self_name and fn.self_name != fn.name:
                    _rename_calls(fn.body, fn.self_name, fn.name)
                pending.append(fn.body)


def _rename_calls(body: list[ir.Stmt], old: str, new: str) -> None:
    """Calls of a lambda through its explicit object parameter become calls by its name."""
    for e in ir.all_exprs(body):
        if isinstance(e, ir.Call) and isinstance(e.func, ir.Name) and e.func.id == old:
            e.func.id = new


def nested_functions(stmts: list[ir.Stmt]) -> list[ir.FuncDef]:
    """Functions defined inside `stmts`: nested defs and lambdas bound to a name."""
    out: list[ir.FuncDef] = []
    for s in ir.walk_stmts(stmts, into_functions=True):
        fn = s if isinstance(s, ir.FuncDef) else _bound_lambda(s)
        if fn is not None:
            out.append(fn)
            if fn is not s:
                out.extend(nested_functions(fn.body))
    return out


def pick_entry(module: ir.Module, wanted: str | None) -> ir.FuncDef | None:
    """The candidate's solution function: `wanted` if given, else the first function nobody
    else calls (preferring methods of `class Solution`)."""
    funcs = [f for f in module.functions if not f.is_lambda]
    if wanted:
        nested = [g for f in funcs for g in nested_functions(f.body)]
        for candidate in funcs + nested:
            if candidate.name == wanted:
                return candidate
    if not funcs:
        return None
    called = set()
    for f in funcs:
        for e in ir.all_exprs(f.body):
            if isinstance(e, ir.Call) and e.name != f.name:
                called.add(e.name)
    candidates = [f for f in funcs if f.name not in called and f.name not in ("main", "__init__")]
    candidates = candidates or funcs
    in_solution = [f for f in candidates if f.owner == "Solution"]
    pool = in_solution or candidates
    return max(pool, key=lambda f: (f.owner == "Solution", -pool.index(f)))


class Program:
    """An entry function with every function it may call and a shared variable environment."""

    def __init__(self, module: ir.Module, entry: ir.FuncDef, language: str) -> None:
        self.module = module
        self.entry = entry
        self.language = language
        self.funcs: dict[str, ir.FuncDef] = {}
        for f in module.functions:
            self.funcs.setdefault(f.name, f)
            for g in nested_functions(f.body):
                self.funcs.setdefault(g.name, g)
        self.funcs[entry.name] = entry
        # a user class's constructor, by class name: `UnionFind(grid)`, `new UF(n)`,
        # C++ `UnionFind uf(m * n)` run it (its allocations are the object's size)
        self.constructors: dict[str, ir.FuncDef] = {}
        for f in module.functions:
            if f.owner and f.name in ("__init__", "constructor", f.owner):
                self.constructors.setdefault(f.owner, f)
        self.env = Env(language)
        self._iterating: list[str] = []
        self._bounds: list[set[str]] = []
        self._lengths: dict[str, str] = {}  # `size = len(res)`: size → res
        self._consumed: set[str] = set()  # containers something pops from
        self._depth: dict[str, int] = {}
        self.params: set[str] = {p.name for p in entry.params}
        self.outer: set[str] = {
            f.targets[0].id
            for f in module.fields
            if f.targets and isinstance(f.targets[0], ir.Name)
        }
        self._build_env()

    def constructor(self, e: ir.Expr) -> ir.FuncDef | None:
        """The user constructor `new UF(n)` / `UnionFind uf(n)` / `UnionFind(grid)` runs."""
        if isinstance(e, ir.New):
            return self.constructors.get(e.type.split("<")[0].strip())
        if isinstance(e, ir.Call) and isinstance(e.func, ir.Name):
            return self.constructors.get(e.func.id)
        return None

    def invoked(self, e: ir.Expr) -> ir.FuncDef | None:
        """The user function a call or an allocation runs, if any."""
        if isinstance(e, ir.Call):
            return self.callee(e) or self.constructor(e)
        return self.constructor(e) if isinstance(e, ir.New) else None

    def callee(self, call: ir.Call) -> ir.FuncDef | None:
        """The user function `call` invokes (plain name, or self./this. method)."""
        if isinstance(call.func, ir.Name):
            return self.funcs.get(call.func.id)
        if (
            isinstance(call.func, ir.Attr)
            and isinstance(call.func.obj, ir.Name)
            and call.func.obj.id in ("self", "this")
        ):
            return self.funcs.get(call.func.attr)
        return None

    def reachable(self) -> list[ir.FuncDef]:
        """The entry and every user function reachable from it through calls."""
        seen: list[ir.FuncDef] = [self.entry]
        i = 0
        while i < len(seen):
            f = seen[i]
            i += 1
            for e in ir.all_exprs(f.body):
                if isinstance(e, ir.Call | ir.New):
                    g = self.invoked(e)
                    if g is not None and g not in seen:
                        seen.append(g)
            for g in nested_functions(f.body):
                if g not in seen:
                    seen.append(g)
        return seen

    def primary(self) -> Cost:
        """The input size an unresolvable loop is assumed to run over."""
        for p in self.entry.params:
            size = self.env.get(p.name).size
            if size is not None and not size.constant:
                return size
        return ONE

    # -- environment ---------------------------------------------------------------------------

    def _build_env(self) -> None:
        env = self.env
        for p in self.entry.params:
            env.vars[p.name] = Val(
                **{**type_val(p.type, p.name, self.language).__dict__, "param": p.name}
            )
        for member in self.module.fields:
            for t in member.targets:
                if isinstance(t, ir.Name):
                    val = env.infer(member.value) if member.value is not None else UNKNOWN_VAL
                    if val.kind == UNKNOWN and member.decl:
                        val = type_val(member.decl, t.id, self.language).sized(ONE)
                    env.bind(t.id, val)
        funcs = self.reachable()
        for e in (x for f in funcs for x in ir.all_exprs(f.body)):
            if isinstance(e, ir.Call) and e.name in POP_METHODS:
                of = e.receiver if e.receiver is not None else (e.args[0] if e.args else None)
                root = ir.root_name(of) if of is not None else None
                if root:
                    self._consumed.add(root)
        for f in funcs:
            for st in ir.walk_stmts(f.body):
                if (  # `q = q[1:]`, `stack = stack[:len(stack)-1]`: popped by reslicing
                    isinstance(st, ir.Assign)
                    and len(st.targets) == 1
                    and isinstance(st.targets[0], ir.Name)
                    and isinstance(st.value, ir.Slice)
                    and ir.root_name(st.value.obj) == st.targets[0].id
                ):
                    self._consumed.add(st.targets[0].id)
                if isinstance(st, ir.Assign) and len(st.targets) == 1 and st.value is not None:
                    measured = _length_of(st.value)
                    if measured is not None and isinstance(st.targets[0], ir.Name):
                        self._lengths[st.targets[0].id] = measured
        for _ in range(4):
            changed = False
            for f in funcs:
                changed |= self._scan(f.body, [])
            for f in funcs:
                changed |= self._bind_params(f, funcs)
            for f in funcs:
                changed |= self._bind_return(f)
            if not changed:
                break

    def _bind_return(self, f: ir.FuncDef) -> bool:
        """What a helper returns, when it is a container (its callers iterate over it)."""
        if f is self.entry or f.name in ("<lambda>", ""):
            return False
        out: Val | None = None
        for s in ir.walk_stmts(f.body):
            if isinstance(s, ir.Return) and s.value is not None:
                val = self.env.infer(s.value)
                if val.kind not in CONTAINERS:
                    return False
                out = val if out is None else join(out, val)
        if out is None or self.env.returns.get(f.name) == out:
            return False
        self.env.returns[f.name] = out
        return True

    def _bind_params(self, f: ir.FuncDef, funcs: list[ir.FuncDef]) -> bool:
        if f is self.entry:
            return False
        changed = False
        for caller in funcs:
            for e in ir.all_exprs(caller.body):
                if isinstance(e, ir.Call | ir.New) and self.invoked(e) is f:
                    for p, a in zip(f.params, e.args, strict=False):
                        val = self.env.infer(a)
                        if val.kind == UNKNOWN and p.type:
                            val = _unsized(type_val(p.type, p.name, self.language))
                        changed |= self.env.bind(p.name, val)
        for p in f.params:
            if p.name not in self.env.vars and p.type:
                changed |= self.env.bind(p.name, _unsized(type_val(p.type, p.name, self.language)))
        return changed

    def _scan(self, stmts: list[ir.Stmt], trips: list[Cost | None]) -> bool:
        env = self.env
        changed = False
        for s in stmts:
            if isinstance(s, ir.Assign):
                for t in s.targets:
                    if isinstance(t, ir.Name) and s.op in ("=", ":="):
                        self._depth.setdefault(t.id, len(trips))
                changed |= self._assign(s)
                changed |= self._carry(s, trips)
                grown = s.targets[0] if len(s.targets) == 1 else None
                if (
                    isinstance(grown, ir.Name)
                    and s.op in ("+=", "=")
                    and s.value is not None
                    and self._doubles(grown.id, trips, s.value)
                ):
                    old = env.get(grown.id)
                    changed |= env.bind(grown.id, Val(old.kind, EXP, old.elem))
                for t in s.targets:
                    if isinstance(t, ir.Index):  # `d[k] = v`, `count[k] += 1`, `cnt[x]++`
                        changed |= self._growth(ir.AssignE(s.line, s.text, t, "=", s.value), trips)
            if isinstance(s, ir.Loop):
                info = classify(s, env)
                size = (
                    info.size
                    if info.kind in ("counted", "pointer")
                    else (self.primary() if info.kind in ("worklist", "unknown") else ONE)
                )
                if s.kind == "foreach" and s.iter is not None:
                    for name, val in foreach_bindings(env, s.targets, s.iter, info.size):
                        changed |= env.bind(name, val)
                if s.kind == "for" and info.var is not None:
                    changed |= env.bind(info.var, Val("int", info.size))
                changed |= self._scan(s.init, trips)
                root = ir.root_name(s.iter) if s.iter is not None else None
                if root:
                    self._iterating.append(root)
                self._bounds.append(self._bounded_by(s))
                changed |= self._scan(s.body + s.update, [*trips, size])
                self._bounds.pop()
                if root:
                    self._iterating.pop()
            else:
                for block in ir.child_blocks(s):
                    changed |= self._scan(block, trips)
            for top in ir.stmt_exprs(s):
                for e in ir.walk_expr(top):
                    changed |= self._growth(e, trips)
                    if isinstance(e, ir.Comp):
                        for g in e.gens:
                            for name, val in foreach_bindings(
                                env, g.targets, g.iter, env.trips_of_iter(g.iter)
                            ):
                                changed |= env.bind(name, val)
                    if isinstance(e, ir.Lambda):
                        changed |= self._scan(e.func.body, trips)
        return changed

    def _assign(self, s: ir.Assign) -> bool:
        env = self.env
        changed = False
        names = [t for t in s.targets]
        if s.value is None:
            for t in names:
                if isinstance(t, ir.Name) and s.decl:
                    changed |= env.bind(t.id, type_val(s.decl, t.id, self.language).sized(ONE))
            return changed
        if s.op not in ("=", ":="):
            return False
        if len(names) > 1 and isinstance(s.value, ir.Coll) and len(s.value.elts) == len(names):
            pairs = list(zip(names, [env.infer(v) for v in s.value.elts], strict=True))
        elif len(names) > 1:
            elem = env.infer(s.value)
            inner = elem.elem if elem.kind == SEQ and elem.elem is not None else UNKNOWN_VAL
            pairs = [(t, inner) for t in names]
        else:
            val = env.infer(s.value)
            if (
                val.kind == UNKNOWN
                and s.decl
                and s.decl not in ("let", "const", "var", ":=", "auto")
            ):
                val = _unsized(type_val(s.decl, "_", self.language))
            pairs = [(names[0], val)] if names else []
        for t, val in pairs:
            if isinstance(t, ir.Name):
                changed |= env.bind(t.id, val)
            elif (
                isinstance(t, ir.Attr)
                and isinstance(t.obj, ir.Name)
                and t.obj.id in ("self", "this")
            ):
                changed |= env.bind(t.attr, val)
        return changed

    def _carry(self, s: ir.Assign, trips: list[Cost | None]) -> bool:
        """`merged = keep` / `level = nxt` inside a loop: the outer variable accumulates."""
        if (
            s.op != "="
            or len(s.targets) != 1
            or not isinstance(s.targets[0], ir.Name)
            or s.value is None
        ):
            return False
        name = s.targets[0].id
        start = self._depth.get(name, 0)
        inner = trips[start:]
        if not inner or self.env.infer(s.value).kind not in (SEQ, MAP, "set", "deque"):
            return False
        growth = product([t if t is not None else self.primary() for t in inner])
        return self.env.bind(name, self.env.get(name).sized(growth))

    def _bounded_by(self, loop: ir.Loop) -> set[str]:
        """Containers whose current length bounds `loop`: the one it iterates, or whose length
        its condition reads, directly or through a local (`size = len(res)`)."""
        exprs = [e for e in (loop.iter, loop.cond) if e is not None]
        exprs += [x for st in loop.init for x in ir.stmt_exprs(st)]
        out = {r for e in exprs[:1] if loop.kind == "foreach" and (r := ir.root_name(e))}
        for e in exprs:
            for x in ir.walk_expr(e):
                if isinstance(x, ir.Name) and x.id in self._lengths:
                    out.add(self._lengths[x.id])
                of = _length_of(x)
                if of is not None:
                    out.add(of)
        return out

    def _doubles(self, target: str, trips: list[Cost | None], by_value: ir.Expr | None) -> bool:
        """Does `target` grow by its own length in each round of a loop (`for x in res:
        res.append(...)` inside `for num in nums`, `res += [s + [num] for s in res]`)? Then it
        doubles every round: exponential."""
        start = self._depth.get(target, 0)
        rounds = [t for t in trips[start:] if t is None or not t.constant]
        if not rounds or target in self._consumed:
            return False  # a queue read level by level loses what it gains
        if self.env.get(target).kind in (MAP, SMAP):
            # `map.put(k, map.get(k) + 1)` under `while (matched == map.size())`: a keyed
            # write overwrites an entry, it does not add one per entry there is
            return False
        own = [k for k, b in enumerate(self._bounds) if k >= start and target in b]
        if own and any(k < own[-1] for k in range(start, len(self._bounds))):
            return True
        if by_value is not None:
            for x in ir.walk_expr(by_value):
                if isinstance(x, ir.Comp) and any(ir.root_name(g.iter) == target for g in x.gens):
                    return True
                if isinstance(x, ir.Call) and x.name in ("map", "flatMap") and x.receiver:
                    if ir.root_name(x.receiver) == target:
                        return True
        return False

    def _growth(self, e: ir.Expr, trips: list[Cost | None]) -> bool:
        """Containers grow by one element per execution of an insertion."""
        target: str | None = None
        kind: str | None = None
        if isinstance(e, ir.Call):
            into = inserted_into(e, self.env.vars.__contains__)
            target = ir.root_name(into) if into is not None else None
            kind = HEAP if e.name == "heappush" else None
        elif isinstance(e, ir.AssignE) and isinstance(e.target, ir.Index):
            target = ir.root_name(e.target.obj)
            if self.env.get(target or "").kind != MAP:
                target = None
        if target is None or target in self.params:
            return False
        value = e.args[-1] if isinstance(e, ir.Call) and e.args else None
        if self._doubles(target, trips, value):
            old = self.env.get(target)
            return self.env.bind(
                target, Val(old.kind if old.kind != UNKNOWN else SEQ, EXP, old.elem)
            )
        if target in self._iterating:
            return False
        key = (
            e.args[0]
            if isinstance(e, ir.Call) and e.args
            else e.target.index
            if isinstance(e, ir.AssignE) and isinstance(e.target, ir.Index)
            else None
        )
        old = self.env.get(target)
        if old.kind in (MAP, SMAP, SET, SSET) and key is not None and self.env.infer(key).char:
            # keyed by a character: at most the alphabet, however long the loops run
            return self.env.bind(target, Val(old.kind, ONE, old.elem))
        start = self._depth.get(target, 0)
        # A loop whose trip count is this container's own length (`while (k == map.size())`)
        # adds nothing by writing to it that is not already counted (a doubling would have been
        # caught above); multiplying by it would feed the size back into itself at every round
        # of the fixed point.
        inner = [
            t
            for k, t in enumerate(trips)
            if k >= start and not (k < len(self._bounds) and target in self._bounds[k])
        ]
        growth = product([t if t is not None else self.primary() for t in inner]) if inner else ONE
        new = Val(kind or (old.kind if old.kind != UNKNOWN else SEQ), growth, old.elem)
        return self.env.bind(target, new)


def _unsized(val: Val) -> Val:
    """A helper parameter's declared shape with no sizes at any level: its rows are whatever
    the callers pass (`B[0].size()` of a 2×2 matrix), never a new input size named after it."""
    elem = _unsized(val.elem) if val.elem is not None and not val.elem.char else val.elem
    return Val(val.kind, None, elem, val.const, val.param, val.char)


def _length_of(e: ir.Expr) -> str | None:
    """The container whose length `e` is: `len(x)`, `x.size()`, `x.length`."""
    if isinstance(e, ir.Call) and e.name in ("len", "size", "length", "Len"):
        of = e.receiver if e.receiver is not None else (e.args[0] if e.args else None)
        return ir.root_name(of) if of is not None else None
    if isinstance(e, ir.Attr) and e.attr in ("length", "size"):
        return ir.root_name(e.obj)
    return None
