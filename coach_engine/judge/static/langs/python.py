"""Lowering tree-sitter-python CSTs to the judge IR."""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.langs.base import Lowerer
from coach_engine.judge.static.parsing import end_line, field, fields, line, named, operator, text

_COMPS = {
    "list_comprehension": "list",
    "set_comprehension": "set",
    "dictionary_comprehension": "dict",
    "generator_expression": "gen",
}
_COLLS = {
    "list": "list",
    "tuple": "tuple",
    "set": "set",
    "expression_list": "tuple",
    "pattern_list": "tuple",
    "tuple_pattern": "tuple",
    "list_pattern": "list",
}


class PythonLowerer(Lowerer):
    def module(self, root: Node) -> ir.Module:
        mod = ir.Module(functions=[])
        self._collect(root, mod, owner=None)
        return mod

    def _collect(self, node: Node, mod: ir.Module, owner: str | None) -> None:
        for child in named(node):
            if child.type == "class_definition":
                self._collect(field(child, "body") or child, mod, text(field(child, "name")))
            elif child.type in ("function_definition", "decorated_definition"):
                mod.functions.append(self._funcdef(child, owner))
            elif owner is not None:
                for s in self.stmt(child):
                    if isinstance(s, ir.Assign):
                        mod.fields.append(s)

    def _funcdef(self, node: Node, owner: str | None) -> ir.FuncDef:
        decorators: list[str] = []
        if node.type == "decorated_definition":
            decorators = [text(d).lstrip("@").strip() for d in named(node) if d.type == "decorator"]
            node = field(node, "definition") or node
        params = self._params(field(node, "parameters"))
        if owner is not None and params and params[0].name in ("self", "cls"):
            params = params[1:]
        return ir.FuncDef(
            line(node),
            end_line(node),
            text(node),
            text(field(node, "name")),
            params,
            self.block(field(node, "body")),
            decorators,
            owner,
        )

    def _params(self, node: Node | None) -> list[ir.Param]:
        out: list[ir.Param] = []
        for p in named(node) if node is not None else []:
            if p.type == "identifier":
                out.append(ir.Param(text(p), None, line(p)))
            elif p.type in ("typed_parameter", "typed_default_parameter", "default_parameter"):
                name_node = field(p, "name") or next(
                    (c for c in named(p) if c.type == "identifier"), None
                )
                type_node = field(p, "type")
                value = field(p, "value")
                out.append(
                    ir.Param(
                        text(name_node),
                        text(type_node) if type_node else None,
                        line(p),
                        self.opt_expr(value),
                    )
                )
            elif p.type in ("list_splat_pattern", "dictionary_splat_pattern"):
                out.append(ir.Param(text(p).lstrip("*"), None, line(p)))
        return out

    # -- statements ----------------------------------------------------------------------------

    BLOCKS = ("block",)
    RETURNS = ("return_statement",)
    THROWS = ("raise_statement",)
    SKIPS = (
        "pass_statement",
        "comment",
        "import_statement",
        "import_from_statement",
        "future_import_statement",
    )

    def lang_stmt(self, node: Node) -> list[ir.Stmt]:
        t = node.type
        ln, el, tx = line(node), end_line(node), text(node)
        if t == "expression_statement":
            return [self._expr_statement(node, c) for c in named(node)]
        if t in ("function_definition", "decorated_definition"):
            return [self._funcdef(node, None)]
        if t == "class_definition":
            return []
        if t in ("nonlocal_statement", "global_statement"):
            names: list[ir.Expr] = [ir.Name(line(c), text(c), text(c)) for c in named(node)]
            return [ir.Compound(ln, el, tx, t.split("_")[0], names, [])]
        if t == "if_statement":
            return [self._if(node)]
        if t == "for_statement":
            loop = ir.Loop(
                ln,
                el,
                tx,
                "foreach",
                self.block(field(node, "body")),
                targets=self._targets(field(node, "left")),
                iter=self.opt_expr(field(node, "right")),
            )
            return [loop, *self._else(node)]
        if t == "while_statement":
            loop = ir.Loop(
                ln,
                el,
                tx,
                "while",
                self.block(field(node, "body")),
                cond=self.opt_expr(field(node, "condition")),
            )
            return [loop, *self._else(node)]
        if t == "try_statement":
            bodies = [self.block(field(node, "body"))]
            for c in named(node):
                if c.type in (
                    "except_clause",
                    "finally_clause",
                    "else_clause",
                    "except_group_clause",
                ):
                    bodies.append([s for b in named(c) if b.type == "block" for s in self.block(b)])
            return [ir.Compound(ln, el, tx, "try", [], bodies)]
        if t == "with_statement":
            exprs = [
                self.expr(item)
                for clause in named(node)
                if clause.type == "with_clause"
                for item in named(clause)
            ]
            return [ir.Compound(ln, el, tx, "with", exprs, [self.block(field(node, "body"))])]
        return [ir.ExprStmt(ln, el, tx, self.other(node))]

    def _else(self, node: Node) -> list[ir.Stmt]:
        alt = field(node, "alternative")
        return self.block(field(alt, "body")) if alt is not None else []

    def _if(self, node: Node) -> ir.If:
        orelse: list[ir.Stmt] = []
        alts = fields(node, "alternative")
        for alt in reversed(alts):
            if alt.type == "else_clause":
                orelse = self.block(field(alt, "body"))
            else:  # elif_clause
                orelse = [
                    ir.If(
                        line(alt),
                        end_line(alt),
                        text(alt),
                        self.expr(field(alt, "condition") or alt),
                        self.block(field(alt, "consequence")),
                        orelse,
                    )
                ]
        return ir.If(
            line(node),
            end_line(node),
            text(node),
            self.expr(field(node, "condition") or node),
            self.block(field(node, "consequence")),
            orelse,
        )

    def _expr_statement(self, stmt: Node, node: Node) -> ir.Stmt:
        if node.type == "assignment":
            targets: list[ir.Expr] = []
            cur: Node | None = node
            while cur is not None and cur.type == "assignment":
                targets.extend(self._targets(field(cur, "left")))
                cur = field(cur, "right")
            type_node = field(node, "type")
            return self.assign(
                stmt,
                targets,
                "=",
                self.opt_expr(cur),
                text(type_node) if type_node is not None else None,
            )
        if node.type == "augmented_assignment":
            return self.assign(
                stmt,
                self._targets(field(node, "left")),
                operator(node),
                self.opt_expr(field(node, "right")),
            )
        return self.expr_stmt(stmt, self.expr(node))

    def _targets(self, node: Node | None) -> list[ir.Expr]:
        if node is None:
            return []
        if node.type in ("pattern_list", "tuple_pattern", "list_pattern", "expression_list"):
            return [t for c in named(node) for t in self._targets(c)]
        if node.type == "parenthesized_expression":
            return [t for c in named(node) for t in self._targets(c)]
        return [self.expr(node)]

    # -- expressions ---------------------------------------------------------------------------

    NAMES = ("identifier",)
    NUMS = ("integer", "float")
    STRINGS = ("string", "concatenated_string")
    NULLS = ("none",)
    ATTRS = {"attribute": ("object", "attribute")}
    BINARIES = ("binary_operator", "boolean_operator")
    UNARIES = {"unary_operator": "argument"}

    def lang_expr(self, node: Node) -> ir.Expr:
        t, ln, tx = node.type, line(node), text(node)
        if t == "subscript":
            return self._subscript(node)
        if t == "call":
            return self._call(node)
        if t == "comparison_operator":
            return self._comparison(node)
        if t == "not_operator":
            return ir.UnOp(ln, tx, "not", self.expr(field(node, "argument") or node))
        if t == "conditional_expression":
            parts = [self.expr(c) for c in named(node)]
            if len(parts) == 3:
                return ir.Cond(ln, tx, parts[1], parts[0], parts[2])
            return ir.Other(ln, tx, parts)
        if t in _COLLS:
            return ir.Coll(ln, tx, _COLLS[t], [self.expr(c) for c in named(node)])
        if t == "dictionary":
            elts: list[ir.Expr] = []
            for pair in named(node):
                elts.extend(self.expr(c) for c in named(pair))
            return ir.Coll(ln, tx, "dict", elts)
        if t in _COMPS:
            return self._comprehension(node, _COMPS[t])
        if t == "lambda":
            params = self._params(field(node, "parameters"))
            body_node = field(node, "body")
            body: list[ir.Stmt] = []
            if body_node is not None:
                body = [
                    ir.Return(
                        line(body_node), end_line(body_node), text(body_node), self.expr(body_node)
                    )
                ]
            return ir.Lambda(
                ln, tx, ir.FuncDef(ln, end_line(node), tx, "<lambda>", params, body, is_lambda=True)
            )
        if t in ("parenthesized_expression", "await"):
            inner = named(node)
            return self.expr(inner[0]) if len(inner) == 1 else self.other(node)
        if t == "named_expression":
            return ir.AssignE(
                ln,
                tx,
                self.expr(field(node, "name") or node),
                "=",
                self.opt_expr(field(node, "value")),
            )
        if t in ("list_splat", "dictionary_splat", "parenthesized_list_splat"):
            inner = named(node)
            return ir.UnOp(ln, tx, "*", self.expr(inner[0]) if inner else ir.Other(ln, tx, []))
        if t == "keyword_argument":
            return self.opt_expr(field(node, "value")) or self.other(node)
        if t == "as_pattern":
            inner = named(node)
            return self.expr(inner[0]) if inner else self.other(node)
        return self.other(node)

    def _subscript(self, node: Node) -> ir.Expr:
        obj = self.expr(field(node, "value") or node)
        subs = fields(node, "subscript")
        ln, tx = line(node), text(node)
        if len(subs) == 1 and subs[0].type == "slice":
            parts = subs[0].children
            lo: ir.Expr | None = None
            hi: ir.Expr | None = None
            seen_colon = 0
            for c in parts:
                if not c.is_named:
                    seen_colon += text(c) == ":"
                elif seen_colon == 0:
                    lo = self.expr(c)
                elif seen_colon == 1:
                    hi = self.expr(c)
            return ir.Slice(ln, tx, obj, lo, hi)
        if len(subs) == 1:
            return ir.Index(ln, tx, obj, self.expr(subs[0]))
        return ir.Index(ln, tx, obj, ir.Coll(ln, tx, "tuple", [self.expr(s) for s in subs]))

    def _call(self, node: Node) -> ir.Expr:
        func = self.expr(field(node, "function") or node)
        args_node = field(node, "arguments")
        args: list[ir.Expr] = []
        kwargs: dict[str, ir.Expr] = {}
        if args_node is not None and args_node.type == "generator_expression":
            args.append(self._comprehension(args_node, "gen"))
        elif args_node is not None:
            for a in named(args_node):
                if a.type == "keyword_argument":
                    value = field(a, "value")
                    if value is not None:
                        kwargs[text(field(a, "name"))] = self.expr(value)
                else:
                    args.append(self.expr(a))
        return self.call(node, func, args, kwargs)

    def _comparison(self, node: Node) -> ir.Expr:
        operands: list[ir.Expr] = []
        ops: list[str] = []
        pending: list[str] = []
        for c in node.children:
            if c.is_named:
                if pending:
                    ops.append(" ".join(pending))
                    pending = []
                operands.append(self.expr(c))
            else:
                pending.append(text(c))
        ln, tx = line(node), text(node)
        if len(operands) < 2 or len(ops) != len(operands) - 1:
            return ir.Other(ln, tx, operands)
        result: ir.Expr = ir.BinOp(ln, tx, ops[0], operands[0], operands[1])
        for i in range(1, len(ops)):
            nxt = ir.BinOp(ln, tx, ops[i], operands[i], operands[i + 1])
            result = ir.BinOp(ln, tx, "and", result, nxt)
        return result

    def _comprehension(self, node: Node, kind: str) -> ir.Expr:
        gens: list[ir.Gen] = []
        elts: list[ir.Expr] = []
        body = field(node, "body")
        if body is not None:
            if body.type == "pair":
                elts = [self.expr(c) for c in named(body)]
            else:
                elts = [self.expr(body)]
        for c in named(node):
            if c.type == "for_in_clause":
                right = field(c, "right")
                gens.append(
                    ir.Gen(
                        self._targets(field(c, "left")),
                        self.expr(right) if right is not None else self.other(c),
                        [],
                    )
                )
            elif c.type == "if_clause" and gens:
                gens[-1].conds.extend(self.expr(x) for x in named(c))
        return ir.Comp(line(node), text(node), kind, elts, gens)
