"""Amortisation: work bounded overall rather than per iteration of the loops around it.

A worklist that marks what it visited, a stack every element enters once, a pointer that only
moves forward, the neighbour lists of a graph: each is charged once for the whole run.
"""

from __future__ import annotations

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import Cost, Term, product
from coach_engine.judge.static.library import INSERT_METHODS
from coach_engine.judge.static.loops import LoopInfo, name_updates, names_in, step_kind
from coach_engine.judge.static.models import Confidence
from coach_engine.judge.static.recursion import universe
from coach_engine.judge.static.values import MAP, SEQ, UNKNOWN
from coach_engine.judge.static.walk_state import ZERO, Frame, Growth, WalkState


class Amortiser(WalkState):
    def iterates(self, lp: ir.Loop, wf: Frame) -> bool:
        """Does `lp` walk the current level of worklist `wf` (BFS by levels)?"""
        work = wf.worklist or ""
        if lp.kind == "foreach":
            it = lp.iter
            if isinstance(it, ir.Call) and it.name in ("range", "enumerate") and it.args:
                return any(_is_length_of(a, work) or names_in(a) & wf.aliases for a in it.args)
            return it is not None and (ir.root_name(it) == work or _is_length_of(it, work))
        exprs: list[ir.Expr] = [lp.cond] if lp.cond is not None else []
        for s in lp.init:
            exprs.extend(ir.stmt_exprs(s))
        return any(
            _is_length_of(x, work) or (isinstance(x, ir.Name) and x.id in wf.aliases)
            for e in exprs
            for x in ir.walk_expr(e)
        )

    def worklist(self, lp: ir.Loop, info: LoopInfo) -> tuple[Frame, Term | None]:
        work = info.container or ""
        line = lp.line
        aliases = {
            t.id
            for s in ir.walk_stmts(lp.body)
            if isinstance(s, ir.Assign) and s.value is not None and _is_length_of(s.value, work)
            for t in s.targets
            if isinstance(t, ir.Name)
        }
        u = universe(self.prog, lp.body, work)
        fed = self.fed_by_callbacks(work)
        if fed is not None and not u.constant:
            # `stk.emplace_back(bind(divide, node->left))` inside a lambda the loop runs through
            # the stack (`cb = stk.back(); stk.pop_back(); cb()`): the pushes happen inside
            # this loop, so the stack holds up to what the traversal handles
            self.growth.append(Growth(work, fed, u, "insert"))
        outer = self.enclosing()
        in_helper = len(self.funcs) > 1
        if outer and self.decl.get(work, -1) < len(self.frames) and self.pushed_outside(work):
            total = product([f.trips.cost for f in outer])
            frame = Frame(lp, ZERO, total, work, aliases)
            return frame, Term(total).note(
                line,
                f"each item enters `{work}` once per iteration of the loop at line "
                f"{outer[-1].loop.line}, so this loop pops at most {self.show(total)} times "
                f"overall (amortised)",
            )
        marker = self.marker(lp, work)
        if (outer or in_helper) and marker is not None:
            frame = Frame(lp, ZERO, u, work, aliases)
            return frame, Term(u).note(
                line,
                f"{info.desc}: cells/nodes are marked in `{marker}` so each of the "
                f"{self.show(u)} is processed once overall (amortised)",
            )
        marked = marker is not None or self.marker(lp, work, len(self.frames)) is not None
        conf = Confidence.HIGH if marked or self.tree_input() else Confidence.MEDIUM
        text = (
            f"{info.desc}: each of the {self.show(u)} nodes/cells is handled once → "
            f"{self.show(u)} iterations{self.nest()}"
        )
        return Frame(lp, Term(u, (), conf).note(line, text), u, work, aliases), None

    def fed_by_callbacks(self, work: str) -> int | None:
        """The line where another function (a lambda, a nested helper) pushes onto `work`."""
        here = self.funcs[-1] if self.funcs else self.prog.entry
        for g in self.prog.reachable():
            if g is here or g is self.prog.entry:
                continue
            for e in ir.all_exprs(g.body):
                if isinstance(e, ir.Call) and e.name in INSERT_METHODS and e.receiver is not None:
                    if ir.root_name(e.receiver) == work:
                        return e.line
        return None

    def pushed_outside(self, work: str) -> bool:
        outer = self.enclosing()[-1].loop
        for e in ir.all_exprs([s for s in outer.body if not isinstance(s, ir.Loop)]):
            if (
                isinstance(e, ir.Call)
                and e.name in INSERT_METHODS
                and e.receiver is not None
                and ir.root_name(e.receiver) == work
            ):
                return True
            if (
                isinstance(e, ir.Call)
                and e.name == "append"
                and e.args
                and ir.root_name(e.args[0]) == work
            ):
                return True
        return False

    def marker(self, lp: ir.Loop, work: str, limit: int | None = None) -> str | None:
        """A structure outside the loop(s) that the traversal writes to: its visited marks."""
        outer = self.enclosing()
        if limit is None:
            limit = self.frames.index(outer[-1]) if outer else -1
        for root in written_roots(lp.body):
            if root != work and self.decl.get(root, -1) <= limit:
                return root
        return None

    def adjacency(self, lp: ir.Loop) -> Cost | None:
        """`for v in graph[u]`: a locally built adjacency list, amortised over all edges."""
        it = lp.iter
        if lp.kind == "for":  # `for (j = 0; j < buckets[i].size(); j++)`: the same walk
            it = next(
                (
                    _length_operand(c.right)
                    for c in ir.walk_expr(lp.cond)
                    if isinstance(c, ir.BinOp) and c.op in ("<", "<=")
                )
                if lp.cond is not None
                else iter(()),
                None,
            )
        elif lp.kind != "foreach":
            return None
        if isinstance(it, ir.Name) and it.id not in self.prog.params:
            it = self.bound_value(it.id) or it
        if (
            isinstance(it, ir.Call)
            and it.name in ("get", "getOrDefault", "at", "remove", "pop")
            and isinstance(it.receiver, ir.Name)
        ):
            it = ir.Index(it.line, it.text, it.receiver, it.args[0] if it.args else it)
        if not isinstance(it, ir.Index) or not isinstance(it.obj, ir.Name):
            return None
        name = it.obj.id
        if (
            name in self.prog.params
            and not self.enclosing()
            and not self.funcs[1:]
            and not self.worklists()
        ):
            return None
        val = self.env.get(name)
        if name in self.prog.params:
            if val.size is None or val.elem is None or val.elem.size is None:
                return None
            return (
                val.size * val.elem.size
                if not self.worklists() and not self.funcs[1:]
                else self.prog.primary()
            )
        if val.kind not in (MAP, SEQ) or val.size is None or val.size.constant:
            return None
        if val.elem is not None and val.elem.kind not in (SEQ, "set", UNKNOWN):
            return None
        return val.size

    def monotone(self, lp: ir.Loop, info: LoopInfo) -> bool:
        """A while loop whose counter lives outside the enclosing loop and is never reset there."""
        outer = self.enclosing()
        var = info.var
        if (
            not outer
            or var is None
            or lp.kind not in ("while", "do")
            and any(isinstance(s, ir.Assign) and var in names_in_targets(s) for s in lp.init)
        ):
            return False
        if lp.kind == "foreach":
            return False
        innermost = outer[-1]
        depth = self.frames.index(innermost)
        if self.decl.get(var, -1) > depth:
            return False
        if innermost.loop.kind == "for" and any(
            var in names_in_targets(s) for s in innermost.loop.update
        ):
            return False
        if innermost.loop.kind == "foreach" and any(
            isinstance(t, ir.Name) and t.id == var for t in innermost.loop.targets
        ):
            return False
        for s in ir.walk_stmts(innermost.loop.body):
            if s is lp or not isinstance(s, ir.Assign) or _inside(s, lp):
                continue
            for v, op, value in name_updates([s]):
                # `j = k` resets the counter; `j, k = j + 1, k - 1` only steps it on
                if v == var and op == "=" and step_kind(v, op, value) != "add":
                    return False
        return True

    def resumes(self, lp: ir.Loop, info: LoopInfo) -> str | None:
        """An inner loop that starts its counter at the enclosing loop's index (`j = i`) after
        which the enclosing loop continues from where it stopped (`i = j`): the two walk the
        range once between them (run grouping). Returns the enclosing loop's index."""
        outer = self.enclosing()
        var = info.var
        if not outer or var is None or lp.kind == "foreach":
            return None
        o = outer[-1].loop
        indices = names_in(o.cond) - {var}
        rest = _after(o.body, lp) + o.update
        starts = name_updates([*_before(o.body, lp), *lp.init])
        for v, op, value in name_updates(rest):
            if v not in indices or op != "=" or not _offset_of(value, var):
                continue
            if any(w == var and op2 == "=" and _offset_of(x, v) for w, op2, x in starts):
                return v
        return None

    # -- expressions ---------------------------------------------------------------------------


def _length_operand(e: ir.Expr) -> ir.Expr | None:
    """`x` for `len(x)`, `x.size()`, `x.length`, `x.size()` cast to int."""
    while isinstance(e, ir.Call) and e.name in ("int", "size_t") and len(e.args) == 1:
        e = e.args[0]
    if isinstance(e, ir.Call) and e.name in ("len", "size", "length", "Len"):
        return e.receiver if e.receiver is not None else (e.args[0] if e.args else None)
    if isinstance(e, ir.Attr) and e.attr in ("length", "size"):
        return e.obj
    return None


def _is_length_of(e: ir.Expr, work: str) -> bool:
    """`len(q)`, `q.size()`, `q.length`, `len(q) - 1`: the current size of worklist `work`."""
    for x in ir.walk_expr(e):
        if isinstance(x, ir.Call) and x.name in ("len", "size", "length", "Len", "count"):
            target = x.receiver if x.receiver is not None else (x.args[0] if x.args else None)
            if target is not None and ir.root_name(target) == work:
                return True
        if isinstance(x, ir.Attr) and x.attr in ("length", "size") and ir.root_name(x.obj) == work:
            return True
    return False


def written_roots(stmts: list[ir.Stmt]) -> list[str]:
    """Containers whose elements `stmts` set or insert into."""
    roots: list[str | None] = []
    for s in ir.walk_stmts(stmts):
        if isinstance(s, ir.Assign):
            roots += [ir.root_name(t) for t in s.targets if isinstance(t, ir.Index)]
        for top in ir.stmt_exprs(s):
            for e in ir.walk_expr(top):
                if (
                    isinstance(e, ir.Call)
                    and e.receiver is not None
                    and e.name in ("add", "put", "set", "insert", "emplace", "Add")
                ):
                    roots.append(ir.root_name(e.receiver))
                if isinstance(e, ir.AssignE) and isinstance(e.target, ir.Index):
                    roots.append(ir.root_name(e.target))
    return [r for r in roots if r]


def names_in_targets(s: ir.Stmt) -> set[str]:
    if isinstance(s, ir.Assign):
        return {t.id for t in s.targets if isinstance(t, ir.Name)}
    return set()


def _inside(s: ir.Stmt, block: ir.Stmt) -> bool:
    return any(x is s for b in ir.child_blocks(block) for x in ir.walk_stmts(b))


def _offset_of(value: ir.Expr | None, var: str) -> bool:
    """`var`, `var + 1`, `var - 1`: the value of `var`, give or take a constant."""
    if isinstance(value, ir.Name):
        return value.id == var
    return (
        isinstance(value, ir.BinOp)
        and value.op in ("+", "-")
        and isinstance(value.left, ir.Name)
        and value.left.id == var
        and isinstance(value.right, ir.Num)
    )


def _before(body: list[ir.Stmt], lp: ir.Loop) -> list[ir.Stmt]:
    """Statements of `body` that run before `lp` in the same iteration (top level of `body`)."""
    for k, s in enumerate(body):
        if s is lp or _inside(lp, s):
            return body[:k]
    return []


def _after(body: list[ir.Stmt], lp: ir.Loop) -> list[ir.Stmt]:
    """Statements of `body` that run after `lp` in the same iteration (top level of `body`)."""
    for k, s in enumerate(body):
        if s is lp or _inside(lp, s):
            return body[k + 1 :]
    return []
