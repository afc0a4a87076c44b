"""Lowering tree-sitter-javascript CSTs to the judge IR (JSDoc `@param {type}` gives types)."""

from __future__ import annotations

import re

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.langs.cfamily import CFamilyLowerer
from coach_engine.judge.static.parsing import end_line, field, fields, line, named, operator, text

_FUNCS = (
    "function_expression",
    "arrow_function",
    "function",
    "generator_function",
    "function_declaration",
    "generator_function_declaration",
    "method_definition",
)
_JSDOC = re.compile(r"@param\s+\{([^}]*)\}\s+\[?(\w+)")


class JavaScriptLowerer(CFamilyLowerer):
    def __init__(self) -> None:
        self.jsdoc: dict[str, str] = {}

    def module(self, root: Node) -> ir.Module:
        mod = ir.Module(functions=[])
        for child in root.named_children:
            if child.type == "comment":
                self.jsdoc = {
                    m.group(2): m.group(1) for m in _JSDOC.finditer(text(child))
                } or self.jsdoc
                continue
            if child.type == "class_declaration":
                body = field(child, "body")
                owner = text(field(child, "name"))
                for m in named(body) if body is not None else []:
                    if m.type == "method_definition":
                        mod.functions.append(self._func(m, text(field(m, "name")), owner))
                continue
            for s in self.stmt(child):
                if isinstance(s, ir.FuncDef):
                    mod.functions.append(s)
                elif (
                    isinstance(s, ir.Assign)
                    and isinstance(s.value, ir.Lambda)
                    and s.targets
                    and isinstance(s.targets[0], ir.Name)
                ):
                    fn = s.value.func
                    fn.name = s.targets[0].id
                    fn.is_lambda = False
                    mod.functions.append(fn)
                elif isinstance(s, ir.Assign):
                    mod.fields.append(s)
            self.jsdoc = {}
        return mod

    def _func(self, node: Node, name: str, owner: str | None = None) -> ir.FuncDef:
        params: list[ir.Param] = []
        pnode = field(node, "parameters") or field(node, "parameter")
        if pnode is not None:
            items = [pnode] if pnode.type == "identifier" else named(pnode)
            for p in items:
                pname = p
                default = None
                if p.type == "assignment_pattern":
                    pname = field(p, "left") or p
                    right = field(p, "right")
                    default = self.expr(right) if right is not None else None
                elif p.type == "rest_pattern":
                    pname = named(p)[0] if named(p) else p
                label = text(pname)
                params.append(ir.Param(label, self.jsdoc.get(label), line(p), default))
        body = self.fn_body(field(node, "body"))
        return ir.FuncDef(
            line(node),
            end_line(node),
            text(node),
            name,
            params,
            body,
            [],
            owner,
            is_lambda=node.type in ("arrow_function", "function_expression", "function"),
        )

    # -- statements ----------------------------------------------------------------------------

    BLOCKS = ("statement_block",)
    SKIPS = ("empty_statement", "comment", "class_declaration", "import_statement")

    def lang_stmt(self, node: Node) -> list[ir.Stmt]:
        t = node.type
        ln, el, tx = line(node), end_line(node), text(node)
        if t in ("lexical_declaration", "variable_declaration"):
            kind = text(node.children[0]) if node.children else "let"
            out: list[ir.Stmt] = []
            for d in named(node):
                if d.type != "variable_declarator":
                    continue
                targets = self._targets(field(d, "name"))
                value = field(d, "value")
                out.append(self.assign(d, targets, "=", self.opt_expr(value), kind))
            return out
        if t in ("function_declaration", "generator_function_declaration"):
            return [self._func(node, text(field(node, "name")))]
        if t == "if_statement":
            alt = field(node, "alternative")
            orelse: list[ir.Stmt] = []
            if alt is not None:
                orelse = [s for c in named(alt) for s in self.stmt(c)]
            return [self.branch(node, self.cond(field(node, "condition")), orelse)]
        if t == "for_statement":
            init_node = field(node, "initializer")
            init = self.stmt(init_node) if init_node is not None else []
            cond_node = field(node, "condition")
            cond = None
            if cond_node is not None and cond_node.type not in ("empty_statement", ";"):
                inner = (
                    named(cond_node) if cond_node.type == "expression_statement" else [cond_node]
                )
                cond = self.expr(inner[0]) if inner else None
            updates = [self.expr_stmt(u, self.expr(u)) for u in fields(node, "increment")]
            return [self.loop(node, "for", init=init, cond=cond, update=updates)]
        if t == "for_in_statement":
            op = field(node, "operator")
            iter_node = field(node, "right")
            it = self.opt_expr(iter_node)
            if op is not None and text(op) == "in" and it is not None:
                it = ir.Call(
                    it.line,
                    f"Object.keys({it.text})",
                    ir.Attr(it.line, "Object.keys", ir.Name(it.line, "Object", "Object"), "keys"),
                    [it],
                )
            targets = self._targets(field(node, "left"))
            return [self.loop(node, "foreach", targets=targets, iter=it)]
        if t == "switch_statement":
            body = field(node, "body")
            bodies = [
                [s for b in fields(case, "body") for s in self.stmt(b)]
                for case in (named(body) if body is not None else [])
            ]
            return [ir.Compound(ln, el, tx, "switch", [self.cond(field(node, "value"))], bodies)]
        if t == "try_statement":
            bodies = [self.block(field(node, "body"))]
            handler = field(node, "handler")
            if handler is not None:
                bodies.append(self.block(field(handler, "body")))
            final = field(node, "finalizer")
            if final is not None:
                bodies.append(self.block(field(final, "body")))
            return [ir.Compound(ln, el, tx, "try", [], bodies)]
        return self.unknown(node)

    def cond(self, node: Node | None) -> ir.Expr:
        """A condition; a missing one is `true`."""
        if node is None:
            return ir.Lit(0, "true", "true")
        return self.expr(node)

    def _targets(self, node: Node | None) -> list[ir.Expr]:
        if node is None:
            return []
        if node.type in ("array_pattern", "object_pattern"):
            out: list[ir.Expr] = []
            for c in named(node):
                if c.type in ("shorthand_property_identifier_pattern", "identifier"):
                    out.append(ir.Name(line(c), text(c), text(c)))
                elif c.type == "pair_pattern":
                    out.extend(self._targets(field(c, "value")))
                elif c.type == "assignment_pattern":
                    out.extend(self._targets(field(c, "left")))
                else:
                    out.extend(self._targets(c))
            return out
        return [self.expr(node)]

    # -- expressions ---------------------------------------------------------------------------

    NAMES = (
        "identifier",
        "property_identifier",
        "shorthand_property_identifier",
        "shorthand_property_identifier_pattern",
        "private_property_identifier",
    )
    NUMS = ("number",)
    STRINGS = ("string", "template_string", "regex")
    NULLS = ("null", "undefined")
    ATTRS = {"member_expression": ("object", "property")}
    INDEXES = {"subscript_expression": ("object", "index")}
    UNARIES = {"unary_expression": "argument"}
    UPDATES = {"update_expression": "argument"}
    TERNARIES = ("ternary_expression",)
    COLLS = {"array": "list", "sequence_expression": "tuple"}
    SPREADS = ("spread_element",)

    def lang_expr(self, node: Node) -> ir.Expr:
        t, ln, tx = node.type, line(node), text(node)
        if t == "call_expression":
            args = self.args(field(node, "arguments"))
            return self.call(node, self.expr(field(node, "function") or node), args)
        if t == "new_expression":
            args = self.args(field(node, "arguments"))
            return ir.New(ln, tx, text(field(node, "constructor")), args)
        if t in ("assignment_expression", "augmented_assignment_expression"):
            left = field(node, "left")
            targets = self._targets(left)
            target: ir.Expr = (
                targets[0] if len(targets) == 1 else ir.Coll(ln, text(left), "tuple", targets)
            )
            op = "=" if t == "assignment_expression" else operator(node)
            return ir.AssignE(ln, tx, target, op, self.opt_expr(field(node, "right")))
        if t == "object":
            elts: list[ir.Expr] = []
            for c in named(node):
                if c.type == "pair":
                    key, value = field(c, "key"), field(c, "value")
                    elts.extend(self.expr(x) for x in (key, value) if x is not None)
                else:
                    elts.append(self.expr(c))
            return ir.Coll(ln, tx, "dict", elts)
        if t in _FUNCS:
            return ir.Lambda(ln, tx, self._func(node, "<lambda>"))
        if t in ("parenthesized_expression", "await_expression"):
            inner = named(node)
            return self.expr(inner[-1]) if inner else self.other(node)
        return self.other(node)
