"""The chat's input box: a small multi-line editor where enter sends.

A single-line ``Input`` would keep only the first line of a pasted snippet; this keeps whole
pastes (code included). ``alt+enter`` or ``ctrl+j`` start a new line (terminals send the same
code for enter and shift+enter).
"""

from __future__ import annotations

from textual import events
from textual.message import Message as TextualMessage
from textual.widgets import TextArea

NEWLINE_KEYS = ("alt+enter", "ctrl+j", "shift+enter")


class ChatInput(TextArea):
    """Posts ``Submitted`` on enter; the panel decides whether it may be sent."""

    class Submitted(TextualMessage):
        """Enter was pressed; ``text`` is the whole input."""

        def __init__(self, chat_input: ChatInput, text: str) -> None:
            super().__init__()
            self.chat_input = chat_input
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder="Message the interviewer (enter sends, alt+enter new line)",
        )

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        await super()._on_key(event)
