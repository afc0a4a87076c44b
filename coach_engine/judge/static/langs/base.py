"""The part of lowering every language shares: building IR nodes from CST nodes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.parsing import end_line, field, line, named, operator, text

_NO_FIELDS: Mapping[str, tuple[str, str]] = {}
_NO_NAMES: Mapping[str, str] = {}


class Lowerer:
    """Base class: subclasses implement `module`, `lang_stmt` and `lang_expr` for one grammar.

    The node kinds every grammar lowers the same way are handled once, by `common_stmt` and
    `common_expr`, driven by the per-language node-type tables below (empty means "none").
    """

    # -- per-language node-type tables ---------------------------------------------------------

    BLOCKS: ClassVar[tuple[str, ...]] = ()
    """Brace blocks: lowered to their statements (and accepted as bodies by `body`)."""
    EXPR_STMTS: ClassVar[tuple[str, ...]] = ()
    """Expression statements: each named child lowered by `expr_stmt`."""
    RETURNS: ClassVar[tuple[str, ...]] = ()
    """`return [value]` statements."""
    THROWS: ClassVar[tuple[str, ...]] = ()
    """`throw value` / `raise value` statements, lowered to a `throw` jump."""
    LABELS: ClassVar[tuple[str, ...]] = ()
    """`label: statement`: the statement, label dropped."""
    WHILES: ClassVar[Mapping[str, str]] = _NO_NAMES
    """Condition loops without else (`while_statement` -> `while`, `do_statement` -> `do`)."""
    SKIPS: ClassVar[tuple[str, ...]] = ()
    """Statements with no runtime meaning for the analysis (comments, imports, type aliases)."""

    NAMES: ClassVar[tuple[str, ...]] = ()
    """Identifiers, lowered to a `Name` of their own text."""
    THIS: ClassVar[tuple[str, ...]] = ()
    """The receiver keyword, lowered to `Name("this")`."""
    NUMS: ClassVar[tuple[str, ...]] = ()
    STRINGS: ClassVar[tuple[str, ...]] = ()
    NULLS: ClassVar[tuple[str, ...]] = ()
    """null/nil/None literals, lowered to `Lit("null")`."""
    ATTRS: ClassVar[Mapping[str, tuple[str, str]]] = _NO_FIELDS
    """Member access: node type -> (object field, member-name field)."""
    INDEXES: ClassVar[Mapping[str, tuple[str, str]]] = _NO_FIELDS
    """Subscripts with a single index: node type -> (object field, index field)."""
    BINARIES: ClassVar[tuple[str, ...]] = ()
    """Binary operators with `left` and `right` fields."""
    UNARIES: ClassVar[Mapping[str, str]] = _NO_NAMES
    """Prefix operators: node type -> operand field."""
    UPDATES: ClassVar[Mapping[str, str]] = _NO_NAMES
    """`x++` / `--x`: node type -> operand field ("" for the first named child)."""
    ASSIGNS: ClassVar[tuple[str, ...]] = ()
    """Assignment expressions with `left`, operator and `right`."""
    TERNARIES: ClassVar[tuple[str, ...]] = ()
    """`c ? a : b` with `condition`, `consequence` and `alternative` fields."""
    COLLS: ClassVar[Mapping[str, str]] = _NO_NAMES
    """Literal sequences (array initialisers, comma expressions): node type -> `Coll` kind."""
    SPREADS: ClassVar[tuple[str, ...]] = ()
    """`...x` spread arguments, lowered to a `...` `UnOp`."""
    CASTS: ClassVar[tuple[str, ...]] = ()
    """Casts, lowered to their `value`."""

    def module(self, root: Node) -> ir.Module:
        raise NotImplementedError

    def stmt(self, node: Node) -> list[ir.Stmt]:
        """Lower one statement: the shared kinds here, the rest by the language's `lang_stmt`."""
        common = self.common_stmt(node)
        return common if common is not None else self.lang_stmt(node)

    def expr(self, node: Node) -> ir.Expr:
        """Lower one expression: the shared kinds here, the rest by the language's `lang_expr`."""
        common = self.common_expr(node)
        return common if common is not None else self.lang_expr(node)

    def lang_stmt(self, node: Node) -> list[ir.Stmt]:
        raise NotImplementedError

    def lang_expr(self, node: Node) -> ir.Expr:
        raise NotImplementedError

    # -- shared lowerings ---------------------------------------------------------------------

    def common_stmt(self, node: Node) -> list[ir.Stmt] | None:
        """Lower a statement kind listed in the tables above; None for any other kind."""
        t = node.type
        ln, el, tx = line(node), end_line(node), text(node)
        if t in self.EXPR_STMTS:
            return [self.expr_stmt(node, self.expr(c)) for c in named(node)]
        if t in self.BLOCKS:
            return self.block(node)
        if t in self.WHILES:
            return [self.loop(node, self.WHILES[t], cond=self.cond(field(node, "condition")))]
        if t in self.RETURNS:
            values = named(node)
            return [ir.Return(ln, el, tx, self.expr(values[0]) if values else None)]
        if t in ("break_statement", "continue_statement"):
            return [ir.Jump(ln, el, tx, t.split("_")[0])]
        if t in self.THROWS:
            values = named(node)
            return [ir.Jump(ln, el, tx, "throw", self.expr(values[0]) if values else None)]
        if t in self.LABELS:
            return [s for c in named(node)[1:] for s in self.stmt(c)]
        if t in self.SKIPS:
            return []
        return None

    def common_expr(self, node: Node) -> ir.Expr | None:  # noqa: C901 - one branch per table
        """Lower an expression kind listed in the tables above; None for any other kind."""
        t, ln, tx = node.type, line(node), text(node)
        if t in self.NAMES:
            return ir.Name(ln, tx, tx)
        if t in self.THIS:
            return ir.Name(ln, tx, "this")
        if t in self.NUMS:
            return self.num(node)
        if t in self.STRINGS:
            return self.string(node)
        if t in ("true", "false"):
            return ir.Lit(ln, tx, t)
        if t in self.NULLS:
            return ir.Lit(ln, tx, "null")
        if t in self.ATTRS:
            obj, member = self.ATTRS[t]
            return ir.Attr(ln, tx, self.expr(field(node, obj) or node), text(field(node, member)))
        if t in self.INDEXES:
            obj, index = self.INDEXES[t]
            return ir.Index(
                ln, tx, self.expr(field(node, obj) or node), self.expr(field(node, index) or node)
            )
        if t in self.BINARIES:
            return ir.BinOp(
                ln,
                tx,
                operator(node),
                self.expr(field(node, "left") or node),
                self.expr(field(node, "right") or node),
            )
        if t in self.UNARIES:
            return ir.UnOp(ln, tx, operator(node), self.expr(field(node, self.UNARIES[t]) or node))
        if t in self.UPDATES:
            name = self.UPDATES[t]
            inner = named(node)
            arg = field(node, name) if name else (inner[0] if inner else None)
            target = self.expr(arg) if arg is not None else self.other(node)
            return ir.AssignE(ln, tx, target, "++" if "++" in tx else "--", None)
        if t in self.ASSIGNS:
            left = field(node, "left")
            rhs = self.opt_expr(field(node, "right"))
            if left is not None and left.type in self.TERNARIES:
                # `c ? f[i] : f[i] = v` is `c ? f[i] : (f[i] = v)` in C, C++, Java and JS;
                # tree-sitter-cpp reads it as an assignment to the conditional (a memo's
                # compute-on-miss in one expression)
                cond = self.expr(left)
                if isinstance(cond, ir.Cond):
                    store = ir.AssignE(ln, tx, cond.orelse, operator(node), rhs)
                    return ir.Cond(ln, tx, cond.test, cond.body, store)
            return ir.AssignE(ln, tx, self.expr(left or node), operator(node), rhs)
        if t in self.TERNARIES:
            return ir.Cond(
                ln,
                tx,
                self.expr(field(node, "condition") or node),
                self.expr(field(node, "consequence") or node),
                self.expr(field(node, "alternative") or node),
            )
        if t in self.COLLS:
            return ir.Coll(ln, tx, self.COLLS[t], [self.expr(c) for c in named(node)])
        if t in self.SPREADS:
            inner = named(node)
            return ir.UnOp(ln, tx, "...", self.expr(inner[0]) if inner else self.other(node))
        if t in self.CASTS:
            value = field(node, "value")
            return self.expr(value) if value is not None else self.other(node)
        return None

    def cond(self, node: Node | None) -> ir.Expr | None:
        """The condition of a `WHILES` loop (subclasses may default a missing one)."""
        return self.opt_expr(node)

    def loop(
        self,
        node: Node,
        kind: str,
        *,
        targets: list[ir.Expr] | None = None,
        iter: ir.Expr | None = None,
        init: list[ir.Stmt] | None = None,
        cond: ir.Expr | None = None,
        update: list[ir.Stmt] | None = None,
    ) -> ir.Loop:
        """A `Loop` over `node`'s `body` field (a `BLOCKS` block or a single statement)."""
        return ir.Loop(
            line(node),
            end_line(node),
            text(node),
            kind,
            self.body(field(node, "body"), self.BLOCKS),
            targets=targets or [],
            iter=iter,
            init=init or [],
            cond=cond,
            update=update or [],
        )

    def branch(self, node: Node, test: ir.Expr, orelse: list[ir.Stmt]) -> ir.If:
        """An `If` whose body is `node`'s `consequence` field."""
        return ir.If(
            line(node),
            end_line(node),
            text(node),
            test,
            self.body(field(node, "consequence"), self.BLOCKS),
            orelse,
        )

    def fn_body(self, node: Node | None) -> list[ir.Stmt]:
        """A function body: a `BLOCKS` block, or an expression body returned (arrow functions)."""
        if node is None:
            return []
        if node.type in self.BLOCKS:
            return self.block(node)
        return [ir.Return(line(node), end_line(node), text(node), self.expr(node))]

    def args(self, node: Node | None) -> list[ir.Expr]:
        """The lowered arguments of an argument-list node (none when it is missing)."""
        return [self.expr(a) for a in named(node)] if node is not None else []

    def unknown(self, node: Node) -> list[ir.Stmt]:
        """A statement kind no lowering knows: an `ExprStmt` over `other`."""
        return [ir.ExprStmt(line(node), end_line(node), text(node), self.other(node))]

    # -- helpers -------------------------------------------------------------------------------

    def block(self, node: Node | None) -> list[ir.Stmt]:
        """Statements of a block-ish node (or of a single statement used as a body)."""
        if node is None:
            return []
        out: list[ir.Stmt] = []
        for child in named(node):
            out.extend(self.stmt(child))
        return out

    def body(self, node: Node | None, block_types: tuple[str, ...]) -> list[ir.Stmt]:
        if node is None:
            return []
        if node.type in block_types:
            return self.block(node)
        return self.stmt(node)

    def opt_expr(self, node: Node | None) -> ir.Expr | None:
        return None if node is None else self.expr(node)

    def other(self, node: Node) -> ir.Expr:
        return ir.Other(line(node), text(node), [self.expr(c) for c in named(node)])

    def expr_stmt(self, node: Node, e: ir.Expr) -> ir.Stmt:
        """An expression used as a statement: assignments become `Assign`, the rest `ExprStmt`."""
        if isinstance(e, ir.AssignE):
            value = e.value
            if isinstance(e.target, ir.Coll) and e.op == "=":
                targets = list(e.target.elts)
            else:
                targets = [e.target]
            return ir.Assign(line(node), end_line(node), text(node), targets, e.op, value)
        return ir.ExprStmt(line(node), end_line(node), text(node), e)

    def assign(
        self,
        node: Node,
        targets: list[ir.Expr],
        op: str,
        value: ir.Expr | None,
        decl: str | None = None,
    ) -> ir.Assign:
        return ir.Assign(line(node), end_line(node), text(node), targets, op, value, decl)

    def num(self, node: Node) -> ir.Num:
        raw = text(node).lower().replace("_", "").replace("'", "").rstrip("lufij")
        value: float | None
        try:
            value = float(int(raw, 0)) if raw.startswith(("0x", "0b", "0o")) else float(raw)
        except ValueError:
            try:
                value = float(int(raw))
            except ValueError:
                value = None
        return ir.Num(line(node), text(node), value)

    def string(self, node: Node) -> ir.Str:
        raw = text(node)
        body = raw.strip("`'\"") if len(raw) >= 2 else raw
        return ir.Str(line(node), raw, body)

    def call(
        self,
        node: Node,
        func: ir.Expr,
        args: list[ir.Expr],
        kwargs: dict[str, ir.Expr] | None = None,
    ) -> ir.Call:
        return ir.Call(line(node), text(node), func, args, kwargs or {})
