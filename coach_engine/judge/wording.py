"""Counted nouns in the judge's sentences: "1 submission", "3 submissions", "no findings" —
not "3 submission(s)", which a candidate reads as a form left half filled in."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it takes ("1 hint", "2 hints", "0 hints")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def aids(hints: int, reveals: int) -> str:
    """The help taken, naming only what was used: "2 hints", "3 reveals", "1 hint and 1 reveal"."""
    parts = [counted(hints, "hint")] if hints else []
    parts += [counted(reveals, "reveal")] if reveals else []
    return " and ".join(parts) or "no hints"
