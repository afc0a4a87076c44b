"""Findings that only make sense in one language: Python and Go here, the C family in
`idioms_cfamily`."""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.models import Finding, Severity
from coach_engine.judge.static.parsing import line, named
from coach_engine.judge.static.quality.common import module_functions, walk
from coach_engine.judge.static.quality.idioms_cfamily import (
    cpp,
    java,
    javascript,
    overflowing_midpoint,
)
from coach_engine.judge.static.scope import Program

PY_BUILTINS = frozenset(
    {
        "list",
        "dict",
        "set",
        "str",
        "sum",
        "min",
        "max",
        "len",
        "id",
        "map",
        "filter",
        "type",
        "next",
        "iter",
        "range",
        "sorted",
        "all",
        "any",
        "hash",
        "input",
        "object",
        "pow",
        "abs",
        "zip",
        "bin",
        "tuple",
    }
)


def language_findings(module: ir.Module, prog: Program, root: Node, lang: str) -> list[Finding]:
    rules = {"python": _python, "java": java, "javascript": javascript, "cpp": cpp, "go": _go}
    out = rules[lang](module, prog, root)
    if lang in ("java", "cpp"):
        out += overflowing_midpoint(module)
    return out


# -- python ------------------------------------------------------------------------------------


def _python(module: ir.Module, prog: Program, root: Node) -> list[Finding]:
    out: list[Finding] = []
    for f in module_functions(module):
        for p in f.params:
            if isinstance(p.default, ir.Coll) and p.default.kind in ("list", "dict", "set"):
                out.append(
                    Finding(
                        rule="idiom",
                        line=p.line,
                        severity=Severity.MAJOR,
                        message=f"mutable default `{p.name}={p.default.text}` is "
                        f"shared between calls; default to None",
                    )
                )
        for s in ir.walk_stmts(f.body):
            if isinstance(s, ir.Loop) and s.kind == "foreach":
                out += _range_len(s)
            if isinstance(s, ir.Assign) and s.op == "=":
                for t in s.targets:
                    if isinstance(t, ir.Name) and t.id in PY_BUILTINS:
                        out.append(
                            Finding(
                                rule="naming",
                                line=s.line,
                                severity=Severity.MINOR,
                                message=f"`{t.id}` shadows the built-in `{t.id}()`",
                            )
                        )
        for e in ir.all_exprs(f.body):
            if (
                isinstance(e, ir.BinOp)
                and e.op in ("==", "!=")
                and (_is_none(e.left) or _is_none(e.right))
            ):
                better = "is" if e.op == "==" else "is not"
                out.append(
                    Finding(
                        rule="idiom",
                        line=e.line,
                        severity=Severity.MINOR,
                        message=f"`{e.text}`: compare with None using `{better}`",
                    )
                )
    for node in walk(root):
        if node.type == "except_clause" and not any(
            c.type not in ("block", "comment") for c in named(node)
        ):
            out.append(
                Finding(
                    rule="idiom",
                    line=line(node),
                    severity=Severity.MINOR,
                    message="bare `except:` also swallows KeyboardInterrupt and "
                    "bugs; catch the exception you expect",
                )
            )
    return out


def _is_none(e: ir.Expr) -> bool:
    return isinstance(e, ir.Lit) and e.kind == "null"


def _range_len(loop: ir.Loop) -> list[Finding]:
    it = loop.iter
    if not (
        isinstance(it, ir.Call)
        and it.name == "range"
        and it.receiver is None
        and len(it.args) == 1
        and isinstance(it.args[0], ir.Call)
        and it.args[0].name == "len"
        and len(it.args[0].args) == 1
        and isinstance(it.args[0].args[0], ir.Name)
        and len(loop.targets) == 1
        and isinstance(loop.targets[0], ir.Name)
    ):
        return []
    seq, var = it.args[0].args[0].id, loop.targets[0].id
    indexed = other = 0
    parents: dict[int, ir.Expr] = {}
    for e in ir.all_exprs(loop.body):
        for sub in ir.sub_exprs(e):
            parents[id(sub)] = e
    for e in ir.all_exprs(loop.body):
        if isinstance(e, ir.Name) and e.id == var:
            parent = parents.get(id(e))
            if (
                isinstance(parent, ir.Index)
                and parent.index is e
                and isinstance(parent.obj, ir.Name)
                and parent.obj.id == seq
            ):
                indexed += 1
            else:
                other += 1
    for s in ir.walk_stmts(loop.body):
        if isinstance(s, ir.Assign):
            for t in s.targets:
                if isinstance(t, ir.Index) and isinstance(t.obj, ir.Name) and t.obj.id == seq:
                    return []  # writes through the index: the index loop is the right tool
    if not indexed:
        return []
    if other:
        msg = (
            f"`for {var} in range(len({seq}))` reads `{seq}[{var}]`: use "
            f"`for {var}, value in enumerate({seq})`"
        )
    else:
        msg = f"`{var}` is only used as `{seq}[{var}]`: iterate `for value in {seq}` directly"
    return [Finding(rule="idiom", line=loop.line, severity=Severity.MINOR, message=msg)]


# -- go ----------------------------------------------------------------------------------------


def _go(module: ir.Module, prog: Program, root: Node) -> list[Finding]:
    out: list[Finding] = []
    for f in module_functions(module):
        unsized = _unsized_slices(f)
        for loop in ir.walk_stmts(f.body):
            if not (isinstance(loop, ir.Loop) and loop.kind == "foreach" and loop.iter):
                continue
            for s in loop.body:
                if (
                    isinstance(s, ir.Assign)
                    and len(s.targets) == 1
                    and isinstance(s.targets[0], ir.Name)
                    and s.targets[0].id in unsized
                    and isinstance(s.value, ir.Call)
                    and s.value.name == "append"
                ):
                    name = s.targets[0].id
                    out.append(
                        Finding(
                            rule="performance",
                            line=unsized[name],
                            severity=Severity.INFO,
                            message=f"`{name}` gets one element per item of "
                            f"`{loop.iter.text}`: preallocate with "
                            f"`make(..., 0, len({loop.iter.text}))`",
                        )
                    )
                    unsized.pop(name)
    return out


def _unsized_slices(f: ir.FuncDef) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in f.body:
        if (
            not isinstance(s, ir.Assign)
            or len(s.targets) != 1
            or not isinstance(s.targets[0], ir.Name)
        ):
            continue
        name = s.targets[0].id
        v = s.value
        empty_literal = isinstance(v, ir.Coll) and not v.elts and v.kind == "list"
        nil_slice = v is None and (s.decl or "").startswith("[]")
        no_cap = (
            isinstance(v, ir.New)
            and v.type.startswith("[]")
            and len(v.args) == 1
            and isinstance(v.args[0], ir.Num)
            and v.args[0].value == 0
        )
        if empty_literal or nil_slice or no_cap:
            out[name] = s.line
    return out
