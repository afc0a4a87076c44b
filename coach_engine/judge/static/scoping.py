"""Each helper's own variables, kept apart from the entry function's.

The analysis keeps one environment of variables for the whole program, so a helper's local `n`
(a matrix dimension, a loop bound) would otherwise be merged with the entry's parameter `n` and
pass for the input size. Before the complexity walk, every variable a function other than the
entry binds — its parameters and the locals it declares (or, in Python, assigns without
`nonlocal`/`global`) — is renamed `name#k`, k being the function's position, in a copy of the
module. Closures keep seeing the variables of the function around them, and a parameter that
every caller fills with the variable of the same name (`dfs(nums, i)` into `dfs(nums, i)`) stays
one variable with it: it is the same value passed along.
"""

from __future__ import annotations

import copy
import re

from coach_engine.judge.static import ir
from coach_engine.judge.static.scope import nested_functions

SEP = "#"
_KEEP = frozenset({"self", "this", "_"})


_SUFFIX = re.compile(rf"(?<=\w){SEP}\d+\b")


def display_name(name: str) -> str:
    """A variable's name as the candidate wrote it (without the scope suffix)."""
    return name.split(SEP, 1)[0]


def unscoped(text: str) -> str:
    """`text` with every scoped name written as the candidate wrote it."""
    return _SUFFIX.sub("", text)


def separate_scopes(
    module: ir.Module, entry: ir.FuncDef, language: str
) -> tuple[ir.Module, ir.FuncDef]:
    """A copy of `module` where helpers' own variables have names of their own, and the copy's
    entry function."""
    memo: dict[int, object] = {}
    scoped = copy.deepcopy(module, memo)
    scoped_entry = memo.get(id(entry), entry)
    assert isinstance(scoped_entry, ir.FuncDef)
    funcs = _functions(scoped)
    names = {f.name for f in funcs}
    calls = [e for f in funcs for e in ir.all_exprs(f.body) if isinstance(e, ir.Call)]
    for k, f in enumerate(funcs):
        if f is scoped_entry:
            continue
        own = bound_names(f, language) - names - _KEEP - _aliased_params(f, calls)
        if own:
            _rename(f, {n: f"{n}{SEP}{k}" for n in sorted(own)}, language, top=True)
    return scoped, scoped_entry


def _functions(module: ir.Module) -> list[ir.FuncDef]:
    out: list[ir.FuncDef] = []
    for f in module.functions:
        if all(f is not g for g in out):
            out.append(f)
        for g in nested_functions(f.body):
            if all(g is not h for h in out):
                out.append(g)
    return out


def bound_names(f: ir.FuncDef, language: str) -> set[str]:
    """Variables `f` itself binds: parameters, declared locals, loop variables (Python: every
    assigned name not declared `nonlocal` or `global`)."""
    out = {p.name for p in f.params}
    shared: set[str] = set()
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.Compound) and s.kind in ("nonlocal", "global"):
            shared |= {e.id for e in s.exprs if isinstance(e, ir.Name)}
        elif isinstance(s, ir.Assign) and (language == "python" or s.decl is not None):
            out |= {t.id for t in s.targets if isinstance(t, ir.Name)}
        elif isinstance(s, ir.Loop) and s.kind == "foreach":
            out |= {x.id for t in s.targets for x in ir.walk_expr(t) if isinstance(x, ir.Name)}
    return out - shared


def _aliased_params(f: ir.FuncDef, calls: list[ir.Call]) -> set[str]:
    """Parameters every call of `f` fills with the caller's variable of the same name."""
    sites = [c for c in calls if c.name == f.name]
    out: set[str] = set()
    for pos, p in enumerate(f.params):
        args = [c.args[pos] if pos < len(c.args) else None for c in sites]
        if args and all(isinstance(a, ir.Name) and a.id == p.name for a in args):
            out.add(p.name)
    return out


def _rename(f: ir.FuncDef, mapping: dict[str, str], language: str, top: bool = False) -> None:
    """Rename `mapping`'s variables in `f` and in the functions nested in it that see them."""
    if not top:
        mapping = {k: v for k, v in mapping.items() if k not in bound_names(f, language)}
        if not mapping:
            return
    else:
        for p in f.params:
            p.name = mapping.get(p.name, p.name)
    for s in ir.walk_stmts(f.body):
        if isinstance(s, ir.FuncDef):
            _rename(s, mapping, language)
        for top_expr in ir.stmt_exprs(s):
            _rename_expr(top_expr, mapping, language)


def _rename_expr(e: ir.Expr, mapping: dict[str, str], language: str) -> None:
    for x in ir.walk_expr(e):
        if isinstance(x, ir.Name) and x.id in mapping:
            x.id = mapping[x.id]
        elif isinstance(x, ir.Lambda):
            _rename(x.func, mapping, language)
