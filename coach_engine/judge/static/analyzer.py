"""`analyze()`: parse, lower, pick the entry function, measure time and space, list findings."""

from __future__ import annotations

import logging

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.dynamic import distrust_dynamic
from coach_engine.judge.static.inline import inline_tail_partners
from coach_engine.judge.static.langs import LOWERERS
from coach_engine.judge.static.models import (
    Complexity,
    Confidence,
    Evidence,
    StaticReport,
    weakest,
)
from coach_engine.judge.static.parsing import canonical_language, parse, syntax_errors
from coach_engine.judge.static.quality import findings
from coach_engine.judge.static.scope import Program, name_lambdas, pick_entry
from coach_engine.judge.static.scoping import separate_scopes, unscoped
from coach_engine.judge.static.space import space_complexity
from coach_engine.judge.static.timing import TimeAnalysis

log = logging.getLogger(__name__)


def _unknown(reason: str) -> Complexity:
    """No class at all (never a guess such as O(1) that a scorer could take for optimal)."""
    return Complexity(
        big_o=None, confidence=Confidence.LOW, evidence=[Evidence(line=0, text=reason)]
    )


def analyze(code: str, language: str, function: str | None = None) -> StaticReport:
    """Statically analyse a candidate's solution.

    Args:
        code: the source as submitted (LeetCode conventions: `class Solution`, a JS `var f =
            function`, a Go `func`).
        language: python, javascript, java, cpp or go (aliases such as `py`, `js`, `c++`).
        function: the entry function/method name (the problem's `signature.function`); when
            None, the first function no other function calls.

    Returns:
        A `StaticReport`. Never raises on bad input: syntax errors are listed in
        `parse_errors` (analysis still runs on what tree-sitter recovered, at low confidence),
        and an unsupported language or a missing function gives a low-confidence report.
    """
    lang = canonical_language(language)
    if lang is None:
        reason = f"unsupported language: {language!r}"
        return StaticReport(
            language=language, time=_unknown(reason), space=_unknown(reason), parse_errors=[reason]
        )
    try:
        tree = parse(code, lang)
    except Exception as exc:  # noqa: BLE001 - tree-sitter should never raise; be safe anyway
        reason = f"could not parse: {exc}"
        return StaticReport(
            language=lang, time=_unknown(reason), space=_unknown(reason), parse_errors=[reason]
        )
    errors = syntax_errors(tree.root_node)
    try:
        module = LOWERERS[lang]().module(tree.root_node)
        name_lambdas(module)
        inline_tail_partners(module)
        report = _analyse_module(module, tree.root_node, lang, function, errors)
        return distrust_dynamic(report, code, lang)
    except RecursionError:
        reason = "code too deeply nested to analyse"
    except Exception as exc:  # noqa: BLE001 - a judge must not crash on odd candidate code
        log.exception("static analysis failed")
        reason = f"analysis failed: {type(exc).__name__}: {exc}"
    return StaticReport(
        language=lang, time=_unknown(reason), space=_unknown(reason), parse_errors=errors
    )


def _named(evidence: list[Evidence]) -> list[Evidence]:
    """Evidence quoting variables by the names the candidate gave them."""
    return [Evidence(line=e.line, text=unscoped(e.text)) for e in evidence]


def _analyse_module(
    module: ir.Module, root: Node, lang: str, function: str | None, errors: list[str]
) -> StaticReport:
    entry = pick_entry(module, function)
    substituted = entry is not None and function is not None and entry.name != function
    if entry is None:
        reason = f"no function `{function}` found" if function else "no function found"
        return StaticReport(
            language=lang, time=_unknown(reason), space=_unknown(reason), parse_errors=errors
        )
    scoped, scoped_entry = separate_scopes(module, entry, lang)
    prog = Program(scoped, scoped_entry, lang)
    an = TimeAnalysis(prog)
    total = an.run()
    confidence = total.confidence if not errors else weakest(total.confidence, Confidence.LOW)
    why = list(dict.fromkeys(total.why))
    if substituted:
        confidence = Confidence.LOW
        why.insert(
            0,
            Evidence(
                line=entry.line,
                text=f"no function `{function}` found; analysed `{entry.name}` instead",
            ),
        )
    if not why and total.cost.constant:
        why = [Evidence(line=entry.line, text="no loop or call grows with the input")]
    time = Complexity(big_o=total.cost.big_o(), confidence=confidence, evidence=_named(why[:8]))
    space = space_complexity(an, confidence)
    space = space.model_copy(update={"evidence": _named(space.evidence)})
    return StaticReport(
        language=lang,
        function=entry.name,
        time=time,
        space=space,
        findings=findings(module, Program(module, entry, lang), root, lang),
        parse_errors=errors,
    )
