"""Source-text helpers for the generators: line counting and a comment/string blanker.

The generators look at candidate code only to decide what to add around it (which Go packages to
import, whether the candidate already defined ``ListNode``). Scanning raw text would be fooled by
``// sort.Ints later`` or ``"class ListNode"``, so they scan a copy with comments and literal
contents blanked out. Offsets and line numbers are kept, so a match position is a real position.
"""

from __future__ import annotations

import re


def normalize(code: str) -> str:
    """Unify line endings (pastes from Windows) and end with exactly one newline."""
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    return code.rstrip("\n") + "\n"


def count_lines(code: str) -> int:
    """Lines in ``code`` as a compiler numbers them (a final newline does not open a line)."""
    if not code:
        return 0
    return code.count("\n") + (0 if code.endswith("\n") else 1)


def blank_literals(code: str, *, backtick_raw: bool = False) -> str:
    """Return ``code`` with C-family comments and string/char literal contents replaced by spaces.

    Handles ``//`` and ``/* */`` comments, ``"..."`` and ``'...'`` literals with backslash escapes
    and, when ``backtick_raw`` (Go), raw ``` `...` ``` strings. Newlines are kept everywhere, so
    line numbers and offsets of the result match the input. The quotes themselves are kept.
    """
    out = list(code)
    i, n = 0, len(code)

    def blank(start: int, end: int) -> None:
        for k in range(start, min(end, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = code[i]
        if c == "/" and code.startswith("//", i):
            end = code.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif c == "/" and code.startswith("/*", i):
            end = code.find("*/", i + 2)
            end = n if end < 0 else end + 2
            blank(i, end)
            i = end
        elif c in "\"'" or (c == "`" and backtick_raw):
            j = i + 1
            while j < n and code[j] != c:
                if code[j] == "\\" and c != "`":
                    j += 1
                elif code[j] == "\n" and c != "`":
                    break  # unterminated literal: stop at the line end, as compilers do
                j += 1
            blank(i + 1, j)
            i = j + 1
        else:
            i += 1
    return "".join(out)


def defines_type(code: str, name: str, keywords: tuple[str, ...]) -> bool:
    """Whether blanked ``code`` defines type ``name`` with one of ``keywords`` (class/struct/type).

    Only definitions with a body count: a C++ forward declaration ``struct ListNode;`` still needs
    the driver's definition.
    """
    kw = "|".join(re.escape(k) for k in keywords)
    return re.search(rf"\b(?:{kw})\s+{re.escape(name)}\b[^;{{}}]*\{{", code) is not None
