"""Inferring `Val`s for expressions and building a function's variable environment."""

from __future__ import annotations

from collections.abc import Iterator

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import EXP, ONE, Cost, bigger
from coach_engine.judge.static.infer_calls import infer_call, infer_new, mul_sizes, sum_sizes
from coach_engine.judge.static.values import (
    BOOL,
    CHAR,
    FLOAT,
    FUNC,
    INT,
    LINKED,
    MAP,
    OBJ,
    SEQ,
    SET,
    STR,
    TREE,
    UNKNOWN,
    UNKNOWN_VAL,
    Val,
    join,
)

_LEN_ATTRS = frozenset({"length", "size", "Length", "Count", "len"})
_CHILD_ATTRS = frozenset(
    {
        "left",
        "right",
        "next",
        "Left",
        "Right",
        "Next",
        "children",
        "prev",
        "parent",
        "random",
        "child",
        "neighbors",
    }
)


class Env:
    """Variables of one analysed program (entry function, its helpers and closures)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.vars: dict[str, Val] = {}
        # containers the user's functions return, by function name (`for v in neighbours(u)`)
        self.returns: dict[str, Val] = {}

    def get(self, name: str) -> Val:
        return self.vars.get(name, UNKNOWN_VAL)

    def bind(self, name: str, val: Val) -> bool:
        """Merge `val` into `name`; True when that changed anything."""
        old = self.vars.get(name)
        new = val if old is None else join(old, val)
        if new != old:
            self.vars[name] = new
            return True
        return False

    def size(self, e: ir.Expr | None) -> Cost | None:
        return None if e is None else self.infer(e).size

    # -- inference -----------------------------------------------------------------------------

    def infer(self, e: ir.Expr) -> Val:
        if isinstance(e, ir.Name):
            return self.get(e.id)
        if isinstance(e, ir.Num):
            return Val(FLOAT if "." in e.text else INT, ONE, const=True)
        if isinstance(e, ir.Str):
            return Val(STR, ONE, Val(INT, ONE), const=True)
        if isinstance(e, ir.Lit):
            return Val(BOOL if e.kind in ("true", "false") else OBJ, ONE, const=True)
        if isinstance(e, ir.Coll):
            return self._coll(e)
        if isinstance(e, ir.Comp):
            return self._comp(e)
        if isinstance(e, ir.BinOp):
            return self._binop(e)
        if isinstance(e, ir.UnOp):
            inner = self.infer(e.operand)
            if e.op in ("not", "!"):
                return Val(BOOL, ONE)
            return inner
        if isinstance(e, ir.Cond):
            return join(self.infer(e.body), self.infer(e.orelse))
        if isinstance(e, ir.Attr):
            return self._attr(e)
        if isinstance(e, ir.Index):
            obj = self.infer(e.obj)
            if obj.kind == STR:
                return CHAR
            return obj.elem if obj.elem is not None else UNKNOWN_VAL
        if isinstance(e, ir.Slice):
            obj = self.infer(e.obj)
            return Val(obj.kind, obj.size, obj.elem) if obj.kind != UNKNOWN else Val(SEQ)
        if isinstance(e, ir.Call):
            return infer_call(self, e)
        if isinstance(e, ir.New):
            return infer_new(self, e)
        if isinstance(e, ir.AssignE):
            return self.infer(e.value) if e.value is not None else UNKNOWN_VAL
        if isinstance(e, ir.Lambda):
            return Val(FUNC)
        return UNKNOWN_VAL

    def _coll(self, e: ir.Coll) -> Val:
        kind = {"dict": MAP, "set": SET}.get(e.kind, SEQ)
        size: Cost = ONE
        const = bool(e.elts)
        elem: Val | None = None
        for x in e.elts:
            if isinstance(x, ir.UnOp) and x.op in ("*", "..."):
                size = bigger(size, self.size(x.operand) or ONE)
                const = False
                continue
            v = self.infer(x)
            elem = v if elem is None else join(elem, v)
            if not (v.const or isinstance(x, ir.Num | ir.Str | ir.Lit | ir.UnOp)):
                const = False
        return Val(kind, size, elem, const)

    def trips_of_iter(self, it: ir.Expr) -> Cost | None:
        """How many items iterating over `it` yields (None when unknown)."""
        if isinstance(it, ir.Call) and it.name == "range" and it.receiver is None:
            sizes = [self.size(a) for a in it.args[:2]]
            known = [s for s in sizes if s is not None]
            if not known or (sizes[-1] is None and all(s.constant for s in known)):
                return None  # `range(1, nums[i] + 1)`: up to a value nobody bounds
            out = known[0]
            for s in known[1:]:
                out = bigger(out, s)
            return out
        return self.infer(it).size

    def _comp(self, e: ir.Comp) -> Val:
        size: Cost | None = ONE
        for g in e.gens:
            size = mul_sizes(size, self.trips_of_iter(g.iter))
        kind = {"dict": MAP, "set": SET}.get(e.kind, SEQ)
        elem = self.infer(e.elts[-1]) if e.elts else None
        return Val(kind, size, elem)

    def _binop(self, e: ir.BinOp) -> Val:
        if e.op in (
            "<",
            "<=",
            ">",
            ">=",
            "==",
            "!=",
            "===",
            "!==",
            "in",
            "not in",
            "is",
            "is not",
            "and",
            "or",
            "&&",
            "||",
            "instanceof",
        ):
            return Val(BOOL, ONE)
        left, right = self.infer(e.left), self.infer(e.right)
        if e.op == "*" and left.kind in (SEQ, STR) and right.kind == INT:
            return Val(left.kind, mul_sizes(left.size, right.size), left.elem)
        if e.op == "*" and right.kind in (SEQ, STR) and left.kind == INT:
            return Val(right.kind, mul_sizes(left.size, right.size), right.elem)
        if e.op == "+" and (left.kind in (STR, SEQ) or right.kind in (STR, SEQ)):
            kind = left.kind if left.kind in (STR, SEQ) else right.kind
            return Val(kind, sum_sizes(left.size, right.size), left.elem or right.elem)
        if left.kind == FLOAT or right.kind == FLOAT:
            return Val(FLOAT, None)
        if (
            e.op in ("<<", "**")
            and isinstance(e.left, ir.Num)
            and right.size is not None
            and not right.size.constant
        ):
            return Val(INT, EXP)
        if e.op == "*":
            size = mul_sizes(left.size, right.size)
        elif e.op in ("+", "-", "|", "^", "max"):
            size = sum_sizes(left.size, right.size)
            unknown = left.size is None or right.size is None
            if unknown and size is not None and size.constant:
                size = None  # `nums[i] + 1`: an unknown magnitude stays unknown
        elif e.op in ("%",):
            size = right.size
        else:  # // / >> & << **
            size = left.size
        return Val(INT, size)

    def _attr(self, e: ir.Attr) -> Val:
        if isinstance(e.obj, ir.Name) and e.obj.id in ("self", "this"):
            return self.get(e.attr)
        obj = self.infer(e.obj)
        if e.attr in _LEN_ATTRS:
            return Val(INT, obj.size)
        if e.attr in _CHILD_ATTRS and obj.kind in (TREE, LINKED):
            return obj
        if e.attr in ("val", "Val", "value", "key"):
            return Val(INT, None)
        if e.attr in ("first", "second") and obj.elem is not None:
            return obj.elem
        return UNKNOWN_VAL


def foreach_bindings(
    env: Env, loop_targets: list[ir.Expr], it: ir.Expr, bound: Cost | None
) -> Iterator[tuple[str, Val]]:
    """Values a foreach loop's variables take: `for i, x in enumerate(nums)` → i index, x elem."""
    src = env.infer(it)
    names = [t for t in loop_targets if isinstance(t, ir.Name)]
    if isinstance(it, ir.Call) and it.name == "range":
        for n in names:
            yield n.id, Val(INT, bound)
        return
    if isinstance(it, ir.Call) and it.name == "enumerate" and it.args:
        inner = env.infer(it.args[0])
        if names:
            yield names[0].id, Val(INT, inner.size)
        for n in names[1:]:
            yield n.id, inner.elem or UNKNOWN_VAL
        return
    if isinstance(it, ir.Call) and it.name == "zip":
        for n, a in zip(names, it.args, strict=False):
            yield n.id, env.infer(a).elem or UNKNOWN_VAL
        return
    if src.kind == INT:  # Go: for i := range n
        for n in names:
            yield n.id, Val(INT, src.size)
        return
    elem = src.elem or UNKNOWN_VAL
    if len(loop_targets) == 1 and names and env.language == "go" and src.kind != UNKNOWN:
        # `for i := range xs`: the index (the key of a map), not the element
        yield names[0].id, Val(INT, src.size) if src.kind != MAP else UNKNOWN_VAL
        return
    if len(names) == 2 and env.language == "go":
        yield names[0].id, Val(INT, src.size) if src.kind != MAP else Val(INT)
        yield names[1].id, elem
        return
    if len(names) >= 2 and elem.kind == SEQ and elem.elem is not None:
        for n in names:
            yield n.id, elem.elem
        return
    for n in names:
        yield n.id, elem if len(names) == 1 else Val(INT)


__all__ = ["Env", "foreach_bindings"]
