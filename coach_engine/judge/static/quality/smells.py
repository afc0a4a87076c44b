"""Smells: magic numbers, duplicated blocks, and changing the caller's input."""

from __future__ import annotations

import re

from coach_engine.judge.static import ir
from coach_engine.judge.static.calls import sorted_target
from coach_engine.judge.static.models import Finding, Severity
from coach_engine.judge.static.scope import Program

ALLOWED_NUMBERS = frozenset({0.0, 1.0, 2.0, -1.0})
CHAR_CODES = frozenset({32.0, 48.0, 57.0, 65.0, 90.0, 97.0, 122.0})
_MOD_VALUES = frozenset({1e9 + 7, 1e9 + 9, 998244353.0})


# -- magic numbers -----------------------------------------------------------------------------


def _constant_names(f: ir.FuncDef) -> set[int]:
    """ids of Num nodes that sit in a named constant's definition or a literal table."""
    out: set[int] = set()
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Assign) and s.value is not None:
            named_const = (
                any(
                    isinstance(t, ir.Name) and re.fullmatch(r"[A-Z][A-Z0-9_]*", t.id)
                    for t in s.targets
                )
                or (s.decl or "").startswith(("const", "final", "static final"))
                or "const " in f" {s.decl or ''} "
            )
            if named_const:
                out.update(id(e) for e in ir.walk_expr(s.value))
        for top in ir.stmt_exprs(s):
            for e in ir.walk_expr(top):
                table = e if isinstance(e, ir.Coll) else (e.init if isinstance(e, ir.New) else None)
                if table is not None:
                    out.update(id(x) for x in ir.walk_expr(table))
    return out


def magic_numbers(f: ir.FuncDef) -> list[Finding]:
    out: list[Finding] = []
    exempt = _constant_names(f)
    tables = {float(len(e.elts)) for e in ir.all_exprs(f.body) if isinstance(e, ir.Coll)}
    reported: set[float] = set()
    parents: dict[int, ir.Expr] = {}
    for e in ir.all_exprs(f.body):
        for sub in ir.sub_exprs(e):
            parents[id(sub)] = e
    for e in ir.all_exprs(f.body):
        if not isinstance(e, ir.Num) or e.value is None or id(e) in exempt:
            continue
        value = e.value
        parent = parents.get(id(e))
        if isinstance(parent, ir.UnOp) and parent.op == "-":
            value = -value
        if (
            isinstance(parent, ir.BinOp)
            and parent.op in ("+", "-")
            and isinstance(parent.left, ir.BinOp | ir.Num)
            and _is_mod(parent)
        ):
            value = 1e9 + 7
        if value in ALLOWED_NUMBERS or value in reported:
            continue
        if value == 10 and isinstance(parent, ir.BinOp) and parent.op in ("%", "/", "//", "*"):
            continue
        if value in (26.0, 128.0, 256.0, 10.0) or value in tables or value in CHAR_CODES:
            continue
        if isinstance(parent, ir.Index) and parent.index is e:
            continue
        reported.add(value)
        if value in _MOD_VALUES:
            msg = f"`{e.text}`: name the modulus (`MOD = 10**9 + 7`) instead of repeating it"
        else:
            msg = f"magic number `{e.text}`: give it a name that says what it means"
        out.append(Finding(rule="magic-number", line=e.line, severity=Severity.INFO, message=msg))
    return out


def _is_mod(e: ir.BinOp) -> bool:
    return (
        any(isinstance(x, ir.Num) and x.value in (1e9, 9.0) for x in ir.walk_expr(e))
        and "9" in e.text
        and "7" in e.text
    )


# -- duplication -------------------------------------------------------------------------------


def _norm(s: ir.Stmt) -> str:
    return " ".join(s.text.split())


def duplicates(funcs: list[ir.FuncDef]) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, tuple[int, int]] = {}
    blocks = [
        b for f in funcs for s in [*f.body, *ir.walk_stmts(f.body)] for b in ir.child_blocks(s) if b
    ] + [f.body for f in funcs]
    for block in blocks:
        for s in block:
            if (
                isinstance(s, ir.If)
                and s.body
                and s.orelse
                and [_norm(x) for x in s.body] == [_norm(x) for x in s.orelse]
            ):
                out.append(
                    Finding(
                        rule="duplication",
                        line=s.line,
                        severity=Severity.MINOR,
                        message="both branches of this `if` do the same thing",
                    )
                )
        for i in range(len(block) - 2):
            window = block[i : i + 3]
            if window[-1].end_line - window[0].line < 2:
                continue
            key = "\n".join(_norm(x) for x in window)
            first = seen.get(key)
            if first is None:
                seen[key] = (window[0].line, window[-1].end_line)
            elif first[0] != window[0].line:
                out.append(
                    Finding(
                        rule="duplication",
                        line=window[0].line,
                        severity=Severity.MINOR,
                        message=f"lines {window[0].line}-{window[-1].end_line} repeat "
                        f"lines {first[0]}-{first[1]}; extract a helper",
                    )
                )
    return out


# -- input mutation ----------------------------------------------------------------------------


def mutation(prog: Program) -> list[Finding]:
    entry = prog.entry
    if not any(isinstance(s, ir.Return) and s.value is not None for s in ir.walk_stmts(entry.body)):
        return []  # a void entry point: changing the input in place is the task
    params = {p.name for p in entry.params}
    out: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    for f in prog.reachable():
        for s in ir.walk_stmts(f.body):
            if isinstance(s, ir.Assign):
                for t in s.targets:
                    root = ir.root_name(t)
                    if (
                        isinstance(t, ir.Index)
                        and root in params
                        and (root, "set") not in reported
                        and not _rebound(prog, root)
                    ):
                        reported.add((root, "set"))
                        out.append(
                            Finding(
                                rule="input-mutation",
                                line=s.line,
                                severity=Severity.INFO,
                                message=f"overwrites elements of the input `{root}`;"
                                f" say so, or work on a copy if the caller may "
                                f"still need it",
                            )
                        )
            for top in ir.stmt_exprs(s):
                for e in ir.walk_expr(top):
                    if not isinstance(e, ir.Call):
                        continue
                    target = sorted_target(e)
                    if (
                        target is None
                        and e.name in ("reverse", "fill", "Reverse")
                        and e.receiver is not None
                    ):
                        target = e.receiver
                    root = ir.root_name(target) if target is not None else None
                    if (
                        root in params
                        and e.name != "sorted"
                        and (root, "sort") not in reported
                        and not _rebound(prog, root)
                    ):
                        reported.add((root, "sort"))
                        out.append(
                            Finding(
                                rule="input-mutation",
                                line=e.line,
                                severity=Severity.INFO,
                                message=f"reorders the input `{root}` in place; "
                                f"mention it, or sort a copy",
                            )
                        )
    return out


def _rebound(prog: Program, name: str) -> bool:
    """The parameter was reassigned to a fresh copy before being written to."""
    return any(
        isinstance(s, ir.Assign)
        and s.op == "="
        and any(isinstance(t, ir.Name) and t.id == name for t in s.targets)
        for s in ir.walk_stmts(prog.entry.body)
    )
