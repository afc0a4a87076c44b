"""Lowering tree-sitter-go CSTs to the judge IR (LeetCode Go has no package clause; fine)."""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.langs.base import Lowerer
from coach_engine.judge.static.parsing import end_line, field, fields, line, named, operator, text

_TYPES = (
    "slice_type",
    "array_type",
    "map_type",
    "pointer_type",
    "qualified_type",
    "type_identifier",
    "channel_type",
    "generic_type",
)


class GoLowerer(Lowerer):
    def module(self, root: Node) -> ir.Module:
        mod = ir.Module(functions=[])
        for child in named(root):
            if child.type in ("function_declaration", "method_declaration"):
                owner = None
                recv = field(child, "receiver")
                if recv is not None:
                    owner = text(recv).strip("()").split()[-1].lstrip("*")
                mod.functions.append(
                    ir.FuncDef(
                        line(child),
                        end_line(child),
                        text(child),
                        text(field(child, "name")),
                        self._params(field(child, "parameters")),
                        self.block(field(child, "body")),
                        [],
                        owner,
                    )
                )
            elif child.type in ("var_declaration", "const_declaration"):
                mod.fields.extend(s for s in self.stmt(child) if isinstance(s, ir.Assign))
        return mod

    def _params(self, node: Node | None) -> list[ir.Param]:
        out: list[ir.Param] = []
        for p in named(node) if node is not None else []:
            if p.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            type_node = field(p, "type")
            type_text = text(type_node) if type_node is not None else None
            for n in fields(p, "name"):
                out.append(ir.Param(text(n), type_text, line(n)))
        return out

    def block(self, node: Node | None) -> list[ir.Stmt]:
        if node is None:
            return []
        out: list[ir.Stmt] = []
        for child in named(node):
            if child.type == "statement_list":
                out.extend(self.block(child))
            else:
                out.extend(self.stmt(child))
        return out

    def _list(self, node: Node | None) -> list[ir.Expr]:
        if node is None:
            return []
        if node.type == "expression_list":
            return [self.expr(c) for c in named(node)]
        return [self.expr(node)]

    def _value(self, exprs: list[ir.Expr], node: Node | None) -> ir.Expr | None:
        if not exprs:
            return None
        if len(exprs) == 1:
            return exprs[0]
        return ir.Coll(line(node) if node else 0, text(node), "tuple", exprs)

    # -- statements ----------------------------------------------------------------------------

    BLOCKS = ("block",)
    EXPR_STMTS = ("expression_statement",)
    LABELS = ("labeled_statement",)
    SKIPS = ("comment", "empty_statement", "type_declaration", "fallthrough_statement")

    def lang_stmt(self, node: Node) -> list[ir.Stmt]:
        t = node.type
        ln, el, tx = line(node), end_line(node), text(node)
        if t in ("short_var_declaration", "assignment_statement"):
            left, right = field(node, "left"), field(node, "right")
            op = ":=" if t == "short_var_declaration" else operator(node)
            op = "=" if op == ":=" else op
            return [
                self.assign(
                    node,
                    self._list(left),
                    op,
                    self._value(self._list(right), right),
                    ":=" if t == "short_var_declaration" else None,
                )
            ]
        if t in ("inc_statement", "dec_statement"):
            inner = named(node)
            target = self.expr(inner[0]) if inner else ir.Name(ln, "_", "_")
            return [self.assign(node, [target], "++" if t == "inc_statement" else "--", None)]
        if t in ("var_declaration", "const_declaration"):
            out: list[ir.Stmt] = []
            for spec in named(node):
                if spec.type not in ("var_spec", "const_spec"):
                    continue
                type_node = field(spec, "type")
                value_node = field(spec, "value")
                targets: list[ir.Expr] = [
                    ir.Name(line(n), text(n), text(n)) for n in fields(spec, "name")
                ]
                out.append(
                    self.assign(
                        spec,
                        targets,
                        "=",
                        self._value(self._list(value_node), value_node),
                        text(type_node)
                        if type_node is not None
                        else ("const" if t == "const_declaration" else "var"),
                    )
                )
            return out
        if t == "if_statement":
            init = field(node, "initializer")
            pre = self.stmt(init) if init is not None else []
            cond = self.expr(field(node, "condition") or node)
            if pre:
                parts = [e for s in pre for e in ir.stmt_exprs(s) if not isinstance(e, ir.Name)]
                cond = ir.Other(cond.line, cond.text, [*parts, cond])
            alt = field(node, "alternative")
            orelse = self.body(alt, self.BLOCKS) if alt is not None else []
            return [*pre, ir.If(ln, el, tx, cond, self.block(field(node, "consequence")), orelse)]
        if t == "for_statement":
            return [self._for(node)]
        if t == "return_statement":
            values = [
                self.expr(c)
                for v in named(node)
                for c in (named(v) if v.type == "expression_list" else [v])
            ]
            value = (
                values[0]
                if len(values) == 1
                else (ir.Coll(ln, tx, "tuple", values) if values else None)
            )
            return [ir.Return(ln, el, tx, value)]
        if t in ("expression_switch_statement", "type_switch_statement", "select_statement"):
            bodies = [
                self.block(c)
                for c in named(node)
                if c.type in ("expression_case", "default_case", "type_case", "communication_case")
            ]
            subject = field(node, "value")
            exprs = [self.expr(subject)] if subject is not None else []
            return [ir.Compound(ln, el, tx, "switch", exprs, bodies)]
        return self.unknown(node)  # also `go` and `defer` statements

    def _for(self, node: Node) -> ir.Loop:
        ln, el, tx = line(node), end_line(node), text(node)
        body = self.block(field(node, "body"))
        clause = next((c for c in named(node) if c.type in ("for_clause", "range_clause")), None)
        if clause is not None and clause.type == "range_clause":
            left = field(clause, "left")
            return ir.Loop(
                ln,
                el,
                tx,
                "foreach",
                body,
                targets=self._list(left),
                iter=self.opt_expr(field(clause, "right")),
            )
        if clause is not None:
            init_node = field(clause, "initializer")
            update_node = field(clause, "update")
            cond_node = field(clause, "condition")
            return ir.Loop(
                ln,
                el,
                tx,
                "for",
                body,
                init=self.stmt(init_node) if init_node is not None else [],
                cond=self.opt_expr(cond_node),
                update=self.stmt(update_node) if update_node is not None else [],
            )
        cond = next(
            (c for c in named(node) if c.type != "block" and c != field(node, "body")), None
        )
        return ir.Loop(ln, el, tx, "while", body, cond=self.opt_expr(cond))

    # -- expressions ---------------------------------------------------------------------------

    NAMES = ("identifier", "field_identifier", "package_identifier", "type_identifier")
    NUMS = ("int_literal", "float_literal", "imaginary_literal")
    STRINGS = ("interpreted_string_literal", "raw_string_literal", "rune_literal")
    NULLS = ("nil",)
    ATTRS = {"selector_expression": ("operand", "field")}
    INDEXES = {"index_expression": ("operand", "index")}
    BINARIES = ("binary_expression",)
    UNARIES = {"unary_expression": "operand"}
    COLLS = {"expression_list": "tuple"}
    SPREADS = ("variadic_argument",)

    def lang_expr(self, node: Node) -> ir.Expr:
        t, ln, tx = node.type, line(node), text(node)
        if t == "slice_expression":
            return ir.Slice(
                ln,
                tx,
                self.expr(field(node, "operand") or node),
                self.opt_expr(field(node, "start")),
                self.opt_expr(field(node, "end")),
            )
        if t == "call_expression":
            return self._call(node)
        if t == "composite_literal":
            type_node = field(node, "type")
            body = field(node, "body")
            elts: list[ir.Expr] = []
            for c in named(body) if body is not None else []:
                if c.type == "keyed_element":
                    elts.extend(self._element(x) for x in named(c))
                else:
                    elts.append(self._element(c))
            kind = "dict" if type_node is not None and type_node.type == "map_type" else "list"
            coll = ir.Coll(ln, tx, kind, elts)
            if type_node is not None and type_node.type == "array_type":
                return ir.New(ln, tx, text(type_node), [], [], coll)
            return coll
        if t == "func_literal":
            fn = ir.FuncDef(
                ln,
                end_line(node),
                tx,
                "<lambda>",
                self._params(field(node, "parameters")),
                self.block(field(node, "body")),
                is_lambda=True,
            )
            return ir.Lambda(ln, tx, fn)
        if t == "parenthesized_expression":
            inner = named(node)
            return self.expr(inner[0]) if inner else self.other(node)
        if t == "type_conversion_expression":
            value = field(node, "operand")
            return ir.Call(
                ln,
                tx,
                ir.Name(ln, text(field(node, "type")), "convert"),
                [self.expr(value)] if value is not None else [],
            )
        return self.other(node)

    def _element(self, node: Node) -> ir.Expr:
        inner = named(node)
        if node.type in ("literal_element",) and inner:
            child = inner[0]
            if child.type == "literal_value":
                return ir.Coll(
                    line(child), text(child), "list", [self._element(c) for c in named(child)]
                )
            return self.expr(child)
        return self.expr(node)

    def _call(self, node: Node) -> ir.Expr:
        ln, tx = line(node), text(node)
        func_node = field(node, "function")
        args_node = field(node, "arguments")
        raw = named(args_node) if args_node is not None else []
        fname = text(func_node)
        if fname in ("make", "new") and raw:
            type_text = text(raw[0])
            return ir.New(ln, tx, type_text, [self.expr(a) for a in raw[1:]])
        args = [self.expr(a) for a in raw if a.type not in _TYPES]
        if func_node is not None and func_node.type in (
            "slice_type",
            "array_type",
            "parenthesized_type",
        ):
            return ir.Call(ln, tx, ir.Name(ln, fname, "convert"), args)
        if fname in ("string",) and args:
            return ir.Call(ln, tx, ir.Name(ln, fname, "string"), args)
        func = self.expr(func_node) if func_node is not None else ir.Name(ln, "", "")
        return self.call(node, func, args)
