"""Turning a recursion's structure (`RecInfo`) and the work of one call into a total cost."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from coach_engine.judge.static.cost import EXP, LOG, ONE, Cost, Term
from coach_engine.judge.static.models import Confidence
from coach_engine.judge.static.recursion import RecInfo, depth, param_domain, states, universe
from coach_engine.judge.static.scope import Program

if TYPE_CHECKING:
    from coach_engine.judge.static.timing import TimeAnalysis


def total_calls(prog: Program, info: RecInfo) -> Cost:
    """How many times the function runs for one outside call (for space multipliers)."""
    if info.memo:
        return states(prog, info)
    if info.shape == "graph":
        return universe(prog, info.func.body) if info.marks and not info.unmarks else EXP
    if info.shape == "tree":
        return depth(prog, info)
    if info.shape == "half":
        return LOG if (info.branching or 1) == 1 else depth_size(prog, info)
    if info.branching is None or info.branching >= 2:
        return EXP
    return depth(prog, info)


def depth_size(prog: Program, info: RecInfo) -> Cost:
    params = info.varying or [p.name for p in info.func.params][:1]
    return param_domain(prog, info.func, params[0]) if params else prog.primary()


def combine(an: TimeAnalysis, info: RecInfo | None, body: Term) -> tuple[Term, Term | None]:
    """(cost per outside call, cost to charge once overall) of a function whose single
    invocation does `body` work (its recursive calls counted as O(1))."""
    if info is None:
        return body, None
    prog = an.prog
    f = info.func
    line = info.sites[0].line
    calls = ", ".join(sorted({f"`{c.text}`" for c in info.sites})[:3])
    d = depth(prog, info)
    if info.memo:
        n = states(prog, info)
        an.depths.append(
            Term(depth_size(prog, info)).note(
                line, f"recursion depth up to {an.show(depth_size(prog, info))} (call stack)"
            )
        )
        an.depths.append(Term(n).note(line, f"the memo holds one entry per state: {an.show(n)}"))
        how = (
            f"memoised with {info.memo}"
            if info.memo.startswith("@")
            else f"memoised in `{info.memo}`"
        )
        total = (
            Term(n)
            .note(line, f"`{f.name}` is {how}: each of the {an.show(n)} states is computed once")
            .times(body)
        )
        return Term(), total
    if info.shape == "tree":
        an.depths.append(
            Term(d).note(
                line,
                f"recursion depth = tree height: O(h), {an.show(d)} in the worst case (call stack)",
            )
        )
        return Term(d).note(
            line,
            f"`{f.name}` recurses on child nodes ({calls}): each node is "
            f"visited once → {an.show(d)} calls",
        ).times(body), None
    if info.shape == "graph":
        u = universe(prog, f.body)
        if info.marks and not info.unmarks:
            an.depths.append(
                Term(u).note(
                    line, f"recursion depth up to {an.show(u)} on a long path (call stack)"
                )
            )
            return Term(), Term(u).note(
                line,
                f"`{f.name}` marks `{info.marks}` and recurses to neighbours ({calls}): "
                f"each of the {an.show(u)} cells/nodes is visited once overall",
            ).times(body)
        an.depths.append(Term(u).note(line, f"recursion depth up to {an.show(u)} (call stack)"))
        if info.unmarks:
            return Term(EXP).note(
                line,
                f"`{f.name}` is backtracking: it marks `{info.marks}`, "
                f"recurses ({calls}) and unmarks → exponential in the path "
                f"length",
            ).times(body), None
        return Term(EXP, (), Confidence.LOW).note(
            line,
            f"`{f.name}` recurses to neighbours ({calls}) without marking them "
            f"visited → exponential (or unbounded)",
        ), None
    if info.shape == "half":
        an.depths.append(Term(LOG).note(line, "recursion depth log n (halving)"))
        return _master(an, info, body, calls), None
    n = depth_size(prog, info)
    an.depths.append(Term(n).note(line, f"recursion depth up to {an.show(n)} (call stack)"))
    conf = Confidence.HIGH if info.shape == "step" else Confidence.LOW
    if info.branching is None or info.branching >= 2:
        many = "in a loop" if info.branching is None else f"{info.branching} times"
        return Term(EXP, (), conf).note(
            line,
            f"`{f.name}` calls itself {many} per call ({calls}), each shrinking the "
            f"input by a constant, without memoisation → exponential",
        ).times(body), None
    return Term(n, (), conf).note(
        line, f"`{f.name}` calls itself once per level ({calls}) → {an.show(n)} calls deep"
    ).times(body), None


def _master(an: TimeAnalysis, info: RecInfo, body: Term, calls: str) -> Term:
    """T(n) = a·T(n/2) + f(n): the master theorem on degrees."""
    a = info.branching if info.branching is not None else 2
    line = info.sites[0].line
    f = info.func
    n = depth_size(an.prog, info)
    crit = math.log2(a) if a >= 1 else 0.0
    d = body.cost.degree
    if a <= 1:
        if body.cost.constant:
            return (
                Term(LOG)
                .note(line, f"`{f.name}` halves its range on each call ({calls}) → log n calls")
                .times(body)
            )
        return body.note(
            line,
            f"`{f.name}` halves its input on each call ({calls}): the work "
            f"shrinks geometrically, the first call dominates",
        )
    if d > crit + 1e-9:
        return body.note(
            line, f"`{f.name}` splits in {a} halves ({calls}); the work per call dominates"
        )
    if abs(d - crit) < 1e-9:
        return body.times(Term(LOG)).note(
            line,
            f"`{f.name}` splits into {a} halves ({calls}) with linear work per level → n log n",
        )
    power = max(1, round(crit))
    size = ONE
    for _ in range(power):
        size = size * n
    return Term(size).note(
        line,
        f"`{f.name}` splits into {a} halves ({calls}) with little "
        f"work per call → {an.show(size)} calls",
    )
