"""Indentation rules of the code editor, as pure functions on text (no widget here).

The editor glue (:mod:`coach_tui.widgets.code.editor`) asks these functions what a key should do
and applies the answer to the ``TextArea``. Rules per language:

* Enter keeps the current line's indentation, one unit more after an opener: ``:`` in Python,
  ``{`` ``(`` ``[`` in every language (Python too), one unit less after a Python ``return``,
  ``pass``, ``break``, ``continue`` or ``raise``. Between a bracket pair (``{|}``) the closer
  goes to its own line at the outer indentation.
* A closer typed on a line holding only indentation dedents that line by one unit, unless the
  next line already starts with the closer the block needs: then it steps over that one.
* Tab / Shift+Tab indent and dedent whole lines; line comments are ``#`` (Python) or ``//``.

The indent unit is four spaces, a tab in Go (what ``gofmt`` writes).
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {close: open_ for open_, close in OPENERS.items()}
QUOTES = {
    "python": ('"', "'"),
    "javascript": ('"', "'", "`"),
    "java": ('"', "'"),
    "cpp": ('"', "'"),
    "go": ('"', "'", "`"),
}


def indent_unit(language: str) -> str:
    """One level of indentation: a tab in Go, four spaces elsewhere."""
    return "\t" if language == "go" else "    "


def comment_prefix(language: str) -> str:
    return "#" if language == "python" else "//"


def leading_whitespace(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def opens_block(language: str, before: str) -> bool:
    """True when a line ending in ``before`` (the text left of the cursor) opens a block."""
    stripped = _strip_trailing_comment(language, before).rstrip()
    if not stripped:
        return False
    return stripped[-1] in OPENERS or (language == "python" and stripped[-1] == ":")


def _strip_trailing_comment(language: str, text: str) -> str:
    # Good enough for the common case ("if x:  # why"); a marker inside a string is rare on an
    # opener line and only costs a missing indent.
    marker = comment_prefix(language)
    at = text.find(marker)
    return text if at < 0 else text[:at]


@dataclass(frozen=True)
class NewLine:
    """What Enter does: replace ``delete_before`` characters left of the cursor (the blanks of
    a line holding only indentation, so no trailing whitespace is left behind) and
    ``delete_after`` characters right of it (the blanks that would otherwise start the new line)
    with ``text``; the cursor ends ``cursor`` characters into ``text``."""

    text: str
    cursor: int
    delete_after: int = 0
    delete_before: int = 0


def newline(language: str, before: str, after: str) -> NewLine:
    """Enter with ``before``/``after`` the current line's text left and right of the cursor."""
    indent = leading_whitespace(before)
    rest = after.lstrip(" \t")
    delete = len(after) - len(rest)
    if before.strip() == "":
        # Only indentation so far: it moves to the new line, the line left behind is empty.
        text = "\n" + before
        return NewLine(text, len(text), delete, delete_before=len(before))
    if not opens_block(language, before):
        if language == "python" and _ends_block(before):
            indent = remove_one_level(language, indent)
        text = "\n" + indent
        return NewLine(text, len(text), delete)
    inner = indent + indent_unit(language)
    last = before.rstrip()[-1:]
    if last in OPENERS and rest[:1] == OPENERS[last]:
        # {|} → the block gets its own line and the closer sits at the outer indentation.
        text = "\n" + inner + "\n" + indent
        return NewLine(text, 1 + len(inner), delete)
    text = "\n" + inner
    return NewLine(text, len(text), delete)


PYTHON_BLOCK_ENDERS = frozenset({"return", "pass", "break", "continue", "raise"})


def _ends_block(before: str) -> bool:
    """A Python statement after which nothing more runs in the block (``return x``, ``pass``)."""
    words = before.split(None, 1)
    return bool(words) and words[0] in PYTHON_BLOCK_ENDERS


def dedent_for_closer(language: str, before: str, char: str) -> str | None:
    """Typing closer ``char`` with only indentation ``before`` the cursor: the new indentation
    (one unit less), or None when nothing changes."""
    if char not in CLOSERS or before == "" or before.strip() != "":
        return None
    return remove_one_level(language, before)


def backspace_in_indent(language: str, before: str) -> int:
    """How many characters Backspace removes when only spaces are left of the cursor: back
    to the previous indent stop (one unit), or 1 otherwise (a tab, text, the line start)."""
    if not before or before.strip(" ") != "":
        return 1
    return len(before) - len(remove_one_level(language, before))


def remove_one_level(language: str, indent: str) -> str:
    """``indent`` less one unit (a tab, or up to four spaces back to a multiple of four)."""
    if indent.endswith("\t"):
        return indent[:-1]
    spaces = len(indent) - len(indent.rstrip(" "))
    if spaces == 0:
        return indent
    width = indent_unit(language).count(" ") or 4
    drop = spaces % width or width
    return indent[: len(indent) - min(drop, spaces)]


def indent_lines(language: str, lines: list[str]) -> list[str]:
    """Tab on a selection: one more unit on every non-blank line."""
    unit = indent_unit(language)
    return [unit + line if line.strip() else line for line in lines]


def dedent_line(language: str, line: str) -> str:
    """Shift+Tab on one line: remove one unit of its leading indentation (if any)."""
    indent = leading_whitespace(line)
    return remove_one_level(language, indent) + line[len(indent) :]


def dedent_lines(language: str, lines: list[str]) -> list[str]:
    return [dedent_line(language, line) for line in lines]


def toggle_comment(language: str, lines: list[str]) -> list[str]:
    """Comment the lines (the marker at their smallest indentation) unless every non-blank one
    is already commented, then uncomment them. Blank lines are left alone."""
    marker = comment_prefix(language)
    filled = [line for line in lines if line.strip()]
    if not filled:
        return list(lines)
    if all(line.lstrip(" \t").startswith(marker) for line in filled):
        out = []
        for line in lines:
            indent = leading_whitespace(line)
            body = line[len(indent) :]
            if body.startswith(marker):
                body = body[len(marker) :]
                body = body[1:] if body.startswith(" ") else body
            out.append(indent + body)
        return out
    column = min(len(leading_whitespace(line)) for line in filled)
    return [
        line[:column] + marker + " " + line[column:] if line.strip() else line for line in lines
    ]


def closing_pair(language: str, char: str, before: str, after: str) -> str | None:
    """The character to insert after ``char`` to close its pair, or None.

    Brackets close unless the next character is a word character (typing ``(`` before ``x``
    wraps nothing) or the cursor is inside a string or char literal. Quotes close only between
    non-word characters, so ``don't`` stays one quote, and not when the line already has an
    unbalanced quote of that kind before the cursor.
    """
    nxt = after[:1]
    if nxt and (nxt.isalnum() or nxt == "_"):
        return None
    if char in OPENERS:
        # Inside a string or char literal ('(' in Java): the bracket is text, not a pair (a
        # closer put there trailed the cursor to the end of the line).
        if in_literal(language, before):
            return None
        return OPENERS[char]
    if char in QUOTES.get(language, ('"', "'")):
        prev = before[-1:]
        if prev and (prev.isalnum() or prev == "_" or prev == char):
            return None
        if before.count(char) % 2 == 1:
            return None
        return char
    return None


def in_literal(language: str, before: str) -> bool:
    """Whether the text before the cursor leaves a quote open (a string or char literal)."""
    open_quote: str | None = None
    escaped = False
    for ch in before:
        if escaped:
            escaped = False
        elif ch == "\\" and open_quote is not None:
            escaped = True
        elif open_quote is None and ch in QUOTES.get(language, ('"', "'")):
            open_quote = ch
        elif ch == open_quote:
            open_quote = None
    return open_quote is not None


def types_over(language: str, char: str, after: str) -> bool:
    """Typing a closer (or quote) that is already the next character just steps over it."""
    if not after.startswith(char):
        return False
    return char in CLOSERS or char in QUOTES.get(language, ('"', "'"))


def types_over_below(language: str, char: str, after: str, below: str, text: str) -> bool:
    """Typing closer ``char`` at the end of a line, when the next line starts with that closer
    (``{``, Enter, the body, Enter, ``}`` types the block's own closer again): step over it
    instead of adding a second one, as long as the closer there is needed (the ``text``'s
    brackets of that kind are balanced). When they are not (the opener was typed without its
    pair, before a word), the typed closer is the one missing and goes in as usual."""
    if char not in CLOSERS or after.strip(" \t") != "":
        return False
    if not below.lstrip(" \t").startswith(char):
        return False
    return unclosed(language, text, CLOSERS[char]) <= 0


def unclosed(language: str, text: str, opener: str) -> int:
    """How many ``opener`` brackets ``text`` leaves open (negative: more closers than
    openers), not counting those in strings, char literals or line comments."""
    closer = OPENERS[opener]
    marker = comment_prefix(language)
    quotes = QUOTES.get(language, ('"', "'"))
    depth = 0
    for line in text.split("\n"):
        open_quote: str | None = None
        escaped = False
        for at, ch in enumerate(line):
            if escaped:
                escaped = False
            elif open_quote is not None:
                if ch == "\\":
                    escaped = True
                elif ch == open_quote:
                    open_quote = None
            elif line.startswith(marker, at):
                break
            elif ch in quotes:
                open_quote = ch
            elif ch == opener:
                depth += 1
            elif ch == closer:
                depth -= 1
    return depth


def deletes_pair(before: str, after: str) -> bool:
    """Backspace between an empty pair (``(|)``, ``"|"``) removes both characters."""
    if not before or not after:
        return False
    pair = before[-1] + after[0]
    return pair in ("()", "[]", "{}", '""', "''", "``")
