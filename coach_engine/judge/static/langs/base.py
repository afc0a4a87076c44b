"""The part of lowering every language shares: building IR nodes from CST nodes."""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.parsing import end_line, line, named, text


class Lowerer:
    """Base class: subclasses implement `module`, `stmt` and `expr` for one grammar."""

    def module(self, root: Node) -> ir.Module:
        raise NotImplementedError

    def stmt(self, node: Node) -> list[ir.Stmt]:
        raise NotImplementedError

    def expr(self, node: Node) -> ir.Expr:
        raise NotImplementedError

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
