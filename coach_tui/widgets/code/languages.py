"""Editor languages: the five the sandbox runs, with C++ highlighting registered by hand.

Textual ships no C++ grammar: ``tree-sitter-cpp`` 0.23.4 and ``tree-sitter-c`` 0.24.2 provide it
(their highlight queries combined), registered on each TextArea (registration is per instance).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual.widgets import TextArea

LANGUAGES: tuple[str, ...] = ("python", "javascript", "java", "cpp", "go")


@lru_cache(maxsize=1)
def _cpp_grammar() -> tuple[Any, str] | None:
    try:
        import tree_sitter_c
        import tree_sitter_cpp
        from tree_sitter import Language
    except ImportError:
        return None
    query = tree_sitter_c.HIGHLIGHTS_QUERY + "\n" + tree_sitter_cpp.HIGHLIGHTS_QUERY
    return Language(tree_sitter_cpp.language()), query


def register_languages(area: TextArea) -> None:
    """Make ``cpp`` available on ``area`` (plain text when the grammar is not installed)."""
    grammar = _cpp_grammar()
    if grammar is not None and "cpp" not in area.available_languages:
        area.register_language("cpp", grammar[0], grammar[1])


def editor_language(area: TextArea, language: str) -> str | None:
    """The TextArea language id for a sandbox language (None: no highlighting available)."""
    return language if language in area.available_languages else None
