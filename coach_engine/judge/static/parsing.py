"""tree-sitter plumbing: one cached parser per language, syntax-error collection, node helpers.

The grammars are imported lazily so that importing the judge costs nothing until code is parsed.
"""

from __future__ import annotations

import importlib
import threading
from functools import cache

from tree_sitter import Language, Node, Parser, Tree

LANGUAGES = ("python", "javascript", "java", "cpp", "go")
ALIASES = {
    "py": "python",
    "python3": "python",
    "js": "javascript",
    "node": "javascript",
    "c++": "cpp",
    "cc": "cpp",
    "cxx": "cpp",
    "golang": "go",
}
_GRAMMARS = {
    "python": "tree_sitter_python",
    "javascript": "tree_sitter_javascript",
    "java": "tree_sitter_java",
    "cpp": "tree_sitter_cpp",
    "go": "tree_sitter_go",
}


def canonical_language(language: str) -> str | None:
    """The canonical name of `language` (`py` → `python`), or None when it is not supported."""
    lang = language.strip().lower()
    lang = ALIASES.get(lang, lang)
    return lang if lang in LANGUAGES else None


@cache
def _language(language: str) -> Language:
    module = importlib.import_module(_GRAMMARS[language])
    return Language(module.language())


_local = threading.local()


def _parser(language: str) -> Parser:
    """One parser per language and thread: tree-sitter parsers are not safe to share."""
    parsers: dict[str, Parser] = _local.__dict__.setdefault("parsers", {})
    if language not in parsers:
        parsers[language] = Parser(_language(language))
    return parsers[language]


def parse(code: str, language: str) -> Tree:
    """Parse `code` (never raises on bad syntax: tree-sitter recovers with ERROR nodes)."""
    return _parser(language).parse(code.encode("utf-8"))


def syntax_errors(root: Node, limit: int = 20) -> list[str]:
    """Human-readable messages for the ERROR and MISSING nodes under `root`, with line numbers."""
    out: list[str] = []
    if not root.has_error:
        return out
    stack = [root]
    while stack and len(out) < limit:
        node = stack.pop()
        if node.is_missing:
            out.append(f"line {line(node)}: missing `{node.type}`")
            continue
        if node.is_error:
            snippet = text(node).strip().splitlines()
            near = snippet[0][:40] if snippet else ""
            out.append(
                f"line {line(node)}: syntax error near `{near}`"
                if near
                else f"line {line(node)}: syntax error"
            )
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
    return out


def text(node: Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", errors="replace")


def line(node: Node) -> int:
    return node.start_point[0] + 1


def end_line(node: Node) -> int:
    return node.end_point[0] + 1


def field(node: Node, name: str) -> Node | None:
    return node.child_by_field_name(name)


def fields(node: Node, name: str) -> list[Node]:
    return list(node.children_by_field_name(name))


def named(node: Node) -> list[Node]:
    return [
        c for c in node.named_children if c.type not in ("comment", "line_comment", "block_comment")
    ]


def operator(node: Node) -> str:
    """The operator token of a binary/unary/assignment node (its first anonymous child)."""
    op = field(node, "operator")
    if op is not None:
        return text(op)
    for child in node.children:
        if not child.is_named:
            return text(child)
    return ""
