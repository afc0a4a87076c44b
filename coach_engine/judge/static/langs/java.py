"""Lowering tree-sitter-java CSTs to the judge IR."""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.langs.base import Lowerer
from coach_engine.judge.static.parsing import end_line, field, fields, line, named, operator, text

_BLOCKS = ("block",)
_NUMS = (
    "decimal_integer_literal",
    "hex_integer_literal",
    "octal_integer_literal",
    "binary_integer_literal",
    "decimal_floating_point_literal",
    "hex_floating_point_literal",
)


class JavaLowerer(Lowerer):
    def module(self, root: Node) -> ir.Module:
        mod = ir.Module(functions=[])
        self._class(root, mod, None)
        return mod

    def _class(self, node: Node, mod: ir.Module, owner: str | None) -> None:
        for child in named(node):
            if child.type in (
                "class_declaration",
                "interface_declaration",
                "record_declaration",
                "enum_declaration",
            ):
                body = field(child, "body")
                if body is not None:
                    self._class(body, mod, text(field(child, "name")))
            elif child.type in ("method_declaration", "constructor_declaration"):
                mod.functions.append(self._method(child, owner))
            elif child.type == "field_declaration":
                mod.fields.extend(s for s in self._declaration(child) if isinstance(s, ir.Assign))

    def _method(self, node: Node, owner: str | None) -> ir.FuncDef:
        params = self._params(field(node, "parameters"))
        return ir.FuncDef(
            line(node),
            end_line(node),
            text(node),
            text(field(node, "name")),
            params,
            self.block(field(node, "body")),
            [],
            owner,
        )

    def _params(self, node: Node | None) -> list[ir.Param]:
        out: list[ir.Param] = []
        if node is None:
            return out
        if node.type == "identifier":
            return [ir.Param(text(node), None, line(node))]
        for p in named(node):
            if p.type in ("formal_parameter", "spread_parameter"):
                name = field(p, "name") or next(
                    (c for c in named(p) if c.type == "variable_declarator"), None
                )
                type_node = field(p, "type")
                dims = field(p, "dimensions")
                type_text = text(type_node) + (text(dims) if dims is not None else "")
                out.append(
                    ir.Param(
                        text(
                            field(name, "name")
                            if name is not None and name.type == "variable_declarator"
                            else name
                        ),
                        type_text or None,
                        line(p),
                    )
                )
            elif p.type == "identifier":
                out.append(ir.Param(text(p), None, line(p)))
        return out

    def _declaration(self, node: Node) -> list[ir.Stmt]:
        type_node = field(node, "type")
        base = text(type_node)
        out: list[ir.Stmt] = []
        for d in fields(node, "declarator"):
            dims = field(d, "dimensions")
            decl = base + (text(dims) if dims is not None else "")
            value = field(d, "value")
            out.append(
                self.assign(
                    d,
                    [ir.Name(line(d), text(field(d, "name")), text(field(d, "name")))],
                    "=",
                    self.opt_expr(value),
                    decl,
                )
            )
        return out

    # -- statements ----------------------------------------------------------------------------

    def stmt(self, node: Node) -> list[ir.Stmt]:  # noqa: C901 - one branch per statement kind
        t = node.type
        ln, el, tx = line(node), end_line(node), text(node)
        if t == "expression_statement":
            return [self.expr_stmt(node, self.expr(c)) for c in named(node)]
        if t == "local_variable_declaration":
            return self._declaration(node)
        if t == "block":
            return self.block(node)
        if t == "if_statement":
            return [
                ir.If(
                    ln,
                    el,
                    tx,
                    self.expr(field(node, "condition") or node),
                    self.body(field(node, "consequence"), _BLOCKS),
                    self.body(field(node, "alternative"), _BLOCKS),
                )
            ]
        if t == "for_statement":
            init: list[ir.Stmt] = []
            for i in fields(node, "init"):
                init.extend(
                    self.stmt(i)
                    if i.type == "local_variable_declaration"
                    else [self.expr_stmt(i, self.expr(i))]
                )
            updates = [self.expr_stmt(u, self.expr(u)) for u in fields(node, "update")]
            return [
                ir.Loop(
                    ln,
                    el,
                    tx,
                    "for",
                    self.body(field(node, "body"), _BLOCKS),
                    init=init,
                    cond=self.opt_expr(field(node, "condition")),
                    update=updates,
                )
            ]
        if t == "enhanced_for_statement":
            name = field(node, "name")
            target = (
                ir.Name(line(name), text(name), text(name))
                if name is not None
                else ir.Name(ln, "_", "_")
            )
            return [
                ir.Loop(
                    ln,
                    el,
                    tx,
                    "foreach",
                    self.body(field(node, "body"), _BLOCKS),
                    targets=[target],
                    iter=self.opt_expr(field(node, "value")),
                )
            ]
        if t in ("while_statement", "do_statement"):
            return [
                ir.Loop(
                    ln,
                    el,
                    tx,
                    "while" if t == "while_statement" else "do",
                    self.body(field(node, "body"), _BLOCKS),
                    cond=self.opt_expr(field(node, "condition")),
                )
            ]
        if t == "return_statement":
            values = named(node)
            return [ir.Return(ln, el, tx, self.expr(values[0]) if values else None)]
        if t in ("break_statement", "continue_statement"):
            return [ir.Jump(ln, el, tx, t.split("_")[0])]
        if t == "throw_statement":
            values = named(node)
            return [ir.Jump(ln, el, tx, "throw", self.expr(values[0]) if values else None)]
        if t in ("switch_expression", "switch_statement"):
            body = field(node, "body")
            bodies = []
            for group in named(body) if body is not None else []:
                bodies.append(
                    [
                        s
                        for c in named(group)
                        if c.type not in ("switch_label",)
                        for s in self.stmt(c)
                    ]
                )
            return [
                ir.Compound(
                    ln, el, tx, "switch", [self.expr(field(node, "condition") or node)], bodies
                )
            ]
        if t == "try_statement" or t == "try_with_resources_statement":
            bodies = [self.block(field(node, "body"))]
            for c in named(node):
                if c.type in ("catch_clause", "finally_clause"):
                    bodies.append([s for b in named(c) if b.type == "block" for s in self.block(b)])
            return [ir.Compound(ln, el, tx, "try", [], bodies)]
        if t == "labeled_statement":
            return [s for c in named(node)[1:] for s in self.stmt(c)]
        if t in (
            "empty_statement",
            "line_comment",
            "block_comment",
            "local_class_declaration",
            "class_declaration",
            "assert_statement",
        ):
            return []
        return [ir.ExprStmt(ln, el, tx, self.other(node))]

    # -- expressions ---------------------------------------------------------------------------

    def expr(self, node: Node) -> ir.Expr:  # noqa: C901 - one branch per expression kind
        t, ln, tx = node.type, line(node), text(node)
        if t in ("identifier", "type_identifier"):
            return ir.Name(ln, tx, tx)
        if t == "this":
            return ir.Name(ln, tx, "this")
        if t in _NUMS:
            return self.num(node)
        if t in ("string_literal", "character_literal", "text_block"):
            return self.string(node)
        if t in ("true", "false"):
            return ir.Lit(ln, tx, t)
        if t == "null_literal":
            return ir.Lit(ln, tx, "null")
        if t == "field_access":
            return ir.Attr(
                ln, tx, self.expr(field(node, "object") or node), text(field(node, "field"))
            )
        if t == "array_access":
            return ir.Index(
                ln,
                tx,
                self.expr(field(node, "array") or node),
                self.expr(field(node, "index") or node),
            )
        if t == "method_invocation":
            obj = field(node, "object")
            name_node = field(node, "name")
            name = (
                ir.Name(line(name_node), text(name_node), text(name_node))
                if name_node is not None
                else ir.Name(ln, "", "")
            )
            func: ir.Expr = (
                name if obj is None else ir.Attr(ln, tx, self.expr(obj), text(name_node))
            )
            args_node = field(node, "arguments")
            args = [self.expr(a) for a in named(args_node)] if args_node is not None else []
            return self.call(node, func, args)
        if t == "object_creation_expression":
            args_node = field(node, "arguments")
            args = [self.expr(a) for a in named(args_node)] if args_node is not None else []
            return ir.New(ln, tx, text(field(node, "type")), args)
        if t == "array_creation_expression":
            dims = [
                self.expr(named(d)[0])
                for d in fields(node, "dimensions")
                if d.type == "dimensions_expr" and named(d)
            ]
            value = field(node, "value")
            return ir.New(
                ln,
                tx,
                text(field(node, "type")),
                [],
                dims,
                self.expr(value) if value is not None else None,
            )
        if t == "array_initializer":
            return ir.Coll(ln, tx, "list", [self.expr(c) for c in named(node)])
        if t == "binary_expression":
            return ir.BinOp(
                ln,
                tx,
                operator(node),
                self.expr(field(node, "left") or node),
                self.expr(field(node, "right") or node),
            )
        if t == "unary_expression":
            return ir.UnOp(ln, tx, operator(node), self.expr(field(node, "operand") or node))
        if t == "update_expression":
            inner = named(node)
            return ir.AssignE(
                ln,
                tx,
                self.expr(inner[0]) if inner else self.other(node),
                "++" if "++" in tx else "--",
                None,
            )
        if t == "assignment_expression":
            return ir.AssignE(
                ln,
                tx,
                self.expr(field(node, "left") or node),
                operator(node),
                self.opt_expr(field(node, "right")),
            )
        if t == "ternary_expression":
            return ir.Cond(
                ln,
                tx,
                self.expr(field(node, "condition") or node),
                self.expr(field(node, "consequence") or node),
                self.expr(field(node, "alternative") or node),
            )
        if t == "lambda_expression":
            params = self._params(field(node, "parameters"))
            body_node = field(node, "body")
            body: list[ir.Stmt] = []
            if body_node is not None and body_node.type == "block":
                body = self.block(body_node)
            elif body_node is not None:
                body = [
                    ir.Return(
                        line(body_node), end_line(body_node), text(body_node), self.expr(body_node)
                    )
                ]
            return ir.Lambda(
                ln, tx, ir.FuncDef(ln, end_line(node), tx, "<lambda>", params, body, is_lambda=True)
            )
        if t == "parenthesized_expression":
            inner = named(node)
            return self.expr(inner[0]) if inner else self.other(node)
        if t == "cast_expression":
            value = field(node, "value")
            return self.expr(value) if value is not None else self.other(node)
        return self.other(node)
