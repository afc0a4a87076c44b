"""Helpers the language rules share."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from coach_engine.judge.static import ir
from coach_engine.judge.static.scope import nested_functions


def walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(reversed(cur.named_children))


def module_functions(module: ir.Module) -> list[ir.FuncDef]:
    out = list(module.functions)
    for f in module.functions:
        out += [g for g in nested_functions(f.body) if g not in out]
    return out
