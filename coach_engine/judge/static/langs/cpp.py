"""Lowering tree-sitter-cpp CSTs to the judge IR.

`vector<int> dp(n, vector<int>(m))` parses as a function declaration (C++'s "most vexing parse");
it is lowered as the constructor call it is.
"""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.langs.cfamily import CFamilyLowerer
from coach_engine.judge.static.parsing import end_line, field, fields, line, named, operator, text

_DECLARATOR_WRAPPERS = (
    "reference_declarator",
    "pointer_declarator",
    "array_declarator",
    "init_declarator",
    "parenthesized_declarator",
)


_MEMBER_TYPE = "<member>"


def _typed_members(mod: ir.Module, owner: str) -> None:
    """Give each member constructed in an initializer list its declared type (`vector<int>`)."""
    declared = {
        t.id: f.decl for f in mod.fields if f.decl for t in f.targets if isinstance(t, ir.Name)
    }
    for fn in mod.functions:
        if fn.owner != owner:
            continue
        for s in fn.body:
            if (
                isinstance(s, ir.Assign)
                and isinstance(s.value, ir.New)
                and s.value.type == _MEMBER_TYPE
                and isinstance(s.targets[0], ir.Name)
            ):
                s.value.type = declared.get(s.targets[0].id) or "auto"


class CppLowerer(CFamilyLowerer):
    def module(self, root: Node) -> ir.Module:
        mod = ir.Module(functions=[])
        self._scope(root, mod, None)
        return mod

    def _scope(self, node: Node, mod: ir.Module, owner: str | None) -> None:
        for child in named(node):
            t = child.type
            nested = field(child, "type") if t == "field_declaration" else None
            if nested is not None and nested.type in ("class_specifier", "struct_specifier"):
                child, t = nested, nested.type  # `class UnionFind {...};` inside Solution
            if t in ("class_specifier", "struct_specifier"):
                body = field(child, "body")
                if body is not None:
                    self._scope(body, mod, text(field(child, "name")))
                    _typed_members(mod, text(field(child, "name")))
            elif t == "function_definition":
                fn = self._function(child, owner)
                if fn is not None:
                    mod.functions.append(fn)
            elif t in (
                "template_declaration",
                "namespace_definition",
                "declaration_list",
                "linkage_specification",
            ):
                self._scope(child, mod, owner)
            elif (
                t in ("field_declaration", "declaration")
                and owner is not None
                or t == "declaration"
            ):
                mod.fields.extend(s for s in self._declaration(child) if isinstance(s, ir.Assign))

    def _function(self, node: Node, owner: str | None) -> ir.FuncDef | None:
        decl = field(node, "declarator")
        while decl is not None and decl.type in ("reference_declarator", "pointer_declarator"):
            inner = named(decl)
            decl = inner[-1] if inner else None
        if decl is None or decl.type != "function_declarator":
            return None
        name = text(field(decl, "declarator")).split("::")[-1]
        params = self._params(field(decl, "parameters"))
        inits = [self._member_init(c) for c in named(node) if c.type == "field_initializer_list"]
        return ir.FuncDef(
            line(node),
            end_line(node),
            text(node),
            name,
            params,
            [s for group in inits for s in group] + self.block(field(node, "body")),
            [],
            owner,
        )

    def _member_init(self, node: Node) -> list[ir.Stmt]:
        """`UnionFind(int n) : parent_(n), count_(n)`: each member constructed from its
        arguments, as assignments at the start of the constructor (the member's type is filled
        in from its declaration once the class is read: `_typed_members`)."""
        out: list[ir.Stmt] = []
        for init in named(node):
            if init.type != "field_initializer":
                continue
            member = next((c for c in named(init) if c.type == "field_identifier"), None)
            args = next((c for c in named(init) if c.type == "argument_list"), None)
            if member is None or args is None:
                continue
            ln, tx, name = line(init), text(init), text(member)
            new = ir.New(ln, tx, _MEMBER_TYPE, [self.expr(a) for a in named(args)])
            out.append(self.assign(init, [ir.Name(ln, name, name)], "=", new, None))
        return out

    def _params(self, node: Node | None) -> list[ir.Param]:
        out: list[ir.Param] = []
        for p in named(node) if node is not None else []:
            if p.type not in ("parameter_declaration", "optional_parameter_declaration"):
                continue
            if text(p).split()[:1] == ["this"]:
                continue  # C++23 `this auto&& self`: the lambda itself, not an argument
            decl = field(p, "declarator")
            name = _declared_name(decl)
            type_text = " ".join(
                text(c)
                for c in p.children
                if c != decl and c.type not in ("=",) and c != field(p, "default_value")
            )
            if decl is not None and decl.type == "reference_declarator":
                type_text += "&"
            out.append(ir.Param(name or "_", type_text.strip() or None, line(p)))
        return out

    def _declaration(self, node: Node) -> list[ir.Stmt]:
        type_node = field(node, "type")
        base = text(type_node)
        out: list[ir.Stmt] = []
        for d in fields(node, "declarator"):
            out.append(self._declarator(d, base))
        return out

    def _declarator(self, d: Node, base: str) -> ir.Stmt:
        ln, tx = line(d), text(d)
        if d.type == "function_declarator":  # most vexing parse: a constructor call
            name = text(field(d, "declarator"))
            args = self._vexing_args(field(d, "parameters"))
            return self.assign(d, [ir.Name(ln, name, name)], "=", ir.New(ln, tx, base, args), base)
        value: ir.Expr | None = None
        target_node = d
        if d.type == "init_declarator":
            target_node = field(d, "declarator") or d
            v = field(d, "value")
            if v is not None and v.type == "argument_list":
                value = ir.New(ln, tx, base, [self.expr(a) for a in named(v)])
            elif (
                v is not None
                and v.type == "initializer_list"
                and base.split("<")[0]
                in (
                    "vector",
                    "array",
                    "deque",
                    "set",
                    "unordered_set",
                    "map",
                    "unordered_map",
                    "string",
                    "queue",
                    "stack",
                    "priority_queue",
                )
            ):
                value = ir.New(ln, tx, base, [], init=self.expr(v))
            elif v is not None:
                value = self.expr(v)
        decl_type = base
        dims: list[ir.Expr] = []
        cur: Node | None = target_node
        while cur is not None and cur.type in _DECLARATOR_WRAPPERS:
            if cur.type == "array_declarator":
                size = field(cur, "size")
                if size is not None:
                    dims.append(self.expr(size))
                decl_type += "[]"
            elif cur.type == "reference_declarator":
                decl_type += "&"  # an alias of what it is bound to, not a copy
            inner = field(cur, "declarator") or (named(cur)[0] if named(cur) else None)
            cur = inner
        if cur is not None and cur.type == "structured_binding_declarator":
            targets: list[ir.Expr] = [ir.Name(line(c), text(c), text(c)) for c in named(cur)]
            return self.assign(d, targets, "=", value, decl_type)
        name = text(cur) if cur is not None else tx
        if value is None and dims:
            value = ir.New(ln, tx, base, [], list(reversed(dims)))
        elif isinstance(value, ir.Coll) and dims:
            value = ir.New(ln, tx, base, [], [], value)
        return self.assign(d, [ir.Name(ln, name, name)], "=", value, decl_type)

    def _vexing_args(self, node: Node | None) -> list[ir.Expr]:
        out: list[ir.Expr] = []
        for p in named(node) if node is not None else []:
            type_node = field(p, "type")
            decl = field(p, "declarator")
            if decl is not None and decl.type == "abstract_function_declarator":
                inner = self._vexing_args(field(decl, "parameters"))
                tname = text(type_node).split("<")[0]
                out.append(ir.New(line(p), text(p), tname if tname else text(type_node), inner))
            elif type_node is not None and decl is not None and decl.type == "pointer_declarator":
                # `vector<int> p(m * n)` parses as a parameter `m *n`: the product m·n
                operand = field(decl, "declarator")
                right = text(operand) if operand is not None else text(decl).lstrip("* ")
                out.append(
                    ir.BinOp(
                        line(p),
                        text(p),
                        "*",
                        ir.Name(line(p), text(type_node), text(type_node)),
                        ir.Name(line(p), right, right),
                    )
                )
            elif type_node is not None:
                out.append(ir.Name(line(p), text(type_node), text(type_node)))
        return out

    # -- statements ----------------------------------------------------------------------------

    BLOCKS = ("compound_statement",)
    SKIPS = (
        "comment",
        "using_declaration",
        "alias_declaration",
        "type_definition",
        "empty_statement",
        "static_assert_declaration",
    )

    def lang_stmt(self, node: Node) -> list[ir.Stmt]:  # noqa: C901 - one branch per statement kind
        t = node.type
        ln, el, tx = line(node), end_line(node), text(node)
        if t == "declaration":
            return self._declaration(node)
        if t == "if_statement":
            alt = field(node, "alternative")
            orelse: list[ir.Stmt] = []
            if alt is not None:
                orelse = (
                    [s for c in named(alt) for s in self.stmt(c)]
                    if alt.type == "else_clause"
                    else self.stmt(alt)
                )
            return [self.branch(node, self.cond(field(node, "condition")), orelse)]
        if t == "for_statement":
            init_node = field(node, "initializer")
            init: list[ir.Stmt] = []
            if init_node is not None:
                init = (
                    self.stmt(init_node)
                    if init_node.type == "declaration"
                    else [self.expr_stmt(init_node, self.expr(init_node))]
                )
            update = field(node, "update")
            updates: list[ir.Stmt] = []
            if update is not None:
                parts = named(update) if update.type == "comma_expression" else [update]
                updates = [self.expr_stmt(u, self.expr(u)) for u in parts]
            cond = self.cond(field(node, "condition"), None)
            return [self.loop(node, "for", init=init, cond=cond, update=updates)]
        if t == "for_range_loop":
            decl = field(node, "declarator")
            targets: list[ir.Expr] = []
            cur = decl
            while cur is not None and cur.type in _DECLARATOR_WRAPPERS:
                inner = named(cur)
                cur = inner[0] if inner else None
            if cur is not None and cur.type == "structured_binding_declarator":
                targets = [ir.Name(line(c), text(c), text(c)) for c in named(cur)]
            elif cur is not None:
                targets = [ir.Name(line(cur), text(cur), text(cur))]
            iterable = self.opt_expr(field(node, "right"))
            return [self.loop(node, "foreach", targets=targets, iter=iterable)]
        if t == "switch_statement":
            body = field(node, "body")
            bodies = [
                [s for c in named(case)[1:] for s in self.stmt(c)]
                for case in (named(body) if body is not None else [])
            ]
            return [
                ir.Compound(ln, el, tx, "switch", [self.cond(field(node, "condition"))], bodies)
            ]
        if t == "try_statement":
            bodies = [self.block(field(node, "body"))]
            for c in named(node):
                if c.type == "catch_clause":
                    bodies.append(self.block(field(c, "body")))
            return [ir.Compound(ln, el, tx, "try", [], bodies)]
        return self.unknown(node)

    def cond(self, node: Node | None, default: ir.Expr | None = None) -> ir.Expr:
        """A condition, unwrapping a `condition_clause` without an init-statement."""
        if node is None:
            return default if default is not None else ir.Lit(0, "true", "true")
        if node.type == "condition_clause":
            value = field(node, "value")
            init = field(node, "initializer")
            if value is not None and init is None:
                return self.expr(value)
            return ir.Other(line(node), text(node), [self.expr(c) for c in named(node)])
        return self.expr(node)

    # -- expressions ---------------------------------------------------------------------------

    NAMES = ("identifier", "field_identifier", "namespace_identifier", "type_identifier")
    NUMS = ("number_literal",)
    STRINGS = ("string_literal", "char_literal", "raw_string_literal", "concatenated_string")
    NULLS = ("null", "nullptr")
    ATTRS = {"field_expression": ("argument", "field")}
    UPDATES = {"update_expression": "argument"}
    ASSIGNS = ("assignment_expression",)
    TERNARIES = ("conditional_expression",)
    COLLS = {"initializer_list": "list", "comma_expression": "tuple"}
    CASTS = ("cast_expression",)

    def lang_expr(self, node: Node) -> ir.Expr:  # noqa: C901 - one branch per expression kind
        t, ln, tx = node.type, line(node), text(node)
        if t == "qualified_identifier":
            last = tx.split("::")[-1]
            return ir.Name(ln, tx, last)
        if t == "subscript_expression":
            idx = field(node, "indices") or field(node, "index")
            inner = (
                named(idx)
                if idx is not None and idx.type == "subscript_argument_list"
                else ([idx] if idx is not None else [])
            )
            index = self.expr(inner[0]) if inner else ir.Other(ln, tx, [])
            return ir.Index(ln, tx, self.expr(field(node, "argument") or node), index)
        if t == "call_expression":
            func_node = field(node, "function")
            args = self.args(field(node, "arguments"))
            if func_node is not None and func_node.type in ("template_function", "template_type"):
                name = text(field(func_node, "name"))
                if name in (
                    "vector",
                    "string",
                    "deque",
                    "unordered_map",
                    "unordered_set",
                    "set",
                    "map",
                    "array",
                    "priority_queue",
                    "queue",
                    "stack",
                ):
                    return ir.New(ln, tx, text(func_node), args)
            func = self.expr(func_node) if func_node is not None else ir.Name(ln, "", "")
            return self.call(node, func, args)
        if t == "compound_literal_expression":
            value = field(node, "value")
            return ir.New(
                ln,
                tx,
                text(field(node, "type")),
                [],
                init=self.expr(value) if value is not None else None,
            )
        if t == "new_expression":
            decl = field(node, "declarator")
            dims = [self.expr(field(decl, "length") or decl)] if decl is not None else []
            args = self.args(field(node, "arguments"))
            return ir.New(ln, tx, text(field(node, "type")), args, dims)
        if t in ("unary_expression", "pointer_expression"):
            arg = field(node, "argument")
            return ir.UnOp(
                ln, tx, operator(node), self.expr(arg) if arg is not None else self.other(node)
            )
        if t == "lambda_expression":
            decl = field(node, "declarator")
            plist = field(decl, "parameters") if decl is not None else None
            params = self._params(plist)
            explicit = [
                _declared_name(field(p, "declarator"))
                for p in (named(plist) if plist is not None else [])
                if text(p).split()[:1] == ["this"]
            ]
            return ir.Lambda(
                ln,
                tx,
                ir.FuncDef(
                    ln,
                    end_line(node),
                    tx,
                    "<lambda>",
                    params,
                    self.block(field(node, "body")),
                    is_lambda=True,
                    self_name=explicit[0] if explicit else None,
                ),
            )
        if t in ("parenthesized_expression", "condition_clause"):
            inner = named(node)
            return self.expr(inner[-1]) if inner else self.other(node)
        return self.other(node)


def _declared_name(decl: Node | None) -> str | None:
    cur = decl
    while cur is not None and cur.type not in ("identifier", "field_identifier"):
        inner = field(cur, "declarator") or (named(cur)[0] if named(cur) else None)
        cur = inner
    return text(cur) if cur is not None else None
