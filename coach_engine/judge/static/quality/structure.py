"""Structure: names, function size and nesting, unreachable and unused code."""

from __future__ import annotations

from coach_engine.judge.static import ir
from coach_engine.judge.static.models import Finding, Severity
from coach_engine.judge.static.scope import nested_functions

MAX_FUNCTION_LINES = 40
LONG_FUNCTION_LINES = 70
NESTING_INFO = 5
NESTING_MINOR = 6
IDIOMATIC = frozenset(
    {"i", "j", "k", "n", "m", "x", "y", "l", "r", "_", "lo", "hi", "dp", "c", "q", "v"}
)
IDIOMATIC_LOOP = IDIOMATIC | {"c", "d", "a", "b", "e", "v", "w", "u", "p", "q", "t", "s", "z"}
MEANINGLESS = frozenset(
    {
        "temp",
        "tmp",
        "foo",
        "bar",
        "baz",
        "qux",
        "stuff",
        "thing",
        "things",
        "data",
        "obj",
        "blah",
        "asdf",
        "var",
        "val2",
        "arr2",
        "flag",
        "aa",
        "bb",
        "xx",
        "yy",
        "tmp2",
        "temp2",
        "x1",
        "x2",
        "a1",
        "a2",
        "dummy2",
    }
)


def all_functions(module: ir.Module) -> list[ir.FuncDef]:
    out: list[ir.FuncDef] = []
    for f in module.functions:
        if f not in out:
            out.append(f)
        for g in nested_functions(f.body):
            if g not in out and not (g.is_lambda and g.name == "<lambda>"):
                out.append(g)
    return out


def _own_stmts(f: ir.FuncDef) -> list[ir.Stmt]:
    """Statements of `f` itself, not of functions defined inside it."""
    return list(ir.walk_stmts(f.body))


# -- naming ------------------------------------------------------------------------------------


def _bindings(f: ir.FuncDef) -> list[tuple[str, int, bool]]:
    """(name, line, is_loop_variable) for every name `f` binds, first binding only."""
    seen: dict[str, tuple[str, int, bool]] = {}
    for s in _own_stmts(f):
        if isinstance(s, ir.Loop):
            for t in [
                *s.targets,
                *[x for i in s.init if isinstance(i, ir.Assign) for x in i.targets],
            ]:
                for n in ir.walk_expr(t):
                    if isinstance(n, ir.Name):
                        seen.setdefault(n.id, (n.id, n.line, True))
        elif (
            isinstance(s, ir.Assign) and s.op in ("=", ":=") and not isinstance(s.value, ir.Lambda)
        ):
            for t in s.targets:
                if isinstance(t, ir.Name):
                    seen.setdefault(t.id, (t.id, s.line, False))
    return list(seen.values())


def naming(f: ir.FuncDef, is_entry: bool) -> list[Finding]:
    out: list[Finding] = []
    names = _bindings(f)
    if not is_entry and not f.is_lambda:
        names += [(p.name, p.line, False) for p in f.params]
        if len(f.name) == 1 or f.name.lower() in MEANINGLESS:
            out.append(
                Finding(
                    rule="naming",
                    line=f.line,
                    severity=Severity.MINOR,
                    message=f"function name `{f.name}` says nothing about what it does",
                )
            )
    for name, line, in_loop in names:
        bare = name.lstrip("_$")
        if not bare or name in ("self", "this"):
            continue
        allowed = IDIOMATIC_LOOP if in_loop else IDIOMATIC
        if len(bare) == 1 and bare not in allowed:
            out.append(
                Finding(
                    rule="naming",
                    line=line,
                    severity=Severity.MINOR,
                    message=f"single-letter name `{name}`: say what it holds",
                )
            )
        elif bare.lower() in MEANINGLESS:
            out.append(
                Finding(
                    rule="naming",
                    line=line,
                    severity=Severity.MINOR,
                    message=f"`{name}` is a placeholder name: say what it holds",
                )
            )
    return out


# -- size and nesting --------------------------------------------------------------------------


def _depth(stmts: list[ir.Stmt], level: int = 0) -> tuple[int, int]:
    """(deepest nesting of loops/ifs, line where it happens)."""
    best = (level, stmts[0].line if stmts else 0)
    for s in stmts:
        if isinstance(s, ir.Loop):
            cand = _depth(s.body, level + 1)
        elif isinstance(s, ir.If):
            body = _depth(s.body, level + 1)
            chained = len(s.orelse) == 1 and isinstance(s.orelse[0], ir.If)
            other = _depth(s.orelse, level if chained else level + 1)
            cand = body if body[0] >= other[0] else other
        elif isinstance(s, ir.Compound):
            parts = [_depth(b, level) for b in s.bodies] or [best]
            cand = max(parts, key=lambda p: p[0])
        else:
            continue
        if cand[0] > best[0]:
            best = cand
    return best


def logical_lines(source: str) -> int:
    """Lines with code on them: blank lines, comments and lone braces do not count."""
    count = 0
    for raw in source.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", "//", "/*", "*")):
            continue
        if set(stripped) <= set("{}();"):
            continue
        count += 1
    return count


def size(f: ir.FuncDef) -> list[Finding]:
    out: list[Finding] = []
    if f.is_lambda and f.name == "<lambda>":
        return out
    length = logical_lines(f.text)
    if length > MAX_FUNCTION_LINES:
        sev = Severity.MAJOR if length > LONG_FUNCTION_LINES else Severity.MINOR
        out.append(
            Finding(
                rule="function-length",
                line=f.line,
                severity=sev,
                message=f"`{f.name}` is {length} lines long; split it into helpers "
                f"(aim for under {MAX_FUNCTION_LINES})",
            )
        )
    depth, line = _depth(f.body)
    if depth >= NESTING_INFO:
        sev = Severity.MINOR if depth >= NESTING_MINOR else Severity.INFO
        out.append(
            Finding(
                rule="nesting",
                line=line,
                severity=sev,
                message=f"code nested {depth} levels deep in `{f.name}`; extract the "
                f"inner part into a helper or return early",
            )
        )
    return out


# -- dead code ---------------------------------------------------------------------------------


def dead_code(stmts: list[ir.Stmt]) -> list[Finding]:
    out: list[Finding] = []
    for i, s in enumerate(stmts):
        if isinstance(s, ir.Return | ir.Jump) and i + 1 < len(stmts):
            nxt = stmts[i + 1]
            if not isinstance(nxt, ir.FuncDef):
                what = "return" if isinstance(s, ir.Return) else s.kind
                out.append(
                    Finding(
                        rule="dead-code",
                        line=nxt.line,
                        severity=Severity.MINOR,
                        message=f"unreachable: this follows the `{what}` on line {s.line}",
                    )
                )
            break
    for s in stmts:
        for block in ir.child_blocks(s):
            out += dead_code(block)
    return out


def _reads(f: ir.FuncDef) -> set[str]:
    """Names `f` (and anything defined inside it) reads."""
    out: set[str] = set()
    stmts = list(ir.walk_stmts(f.body, into_functions=True))
    lambda_bodies = [
        lam.func.body for s in stmts for top in ir.stmt_exprs(s) for lam in ir.lambdas_in(top)
    ]
    for body in lambda_bodies:
        stmts += list(ir.walk_stmts(body, into_functions=True))
    for s in stmts:
        if isinstance(s, ir.Assign):
            exprs = ir.sub_targets(s.targets) + ([s.value] if s.value is not None else [])
            if s.op not in ("=", ":="):
                exprs += [t for t in s.targets if not isinstance(t, ir.Name)]
        else:
            exprs = ir.stmt_exprs(s)
            if isinstance(s, ir.Loop):
                exprs = [e for e in exprs if e not in s.targets]
        for top in exprs:
            for e in ir.walk_expr(top):
                if isinstance(e, ir.Name):
                    out.add(e.id)
                if isinstance(e, ir.Lambda):
                    for inner in ir.all_exprs(e.func.body):
                        if isinstance(inner, ir.Name):
                            out.add(inner.id)
    return out


def unused(f: ir.FuncDef, is_entry: bool) -> list[Finding]:
    out: list[Finding] = []
    reads = _reads(f)
    for name, line, in_loop in _bindings(f):
        if name.startswith("_") or name in reads or in_loop:
            continue
        out.append(
            Finding(
                rule="unused",
                line=line,
                severity=Severity.MINOR,
                message=f"`{name}` is assigned but never used",
            )
        )
    if not is_entry and not f.is_lambda:
        for p in f.params:
            if (
                p.name not in reads
                and not p.name.startswith("_")
                and p.name not in ("self", "this")
            ):
                out.append(
                    Finding(
                        rule="unused",
                        line=p.line,
                        severity=Severity.MINOR,
                        message=f"parameter `{p.name}` of `{f.name}` is never used",
                    )
                )
    return out
