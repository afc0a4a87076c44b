"""Mutual recursion through a tail call, made direct: `f` ends in `return g(args)` and `g`
calls `f` back (`pathSum` → `dfs` → `pathSum(node.left)`).

The recursion rules read how a function calls *itself*; a cycle through a partner is invisible
to them (each function alone looks like a straight line: O(1)). Inlining the partner's body at
the tail call (`param = arg` for each parameter, then the body, whose returns are now the
caller's) turns the cycle into the self-recursion it is, with the partner's calls on
`node.left` / `node.right` as the self-calls.
"""

from __future__ import annotations

import copy

from coach_engine.judge.static import ir


def _called_name(call: ir.Call) -> str | None:
    """`g(...)`, `self.g(...)`, `this.g(...)`: the name of the user function called."""
    if isinstance(call.func, ir.Name):
        return call.func.id
    if (
        isinstance(call.func, ir.Attr)
        and isinstance(call.func.obj, ir.Name)
        and call.func.obj.id in ("self", "this")
    ):
        return call.func.attr
    return None


def _calls(f: ir.FuncDef) -> set[str]:
    return {
        name
        for e in ir.all_exprs(f.body)
        if isinstance(e, ir.Call) and (name := _called_name(e)) is not None
    }


def _rename(body: list[ir.Stmt], names: dict[str, str]) -> None:
    """Every name in `names` at once (`g(b, a)` for `g(a, b)` swaps them, it does not merge)."""
    for e in ir.all_exprs(body):
        if isinstance(e, ir.Name) and e.id in names:
            e.id = names[e.id]


def _tail_partner(s: ir.Stmt, funcs: dict[str, ir.FuncDef]) -> ir.FuncDef | None:
    if isinstance(s, ir.Return) and isinstance(s.value, ir.Call):
        name = _called_name(s.value)
        return funcs.get(name) if name is not None else None
    return None


def _inline_into(
    block: list[ir.Stmt], f: ir.FuncDef, funcs: dict[str, ir.FuncDef], calls: dict[str, set[str]]
) -> bool:
    for k, s in enumerate(block):
        g = _tail_partner(s, funcs)
        if (
            g is not None
            and g is not f
            and f.name in calls[g.name]  # g calls f back: a cycle of two
            and g.name not in calls[g.name]  # g does not recurse on its own
            and not any(isinstance(x, ir.FuncDef) for x in ir.walk_stmts(g.body))
            and isinstance(s, ir.Return)
            and isinstance(s.value, ir.Call)
            and len(s.value.args) <= len(g.params)
        ):
            body = copy.deepcopy(g.body)
            binds: list[ir.Stmt] = []
            renames: dict[str, str] = {}
            for p, a in zip(g.params, s.value.args, strict=False):
                if isinstance(a, ir.Name):
                    renames[p.name] = a.id  # `dfs(root)`: `node.left` is `root.left`
                else:
                    target = ir.Name(a.line, p.name, p.name)
                    binds.append(ir.Assign(s.line, s.end_line, s.text, [target], "=", a))
            _rename(body, renames)
            block[k : k + 1] = [*binds, *body]
            return True
        for inner in ir.child_blocks(s):
            if _inline_into(inner, f, funcs, calls):
                return True
    return False


def inline_tail_partners(module: ir.Module) -> None:
    """Inline, once per cycle, a partner that a function tail-calls and that calls it back."""
    funcs: dict[str, ir.FuncDef] = {}
    for f in module.functions:
        funcs.setdefault(f.name, f)
    calls = {name: _calls(f) for name, f in funcs.items()}
    merged: set[str] = set()
    for f in module.functions:
        if f.name in merged or f.name in calls.get(f.name, set()):
            continue  # already part of a merged cycle, or recursive on its own
        partners = {n for n in calls[f.name] if n in funcs and f.name in calls[n]}
        if _inline_into(f.body, f, funcs, calls):
            merged |= {f.name} | partners
            calls[f.name] = _calls(f)
