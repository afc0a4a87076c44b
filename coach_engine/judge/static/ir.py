"""A small language-neutral tree that every language front end lowers its tree-sitter CST into.

The complexity and quality rules are written once against these classes. Expressions keep their
source `text` and `line` (1-based) so evidence can quote the candidate's code. Method calls are
`Call(func=Attr(receiver, name))`; `i++` and friends are `AssignE` (inside expressions) or
`Assign(op="++")` (as statements); a C-style `for` is a `Loop` with `init`/`cond`/`update`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(eq=False)
class Expr:
    line: int
    text: str


@dataclass(eq=False)
class Name(Expr):
    id: str


@dataclass(eq=False)
class Num(Expr):
    value: float | None


@dataclass(eq=False)
class Str(Expr):
    value: str


@dataclass(eq=False)
class Lit(Expr):
    """`true`, `false`, `null` (None / nil / nullptr / undefined)."""

    kind: str


@dataclass(eq=False)
class Attr(Expr):
    obj: Expr
    attr: str


@dataclass(eq=False)
class Index(Expr):
    obj: Expr
    index: Expr


@dataclass(eq=False)
class Slice(Expr):
    obj: Expr
    lo: Expr | None
    hi: Expr | None


@dataclass(eq=False)
class Call(Expr):
    func: Expr
    args: list[Expr]
    kwargs: dict[str, Expr] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The called name: `f` for `f(x)`, `sort` for `a.b.sort()`, '' when not a plain name."""
        if isinstance(self.func, Name):
            return self.func.id
        if isinstance(self.func, Attr):
            return self.func.attr
        return ""

    @property
    def receiver(self) -> Expr | None:
        return self.func.obj if isinstance(self.func, Attr) else None


@dataclass(eq=False)
class BinOp(Expr):
    """Arithmetic, comparison (`<`, `==`, `in`, `not in`, `is`) and boolean (`and`, `or`)."""

    op: str
    left: Expr
    right: Expr


@dataclass(eq=False)
class UnOp(Expr):
    op: str
    operand: Expr


@dataclass(eq=False)
class Cond(Expr):
    test: Expr
    body: Expr
    orelse: Expr


@dataclass(eq=False)
class Coll(Expr):
    """A literal collection: kind is list, tuple, dict or set (brace initialisers are lists)."""

    kind: str
    elts: list[Expr]


@dataclass(eq=False)
class New(Expr):
    """An allocation: `new int[n]`, `new HashMap<>()`, `vector<int>(n)`, `make([]int, n)`.

    `type` is the base type name (`int`, `HashMap`, `vector`, `[]int`), `dims` the sized
    dimensions (`[n][m]`), `args` the constructor arguments, `init` an initialiser literal.
    """

    type: str
    args: list[Expr]
    dims: list[Expr] = field(default_factory=list)
    init: Expr | None = None


@dataclass(eq=False)
class Gen:
    targets: list[Expr]
    iter: Expr
    conds: list[Expr]


@dataclass(eq=False)
class Comp(Expr):
    """A comprehension or generator: each `Gen` is one `for ... in ... if ...` clause."""

    kind: str
    elts: list[Expr]
    gens: list[Gen]


@dataclass(eq=False)
class Lambda(Expr):
    func: FuncDef


@dataclass(eq=False)
class AssignE(Expr):
    """An assignment used as an expression: `i++`, `x = y` inside a condition, `arr[i++]`."""

    target: Expr
    op: str
    value: Expr | None


@dataclass(eq=False)
class Other(Expr):
    """Anything else; its sub-expressions are kept so names and calls are still seen."""

    parts: list[Expr]


@dataclass(eq=False)
class Stmt:
    line: int
    end_line: int
    text: str


@dataclass(eq=False)
class Assign(Stmt):
    """`targets op value`; `op` is `=`, `+=`, `++`, `--`, ...; `decl` is the declared type or the
    declaring keyword (`let`, `const`, `var`, `:=`) when this is a declaration."""

    targets: list[Expr]
    op: str
    value: Expr | None
    decl: str | None = None


@dataclass(eq=False)
class ExprStmt(Stmt):
    expr: Expr


@dataclass(eq=False)
class If(Stmt):
    test: Expr
    body: list[Stmt]
    orelse: list[Stmt]


@dataclass(eq=False)
class Loop(Stmt):
    """kind: `foreach` (targets/iter), `for` (init/cond/update), `while` or `do` (cond)."""

    kind: str
    body: list[Stmt]
    targets: list[Expr] = field(default_factory=list)
    iter: Expr | None = None
    init: list[Stmt] = field(default_factory=list)
    cond: Expr | None = None
    update: list[Stmt] = field(default_factory=list)


@dataclass(eq=False)
class Return(Stmt):
    value: Expr | None


@dataclass(eq=False)
class Jump(Stmt):
    """break, continue or throw/raise."""

    kind: str
    value: Expr | None = None


@dataclass(eq=False)
class Compound(Stmt):
    """try/switch/with/bare blocks: `bodies` run conditionally, `exprs` are evaluated."""

    kind: str
    exprs: list[Expr]
    bodies: list[list[Stmt]]


@dataclass(eq=False)
class Param:
    name: str
    type: str | None
    line: int
    default: Expr | None = None


@dataclass(eq=False)
class FuncDef(Stmt):
    name: str
    params: list[Param]
    body: list[Stmt]
    decorators: list[str] = field(default_factory=list)
    owner: str | None = None
    is_lambda: bool = False
    self_name: str | None = None  # C++23 `this auto&& self`: the name it calls itself by


@dataclass(eq=False)
class Module:
    """All functions (top-level, methods, nested defs and named lambdas) and class fields."""

    functions: list[FuncDef]
    fields: list[Assign] = field(default_factory=list)


def sub_exprs(e: Expr) -> Iterator[Expr]:
    """Direct sub-expressions of `e` (lambdas are not entered)."""
    if isinstance(e, Attr):
        yield e.obj
    elif isinstance(e, Index):
        yield e.obj
        yield e.index
    elif isinstance(e, Slice):
        yield e.obj
        if e.lo is not None:
            yield e.lo
        if e.hi is not None:
            yield e.hi
    elif isinstance(e, Call):
        yield e.func
        yield from e.args
        yield from e.kwargs.values()
    elif isinstance(e, BinOp):
        yield e.left
        yield e.right
    elif isinstance(e, UnOp):
        yield e.operand
    elif isinstance(e, Cond):
        yield e.test
        yield e.body
        yield e.orelse
    elif isinstance(e, Coll):
        yield from e.elts
    elif isinstance(e, Other):
        yield from e.parts
    elif isinstance(e, New):
        yield from e.args
        yield from e.dims
        if e.init is not None:
            yield e.init
    elif isinstance(e, Comp):
        for g in e.gens:
            yield g.iter
            yield from g.targets
            yield from g.conds
        yield from e.elts
    elif isinstance(e, AssignE):
        yield e.target
        if e.value is not None:
            yield e.value


def sub_targets(targets: list[Expr]) -> list[Expr]:
    """Expressions evaluated while assigning to `targets` (indices, receivers), not the names."""
    out: list[Expr] = []
    for t in targets:
        if not isinstance(t, Name):
            out.extend(sub_exprs(t))
    return out


def walk_expr(e: Expr) -> Iterator[Expr]:
    """`e` and every expression below it, not entering lambdas."""
    stack = [e]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(reversed(list(sub_exprs(cur))))


def stmt_exprs(s: Stmt) -> list[Expr]:
    """The expressions a statement evaluates itself (not those of nested statements)."""
    if isinstance(s, Assign):
        return [*s.targets, *([s.value] if s.value is not None else [])]
    if isinstance(s, ExprStmt):
        return [s.expr]
    if isinstance(s, If):
        return [s.test]
    if isinstance(s, Loop):
        out: list[Expr] = [*s.targets]
        if s.iter is not None:
            out.append(s.iter)
        if s.cond is not None:
            out.append(s.cond)
        return out
    if isinstance(s, Return | Jump):
        return [s.value] if s.value is not None else []
    if isinstance(s, Compound):
        return list(s.exprs)
    return []


def child_blocks(s: Stmt) -> list[list[Stmt]]:
    """Nested statement lists of `s` (function bodies excluded)."""
    if isinstance(s, If):
        return [s.body, s.orelse]
    if isinstance(s, Loop):
        return [s.init, s.body, s.update]
    if isinstance(s, Compound):
        return list(s.bodies)
    return []


def walk_stmts(stmts: list[Stmt], into_functions: bool = False) -> Iterator[Stmt]:
    """Every statement in `stmts`, depth first, optionally entering nested function bodies."""
    for s in stmts:
        yield s
        for block in child_blocks(s):
            yield from walk_stmts(block, into_functions)
        if into_functions and isinstance(s, FuncDef):
            yield from walk_stmts(s.body, into_functions)


def lambdas_in(e: Expr) -> Iterator[Lambda]:
    for sub in walk_expr(e):
        if isinstance(sub, Lambda):
            yield sub


def all_exprs(stmts: list[Stmt]) -> Iterator[Expr]:
    """Every expression in `stmts`, entering lambda bodies but not nested function definitions."""
    for s in walk_stmts(stmts):
        for top in stmt_exprs(s):
            for e in walk_expr(top):
                yield e
                if isinstance(e, Lambda):
                    yield from all_exprs(e.func.body)


def root_name(e: Expr) -> str | None:
    """The variable at the root of `a.b[c].d`: 'a' (or the attribute after self/this)."""
    cur = e
    while True:
        if isinstance(cur, Attr):
            if isinstance(cur.obj, Name) and cur.obj.id in ("self", "this"):
                return cur.attr
            cur = cur.obj
        elif isinstance(cur, Index | Slice):
            cur = cur.obj
        elif isinstance(cur, UnOp) and cur.op in ("*", "&"):
            cur = cur.operand
        else:
            break
    return cur.id if isinstance(cur, Name) else None
