"""Control characters in anything the TUI shows are escaped, not obeyed by the terminal.

Textual and rich build every piece of text they draw (Content, Text: chat markdown, the tests
table and detail, feedback, notifications) through a sanitizer that strips only BEL, BS, VT, FF
and CR. ``install`` makes both escape every control character instead, with the one table of
``coach_engine.controls`` — before layout, so widths stay right. ``make_app`` calls it.
"""

from __future__ import annotations

import rich.control
import textual.content

from coach_engine.api import install_control_escapes as install_table


def install() -> None:
    """Idempotent; the tables are module globals bound as default arguments."""
    install_table(rich.control._CONTROL_STRIP_TRANSLATE)
    install_table(textual.content._CONTROL_STRIP_TRANSLATE)
