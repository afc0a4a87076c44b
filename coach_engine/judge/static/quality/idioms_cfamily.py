"""Findings for the C family: Java, JavaScript and C++."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.infer import Env
from coach_engine.judge.static.models import Finding, Severity
from coach_engine.judge.static.parsing import field, line, named, operator, text
from coach_engine.judge.static.quality.common import module_functions, walk
from coach_engine.judge.static.scope import Program
from coach_engine.judge.static.values import SEQ, STR

JAVA_GENERICS = frozenset(
    {
        "List",
        "ArrayList",
        "LinkedList",
        "Map",
        "HashMap",
        "TreeMap",
        "LinkedHashMap",
        "Set",
        "HashSet",
        "TreeSet",
        "LinkedHashSet",
        "Queue",
        "Deque",
        "ArrayDeque",
        "PriorityQueue",
        "Stack",
        "Iterator",
        "Collection",
    }
)
CPP_CONTAINERS = frozenset(
    {
        "vector",
        "map",
        "set",
        "unordered_map",
        "unordered_set",
        "deque",
        "multiset",
        "multimap",
        "list",
        "string",
        "basic_string",
    }
)


# -- java --------------------------------------------------------------------------------------


def java(module: ir.Module, prog: Program, root: Node) -> list[Finding]:
    out: list[Finding] = []
    env = prog.env
    for node in walk(root):
        if node.type in (
            "local_variable_declaration",
            "field_declaration",
            "formal_parameter",
            "object_creation_expression",
        ):
            raw = _raw_generic(node)
            if raw is None:
                continue
            message = (
                f"raw `new {raw}()`: use the diamond `new {raw}<>()`"
                if node.type == "object_creation_expression"
                else f"raw type `{raw}`: add type arguments (`{raw}<Integer>`) so the compiler "
                "checks it"
            )
            out.append(_at(node, "idiom", Severity.MINOR, message))
        elif node.type == "binary_expression" and operator(node) in ("==", "!="):
            left, right = field(node, "left"), field(node, "right")
            if left is None or right is None:
                continue
            kinds = [_java_kind(x, env) for x in (left, right)]
            if "null" in kinds:
                continue
            if "str" in kinds:
                out.append(
                    _at(
                        node,
                        "bug-risk",
                        Severity.MAJOR,
                        f"`{text(node)}` compares String references; use `.equals()`",
                    )
                )
            elif kinds == ["boxed", "boxed"]:
                out.append(
                    _at(
                        node,
                        "bug-risk",
                        Severity.MAJOR,
                        f"`{text(node)}` compares boxed Integers by "
                        f"reference (wrong above 127); use `.equals()` or unbox",
                    )
                )
    out += _string_concat_in_loop(module, prog, "StringBuilder")
    return out


def _raw_generic(node: Node) -> str | None:
    """The collection type named raw (without type arguments) in `node`'s `type` field."""
    type_node = field(node, "type")
    if (
        type_node is not None
        and type_node.type == "type_identifier"
        and text(type_node) in JAVA_GENERICS
    ):
        return text(type_node)
    return None


def _at(node: Node, rule: str, severity: Severity, message: str) -> Finding:
    """A finding on `node`'s line."""
    return Finding(rule=rule, line=line(node), severity=severity, message=message)


def _java_kind(node: Node, env: object) -> str:
    if node.type == "null_literal":
        return "null"
    if node.type == "string_literal":
        return "str"
    if node.type == "method_invocation" and text(field(node, "name")) in ("get", "getOrDefault"):
        return "boxed"
    if node.type == "identifier":
        if isinstance(env, Env) and env.get(text(node)).kind == STR:
            return "str"
    return ""


def _string_concat_in_loop(module: ir.Module, prog: Program, better: str) -> list[Finding]:
    out: list[Finding] = []
    for f in module_functions(module):
        for loop in ir.walk_stmts(f.body):
            if not isinstance(loop, ir.Loop):
                continue
            for s in ir.walk_stmts(loop.body):
                if (
                    isinstance(s, ir.Assign)
                    and s.op == "+="
                    and len(s.targets) == 1
                    and isinstance(s.targets[0], ir.Name)
                    and prog.env.get(s.targets[0].id).kind == STR
                ):
                    out.append(
                        Finding(
                            rule="performance",
                            line=s.line,
                            severity=Severity.MINOR,
                            message=f"`{s.targets[0].id} +=` in a loop copies the "
                            f"string every time; use a {better}",
                        )
                    )
    return out


def overflowing_midpoint(module: ir.Module) -> list[Finding]:
    out: list[Finding] = []
    for f in module_functions(module):
        for e in ir.all_exprs(f.body):
            if (
                isinstance(e, ir.BinOp)
                and e.op in ("/", ">>")
                and isinstance(e.right, ir.Num)
                and e.right.value in (2.0, 1.0)
                and isinstance(e.left, ir.BinOp)
                and e.left.op == "+"
                and isinstance(e.left.left, ir.Name)
                and isinstance(e.left.right, ir.Name)
            ):
                lo, hi = e.left.left.id, e.left.right.id
                out.append(
                    Finding(
                        rule="bug-risk",
                        line=e.line,
                        severity=Severity.INFO,
                        message=f"`{e.text}` can overflow int for large indices; "
                        f"`{lo} + ({hi} - {lo}) / 2` cannot",
                    )
                )
    return out


# -- javascript --------------------------------------------------------------------------------


def javascript(module: ir.Module, prog: Program, root: Node) -> list[Finding]:
    out: list[Finding] = []
    declared: set[str] = set()
    for node in walk(root):
        t = node.type
        if t == "variable_declarator":
            declared.update(_pattern_names(field(node, "name")))
        elif t in ("formal_parameters",):
            for p in named(node):
                declared.update(_pattern_names(p))
        elif t in ("arrow_function",) and field(node, "parameter") is not None:
            declared.update(_pattern_names(field(node, "parameter")))
        elif t in ("function_declaration", "class_declaration", "method_definition"):
            declared.update(_pattern_names(field(node, "name")))
        elif t == "catch_clause":
            declared.update(_pattern_names(field(node, "parameter")))
        elif t == "for_in_statement" and field(node, "kind") is not None:
            declared.update(_pattern_names(field(node, "left")))
    for node in walk(root):
        t = node.type
        if (
            t == "variable_declaration"
            and node.parent is not None
            and node.parent.type != "program"
        ):
            in_loop = any(
                a.type in ("for_statement", "for_in_statement", "while_statement", "do_statement")
                for a in _ancestors(node)
            )
            where = " inside a loop (it is function-scoped, not per iteration)" if in_loop else ""
            out.append(
                _at(
                    node,
                    "idiom",
                    Severity.MINOR,
                    f"`var`{where}: use `let` or `const`",
                )
            )
        elif t == "binary_expression" and operator(node) in ("==", "!="):
            left, right = field(node, "left"), field(node, "right")
            if not any(x is not None and x.type in ("null", "undefined") for x in (left, right)):
                strict = operator(node) + "="
                out.append(
                    _at(
                        node,
                        "idiom",
                        Severity.MINOR,
                        f"`{text(node)}` uses loose equality; use `{strict}`",
                    )
                )
        elif t == "for_in_statement":
            op = field(node, "operator")
            right = field(node, "right")
            if (
                op is not None
                and text(op) == "in"
                and right is not None
                and prog.env.get(text(right)).kind in (SEQ, STR)
            ):
                out.append(
                    _at(
                        node,
                        "idiom",
                        Severity.MINOR,
                        f"`for...in` over `{text(right)}` yields string keys; use `for...of`",
                    )
                )
        elif t in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            target = field(node, "left") or field(node, "argument")
            if target is not None and target.type == "identifier" and text(target) not in declared:
                out.append(
                    _at(
                        node,
                        "bug-risk",
                        Severity.MAJOR,
                        f"`{text(target)}` is never declared: this creates a "
                        f"global; declare it with `let`",
                    )
                )
                declared.add(text(target))
    return out


def _ancestors(node: Node) -> Iterator[Node]:
    cur = node.parent
    while cur is not None and cur.type not in (
        "function_expression",
        "arrow_function",
        "function_declaration",
        "program",
    ):
        yield cur
        cur = cur.parent


def _pattern_names(node: Node | None) -> set[str]:
    if node is None:
        return set()
    return {
        text(n)
        for n in walk(node)
        if n.type in ("identifier", "shorthand_property_identifier_pattern")
    }


# -- c++ ---------------------------------------------------------------------------------------


def cpp(module: ir.Module, prog: Program, root: Node) -> list[Finding]:
    out: list[Finding] = []
    for node in walk(root):
        if node.type != "function_definition":
            continue
        decl = field(node, "declarator")
        while decl is not None and decl.type != "function_declarator":
            decl = field(decl, "declarator")
        if decl is None or text(field(decl, "declarator")) == prog.entry.name:
            continue
        params = field(decl, "parameters")
        for p in named(params) if params is not None else []:
            type_node = field(p, "type")
            declarator = field(p, "declarator")
            base = text(type_node).split("<")[0].replace("std::", "")
            if (
                base in CPP_CONTAINERS
                and declarator is not None
                and declarator.type == "identifier"
            ):
                out.append(
                    _at(
                        p,
                        "performance",
                        Severity.MINOR,
                        f"`{text(p)}` is passed by value: every call copies "
                        f"it; pass `const {text(type_node)}&`",
                    )
                )
    return out
