"""Static time complexity: one walk over the entry function and every helper it calls.

Loops multiply the cost of their body by their trip count; statements in sequence keep the
largest; calls cost what the library or the user function costs. Work that is bounded overall
rather than per iteration (a flood fill that marks visited cells, a monotonic stack, a sliding
window, the neighbours of every node, a memoised recursion) is *amortised*: it is charged once,
globally, instead of being multiplied by the loops around it. The same walk records where
containers grow, for the space analysis.
"""

from __future__ import annotations

from coach_engine.judge.static import ir
from coach_engine.judge.static.amortise import Amortiser
from coach_engine.judge.static.calls import library_term, sorted_target
from coach_engine.judge.static.cost import LOG, ONE, Cost, Term, product, seq
from coach_engine.judge.static.growth import GrowthRecorder
from coach_engine.judge.static.library import HIGHER_ORDER
from coach_engine.judge.static.loops import LoopInfo, classify, names_in
from coach_engine.judge.static.models import Confidence
from coach_engine.judge.static.recursion import depth, recursion_info
from coach_engine.judge.static.recursive_cost import combine, total_calls
from coach_engine.judge.static.scope import Program
from coach_engine.judge.static.values import MAP, SEQ, STR
from coach_engine.judge.static.walk_state import ZERO, Frame, Growth


class TimeAnalysis(Amortiser, GrowthRecorder):
    def __init__(self, prog: Program) -> None:
        super().__init__(prog)

    def run(self) -> Term:
        per_call, overall = self.function(self.prog.entry)
        total = per_call if overall is None else per_call.then(overall)
        for t in self.amortised:
            total = total.then(t)
        return total

    def function(self, f: ir.FuncDef) -> tuple[Term, Term | None]:
        """(cost of one call, overall cost to charge once) for a user function."""
        key = id(f)
        if key in self.cache:
            return self.cache[key]
        if f in self.funcs:
            return ZERO, None
        info = recursion_info(self.prog, f)
        saved = (self.frames, self.decl, self.rec_mult, self.rec_info, self.rec_depth, self.once)
        self.once = []
        self.frames, self.decl = [], {p.name: -1 for p in f.params}
        self.rec_info = info
        self.rec_mult = ONE
        if info is not None:
            self.rec_mult = total_calls(self.prog, info)
            self.rec_depth = depth(self.prog, info)
        self.funcs.append(f)
        body = seq([self.block(f.body), *self.once])
        self.funcs.pop()
        (self.frames, self.decl, self.rec_mult, self.rec_info, self.rec_depth, self.once) = saved
        result = combine(self, info, body)
        self.cache[key] = result
        return result

    # -- statements ----------------------------------------------------------------------------

    def block(self, stmts: list[ir.Stmt]) -> Term:
        return seq([self.stmt(s) for s in stmts])

    def stmt(self, s: ir.Stmt) -> Term:
        if isinstance(s, ir.FuncDef):
            return ZERO
        self.record_temporaries(s)
        if isinstance(s, ir.Loop):
            return self.loop(s)
        if isinstance(s, ir.If):
            return self.expr(s.test).then(self.block(s.body)).then(self.block(s.orelse))
        if isinstance(s, ir.Compound):
            out = seq([self.expr(e) for e in s.exprs])
            for b in s.bodies:
                out = out.then(self.block(b))
            return out
        if isinstance(s, ir.Assign):
            return self.assign(s)
        cost = seq([self.expr(e) for e in ir.stmt_exprs(s)])
        if isinstance(s, ir.Return) and self.enclosing() and not cost.cost.constant:
            self.once.append(cost)  # the return leaves the loops: it runs once per call
            return ZERO
        return cost

    def assign(self, s: ir.Assign) -> Term:
        out = seq([self.expr(e) for e in ir.sub_targets(s.targets)])
        if s.value is not None:
            out = out.then(self.expr(s.value))
        for t in s.targets:
            if isinstance(t, ir.Name) and t.id not in self.decl:
                self.decl[t.id] = len(self.frames)
        out = out.then(self.concatenation(s))
        self.record_assign(s)
        return out

    def concatenation(self, s: ir.Assign) -> Term:
        """`s += c` on an immutable string copies it: O(len) each time."""
        if len(s.targets) != 1 or not isinstance(s.targets[0], ir.Name):
            return ZERO
        name = s.targets[0].id
        val = self.env.get(name)
        lang = self.env.language
        grows = s.op == "+=" or (
            s.op == "="
            and isinstance(s.value, ir.BinOp)
            and s.value.op == "+"
            and isinstance(s.value.left, ir.Name)
            and s.value.left.id == name
        )
        if not grows or val.kind not in (STR, SEQ) or not self.frames:
            return ZERO
        if val.kind == SEQ and (s.op == "+=" or lang != "python"):
            return ZERO
        if val.kind == STR and lang == "cpp" and s.op == "+=":
            return ZERO
        size = self.growth_bound()
        confidence = Confidence.MEDIUM if lang in ("python", "javascript") else Confidence.HIGH
        return Term(size, (), confidence).note(
            s.line,
            f"`{' '.join(s.text.split())}` copies the whole "
            f"{'string' if val.kind == STR else 'list'} each time → up to {self.show(size)} "
            "per iteration",
        )

    def growth_bound(self) -> Cost:
        return product([f.space for f in self.frames]) if self.frames else self.prog.primary()

    # -- loops ---------------------------------------------------------------------------------

    def loop(self, lp: ir.Loop) -> Term:
        info = classify(lp, self.env)
        pre = seq([self.stmt(s) for s in lp.init])
        if lp.iter is not None:
            pre = pre.then(self.expr(lp.iter))
        frame, overall = self.trips(lp, info)
        # charged once overall: its body runs that many times in total, whatever is around it
        frame.amortised = frame.amortised or (overall is not None and not frame.space.constant)
        self.frames.append(frame)
        body = self.block(lp.body).then(self.block(lp.update))
        if lp.cond is not None:
            body = body.then(self.expr(lp.cond))
        self.frames.pop()
        if overall is not None:
            self.amortised.append(overall.times(body))
            return pre
        return pre.then(frame.trips.times(body))

    def trips(self, lp: ir.Loop, info: LoopInfo) -> tuple[Frame, Term | None]:
        line = lp.line
        for wf in self.worklists():
            if self.iterates(lp, wf):
                return Frame(lp, ZERO, wf.space, level_of=wf), None
        if info.kind == "worklist" and info.container:
            frame, overall = self.worklist(lp, info)
            frame.amortised = overall is not None
            return frame, overall
        if info.kind == "worklist" and info.container:
            return self.worklist(lp, info)
        if info.kind == "const":
            return Frame(lp, ZERO, ONE), None
        if info.kind == "shrinking":
            return Frame(lp, Term(ONE, (), Confidence.MEDIUM).note(line, info.desc), ONE), None
        if info.kind == "log":
            return Frame(
                lp,
                Term(Cost(log=1)).note(line, f"{info.desc} → log n iterations{self.nest()}"),
                Cost(log=1),
            ), None
        adj = self.adjacency(lp)
        if adj is not None:
            return Frame(lp, ZERO, ONE), Term(adj).note(
                line,
                f"loop over the neighbours `{lp.iter.text if lp.iter else ''}`: "
                f"each edge/item is looked at once overall",
            )
        if info.kind in ("counted", "pointer") and info.size is not None:
            size = info.size
            if self.monotone(lp, info):
                outer = self.enclosing()[-1]
                return Frame(lp, ZERO, size), Term(size).note(
                    line,
                    f"`{info.var}` only moves forward across the loop at line "
                    f"{outer.loop.line} (two pointers / sliding window): {self.show(size)} "
                    f"steps in total, amortised",
                )
            resumed = self.resumes(lp, info)
            if resumed is not None:
                outer = self.enclosing()[-1]
                return Frame(lp, ZERO, size), Term(size).note(
                    line,
                    f"`{info.var}` starts at `{resumed}` and the loop at line {outer.loop.line} "
                    f"continues from where `{info.var}` stopped: the two walk the range once "
                    f"between them, {self.show(size)} steps in total (amortised)",
                )
            if info.kind == "pointer":
                text = f"{info.desc} → {self.show(size)} steps{self.nest()}"
                conf = (
                    Confidence.MEDIUM
                    if self.env.get(info.var or "").kind == "tree"
                    else Confidence.HIGH
                )
                return Frame(lp, Term(size, (), conf).note(line, text), size), None
            text = f"{info.desc} — {self.show(size)} iterations{self.nest()}"
            return Frame(lp, Term(size).note(line, text), size), None
        size = self.prog.primary()
        text = (
            f"cannot bound the {info.desc or 'loop'}; assuming about {self.show(size)} "
            f"iterations{self.nest()}"
        )
        return Frame(lp, Term(size, (), Confidence.LOW).note(line, text), size), None

    def expr(self, e: ir.Expr | None) -> Term:
        if e is None or isinstance(e, ir.Lambda):
            return ZERO
        if isinstance(e, ir.Comp):
            return self.comp(e)
        if isinstance(e, ir.Call):
            return self.call(e)
        sub = seq([self.expr(x) for x in ir.sub_exprs(e)])
        built = self.prog.constructor(e) if isinstance(e, ir.New) else None
        if built is not None and built not in self.funcs:
            per_call, overall = self.function(built)  # `new UnionFind(n)` runs its constructor
            if overall is not None and all(t is not overall for t in self.amortised):
                self.amortised.append(overall)
            return sub.then(per_call)
        return sub.then(self.own(e))

    def own(self, e: ir.Expr) -> Term:
        env = self.env
        if isinstance(e, ir.BinOp) and e.op in ("in", "not in"):
            val = env.infer(e.right)
            if (
                val.kind in (SEQ, "deque", STR)
                and not val.const
                and val.size is not None
                and not val.size.constant
                and not (isinstance(e.right, ir.Call) and e.right.name == "range")
            ):
                return Term(val.size).note(
                    e.line,
                    f"`{e.text}` scans a "
                    f"{'string' if val.kind == STR else 'list'} → "
                    f"{self.show(val.size)} per check",
                )
            return ZERO
        if isinstance(e, ir.BinOp) and e.op == "**":
            return self.power(e, e.right)
        if isinstance(e, ir.BinOp) and e.op in ("+", "*"):
            val = env.infer(e)
            if val.kind in (SEQ, STR) and val.size is not None and not val.size.constant:
                if e.op == "+" and env.language == "cpp" and val.kind == STR:
                    return Term(val.size).note(e.line, f"`{e.text}` builds a new string")
                what = "builds a new list" if val.kind == SEQ else "builds a new string"
                return Term(val.size).note(e.line, f"`{e.text}` {what} → {self.show(val.size)}")
            return ZERO
        if isinstance(e, ir.Slice):
            if env.language == "go":
                return ZERO
            if (
                e.lo is not None
                and e.hi is not None
                and isinstance(e.hi, ir.BinOp)
                and e.hi.op == "+"
                and e.hi.left.text == e.lo.text
                and isinstance(e.hi.right, ir.Num)
            ):
                return ZERO
            size = env.infer(e.obj).size
            if size is not None and not size.constant:
                return Term(size).note(e.line, f"slice `{e.text}` copies → {self.show(size)}")
            return ZERO
        if isinstance(e, ir.New):
            size = env.infer(e).size
            if size is not None and not size.constant:
                return Term(size).note(e.line, f"`{e.text}` allocates {self.show(size)} cells")
            return ZERO
        if isinstance(e, ir.Coll) and any(
            isinstance(x, ir.UnOp) and x.op in ("*", "...") for x in e.elts
        ):
            size = env.infer(e).size
            if size is not None and not size.constant:
                return Term(size).note(e.line, f"`{e.text}` copies → {self.show(size)}")
        return ZERO

    def power(self, e: ir.Expr, exponent: ir.Expr) -> Term:
        """`x ** n`, `pow(x, n)`: exponentiation by squaring, log n multiplications."""
        while (
            isinstance(exponent, ir.Call)
            and exponent.name in ("float64", "float", "double", "int", "long", "Number")
            and len(exponent.args) == 1
        ):
            exponent = exponent.args[0]  # `math.Pow(phi, float64(n))`
        size = self.env.size(exponent)
        if size is None or size.constant or size.log:
            return ZERO
        return Term(LOG).note(e.line, f"`{' '.join(e.text.split())}` squares its way up: log n")

    def comp(self, e: ir.Comp) -> Term:
        pre = ZERO
        trips: list[Term] = []
        space: list[Cost] = []
        for g in e.gens:
            pre = pre.then(self.expr(g.iter))
            level = next(
                (
                    wf
                    for wf in self.worklists()
                    if names_in(g.iter) & ({wf.worklist or ""} | wf.aliases)
                ),
                None,
            )
            if level is not None:
                space.append(level.space)
                continue
            size = self.env.trips_of_iter(g.iter)
            if size is None:
                size = self.prog.primary()
                trips.append(
                    Term(size, (), Confidence.MEDIUM).note(
                        e.line, f"comprehension over `{g.iter.text}` — assuming {self.show(size)}"
                    )
                )
            elif not size.constant:
                trips.append(
                    Term(size).note(
                        e.line,
                        f"comprehension over `{g.iter.text}` — "
                        f"{self.show(size)} iterations{self.nest()}",
                    )
                )
            space.append(size)
        inner = seq(
            [self.expr(x) for x in e.elts] + [self.expr(c) for g in e.gens for c in g.conds]
        )
        total = ZERO
        for t in trips:
            total = total.times(t) if total.why or not total.cost.constant else t
        elt_size = ONE
        if e.elts and e.kind != "gen":
            elt = self.env.infer(e.elts[-1])
            if elt.kind in (SEQ, STR, MAP) and elt.size is not None:
                elt_size = elt.size
        self.comp_sizes[id(e)] = product(space) * elt_size
        return pre.then(total.times(inner) if trips else inner)

    def call(self, e: ir.Call) -> Term:
        args = seq(
            [self.expr(a) for a in e.args]
            + [self.expr(v) for v in e.kwargs.values()]
            + [self.expr(x) for x in ir.sub_exprs(e.func)]
        )
        self.record_call(e)
        callee = self.prog.invoked(e)
        if callee is not None:
            if callee in self.funcs:
                return args
            per_call, overall = self.function(callee)
            if overall is not None and all(t is not overall for t in self.amortised):
                self.amortised.append(overall)
            if per_call.cost.constant:
                return args
            return args.then(
                per_call.note(e.line, f"calls `{callee.name}`{self.nest()}")
                if self.enclosing()
                else per_call
            )
        if e.name in ("pow", "Pow") and len(e.args) == 2:
            return args.then(self.power(e, e.args[1]))
        callbacks = [a.func for a in [*e.args, *e.kwargs.values()] if isinstance(a, ir.Lambda)]
        own = library_term(self.env, e, self.prog.primary())
        if callbacks:
            cb = seq([self.block(f.body) for f in callbacks])
            if sorted_target(e) is not None:
                return args.then(own.times(cb))
            if (
                e.name in HIGHER_ORDER
                or e.name in ("map", "filter", "sorted", "min", "max", "computeIfAbsent")
                and e.receiver is None
            ):
                over = (
                    e.receiver
                    if e.receiver is not None
                    else next((a for a in e.args if not isinstance(a, ir.Lambda)), None)
                )
                size = self.env.size(over) if over is not None else None
                if size is not None and not size.constant and e.name != "computeIfAbsent":
                    return args.then(
                        Term(size)
                        .note(
                            e.line,
                            f"`{e.name}` runs its callback once per element of "
                            f"`{over.text if over else ''}` — {self.show(size)} calls"
                            f"{self.nest()}",
                        )
                        .times(cb)
                    )
            return args.then(own).then(cb)
        return args.then(own)

    # -- space bookkeeping ---------------------------------------------------------------------


__all__ = ["Growth", "TimeAnalysis"]
