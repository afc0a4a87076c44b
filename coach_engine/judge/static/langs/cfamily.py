"""The node kinds Java, JavaScript and C++ share: their tree-sitter grammars name them alike."""

from __future__ import annotations

from coach_engine.judge.static.langs.base import Lowerer


class CFamilyLowerer(Lowerer):
    """`Lowerer` with the C-family statement and expression tables filled in.

    Expression statements, `return`, `throw`, labels, `while`/`do` loops, `this` and binary
    operators are spelled the same way in all three grammars; each subclass adds the rest.
    """

    EXPR_STMTS = ("expression_statement",)
    RETURNS = ("return_statement",)
    THROWS = ("throw_statement",)
    LABELS = ("labeled_statement",)
    WHILES = {"while_statement": "while", "do_statement": "do"}
    THIS = ("this",)
    BINARIES = ("binary_expression",)
