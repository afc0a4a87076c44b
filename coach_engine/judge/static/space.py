"""Static space complexity from what the time walk recorded: containers that grow, the call
stack of recursions, and the scratch space of library sorts. The output is not auxiliary."""

from __future__ import annotations

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import LOG, ONE, Cost, Term
from coach_engine.judge.static.models import Complexity, Confidence, Evidence
from coach_engine.judge.static.timing import Growth, TimeAnalysis
from coach_engine.judge.static.values import BOOL, CONTAINERS, FLOAT, INT, SEQ, UNKNOWN

_CONVERTERS = frozenset(
    {
        "toArray",
        "join",
        "toString",
        "String",
        "collect",
        "substr",
        "substring",
        "slice",
        "toList",
        "values",
        "list",
        "reverse",
        "reversed",
        "sorted",
        "asList",
        "stream",
        "copyOf",
        "map",
    }
)


def output_names(an: TimeAnalysis) -> dict[str, int]:
    """Containers the entry function returns (its answer), with the returning line."""
    env = an.env
    out: dict[str, int] = {}
    for s in ir.walk_stmts(an.prog.entry.body):
        if isinstance(s, ir.Return) and s.value is not None:
            kind = env.infer(s.value).kind
            converts = isinstance(s.value, ir.Call) and s.value.name in _CONVERTERS
            if kind not in CONTAINERS and kind != UNKNOWN or kind == UNKNOWN and not converts:
                continue
            for name in _returned(s.value):
                if env.get(name).kind not in (INT, BOOL, FLOAT):
                    out.setdefault(name, s.line)
    return out


def _returned(e: ir.Expr) -> set[str]:
    """Variables whose whole contents a return expression hands back (not just an element)."""
    if isinstance(e, ir.Name):
        return {e.id}
    if isinstance(e, ir.Slice):
        return _returned(e.obj)
    if isinstance(e, ir.Cond):
        return _returned(e.body) | _returned(e.orelse)
    if isinstance(e, ir.Call) and e.name in _CONVERTERS:
        out: set[str] = set()
        for part in ([e.receiver] if e.receiver is not None else []) + e.args:
            out |= _returned(part)
        return out
    if isinstance(e, ir.BinOp) and e.op == "+":
        return _returned(e.left) | _returned(e.right)
    if isinstance(e, ir.Coll):
        return {x.id for x in e.elts if isinstance(x, ir.Name)}
    return set()


def _sort_space(an: TimeAnalysis, g: Growth) -> Cost:
    lang = an.env.language
    if lang in ("python", "javascript"):
        return g.size
    if lang == "java":
        return LOG if _primitive_sort(an, g) else g.size
    return LOG if not g.size.constant else ONE


def _primitive_sort(an: TimeAnalysis, g: Growth) -> bool:
    for e in ir.all_exprs(an.prog.entry.body):
        if isinstance(e, ir.Call) and e.line == g.line and e.name == "sort" and e.args:
            val = an.env.infer(e.args[0])
            return (
                val.kind == SEQ
                and (val.elem is None or val.elem.kind in (INT, FLOAT))
                and len(e.args) == 1
            )
    return False


def space_complexity(an: TimeAnalysis, confidence: Confidence) -> Complexity:
    outputs = output_names(an)
    params = an.prog.params
    per_var: dict[str, Term] = {}
    for g in an.growth:
        if g.var in params:
            continue
        size = _sort_space(an, g) if g.note == "sort" else g.size
        if size.constant:
            continue
        if g.note == "sort":
            text = f"sorting needs {an.show(size)} scratch space"
        elif g.note == "temp":
            text = f"`{g.var.split(':', 2)[2][:-1]}` builds {an.show(size)} elements while it runs"
        elif g.note == "alloc":
            text = f"`{g.var}` holds {an.show(size)} elements"
        else:
            text = f"`{g.var}` grows to {an.show(size)} elements"
        term = Term(size).note(g.line, text)
        key = g.var if g.note != "sort" else f"<sort:{g.line}>"
        per_var[key] = per_var[key].then(term) if key in per_var else term
    evidence: list[Evidence] = []
    best = Term()
    for name, term in per_var.items():
        if name in outputs:
            evidence.append(
                Evidence(
                    line=outputs[name],
                    text=f"`{name}` is the output; not counted as auxiliary space",
                )
            )
            continue
        best = best.then(term)
    for d in an.depths:
        best = best.then(d)
    if best.cost.constant:
        evidence.insert(
            0,
            Evidence(
                line=0, text="no auxiliary structure grows with the input (constant extra space)"
            ),
        )
    total = best.cost
    return Complexity(
        big_o=total.big_o(), confidence=confidence, evidence=_dedupe(list(best.why) + evidence)
    )


def _dedupe(items: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[int, str]] = set()
    out = []
    for e in items:
        if (e.line, e.text) not in seen:
            seen.add((e.line, e.text))
            out.append(e)
    return out[:8]


__all__ = ["space_complexity"]
