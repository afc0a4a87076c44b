"""Lowering tree-sitter-java CSTs to the judge IR."""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.langs.cfamily import CFamilyLowerer
from coach_engine.judge.static.parsing import end_line, field, fields, line, named, text

_NUMS = (
    "decimal_integer_literal",
    "hex_integer_literal",
    "octal_integer_literal",
    "binary_integer_literal",
    "decimal_floating_point_literal",
    "hex_floating_point_literal",
)


class JavaLowerer(CFamilyLowerer):
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

    BLOCKS = ("block",)
    SKIPS = (
        "empty_statement",
        "line_comment",
        "block_comment",
        "local_class_declaration",
        "class_declaration",
        "assert_statement",
    )

    def lang_stmt(self, node: Node) -> list[ir.Stmt]:
        t = node.type
        ln, el, tx = line(node), end_line(node), text(node)
        if t == "local_variable_declaration":
            return self._declaration(node)
        if t == "if_statement":
            test = self.expr(field(node, "condition") or node)
            return [self.branch(node, test, self.body(field(node, "alternative"), self.BLOCKS))]
        if t == "for_statement":
            init: list[ir.Stmt] = []
            for i in fields(node, "init"):
                init.extend(
                    self.stmt(i)
                    if i.type == "local_variable_declaration"
                    else [self.expr_stmt(i, self.expr(i))]
                )
            updates = [self.expr_stmt(u, self.expr(u)) for u in fields(node, "update")]
            cond = self.opt_expr(field(node, "condition"))
            return [self.loop(node, "for", init=init, cond=cond, update=updates)]
        if t == "enhanced_for_statement":
            name = field(node, "name")
            target = (
                ir.Name(line(name), text(name), text(name))
                if name is not None
                else ir.Name(ln, "_", "_")
            )
            iterable = self.opt_expr(field(node, "value"))
            return [self.loop(node, "foreach", targets=[target], iter=iterable)]
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
        return self.unknown(node)

    # -- expressions ---------------------------------------------------------------------------

    NAMES = ("identifier", "type_identifier")
    NUMS = _NUMS
    STRINGS = ("string_literal", "character_literal", "text_block")
    NULLS = ("null_literal",)
    ATTRS = {"field_access": ("object", "field")}
    INDEXES = {"array_access": ("array", "index")}
    UNARIES = {"unary_expression": "operand"}
    UPDATES = {"update_expression": ""}
    ASSIGNS = ("assignment_expression",)
    TERNARIES = ("ternary_expression",)
    COLLS = {"array_initializer": "list"}
    CASTS = ("cast_expression",)

    def lang_expr(self, node: Node) -> ir.Expr:
        t, ln, tx = node.type, line(node), text(node)
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
            return self.call(node, func, self.args(field(node, "arguments")))
        if t == "object_creation_expression":
            args = self.args(field(node, "arguments"))
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
        if t == "lambda_expression":
            params = self._params(field(node, "parameters"))
            body = self.fn_body(field(node, "body"))
            return ir.Lambda(
                ln, tx, ir.FuncDef(ln, end_line(node), tx, "<lambda>", params, body, is_lambda=True)
            )
        if t == "parenthesized_expression":
            inner = named(node)
            return self.expr(inner[0]) if inner else self.other(node)
        return self.other(node)
