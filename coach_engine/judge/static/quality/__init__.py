"""Code-quality findings a senior interviewer would mention.

Language-neutral rules work on the IR (`structure`: naming, size, nesting, dead and unused code;
`smells`: magic numbers, duplication, mutating the input); `idioms` and `idioms_cfamily` hold the
rules that only make sense in one language. Thresholds are set so that a clean, idiomatic
LeetCode solution gets few findings or none: names LeetCode itself gives (the entry function's
parameters) and idiomatic loop names are never flagged, and a rule reports a name or a value once
per function.
"""

from __future__ import annotations

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.models import Finding
from coach_engine.judge.static.quality.idioms import language_findings
from coach_engine.judge.static.quality.smells import duplicates, magic_numbers, mutation
from coach_engine.judge.static.quality.structure import (
    all_functions,
    dead_code,
    naming,
    size,
    unused,
)
from coach_engine.judge.static.scope import Program


def findings(module: ir.Module, prog: Program, root: Node, lang: str) -> list[Finding]:
    """All findings for the submitted code, sorted by line, each reported once."""
    out: list[Finding] = []
    funcs = all_functions(module)
    entry = prog.entry
    for f in funcs:
        out += naming(f, is_entry=f is entry)
        out += size(f)
        out += dead_code(f.body)
        out += unused(f, is_entry=f is entry)
        out += magic_numbers(f)
    out += duplicates(funcs)
    out += mutation(prog)
    out += language_findings(module, prog, root, lang)
    unique: dict[tuple[str, int, str], Finding] = {}
    for finding in out:
        unique.setdefault((finding.rule, finding.line, finding.message), finding)
    return sorted(unique.values(), key=lambda x: (x.line, x.rule))


__all__ = ["findings"]
