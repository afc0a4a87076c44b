"""Updating a widget's text without needless work."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static


def update_text(widget: Static, text: str) -> None:
    """Show ``text`` in ``widget`` (plain text, one line or more).

    The interview clock rewrites its widgets every second. ``Static.update`` lays out the whole
    screen each time by default; a text of the same lines and widths takes the same room, so it
    only repaints the widget, and an unchanged text does nothing at all."""
    old = widget.content
    if isinstance(old, str) and old == text:
        return
    same_size = isinstance(old, str) and _shape(old) == _shape(text)
    widget.update(text, layout=not same_size)


def _shape(text: str) -> list[int]:
    return [cell_len(line) for line in text.split("\n")]
