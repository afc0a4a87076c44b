"""The chat with the interviewer: the message log, a typing/progress line and the input.

Streaming follows elia's UX: while the interviewer answers, sending is locked (the text stays in
the input), the log scrolls with new tokens only if it was already at the bottom, and a failed
send puts the text back.
"""

from __future__ import annotations

import re
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message as TextualMessage
from textual.reactive import reactive
from textual.widgets import Label, LoadingIndicator, Static

from coach_engine.api import ContentType, Message, Role
from coach_tui.widgets.chat.input import ChatInput
from coach_tui.widgets.chat.message import ChatMessage

FENCE = re.compile(r"```[^\n`]*\n(.*?)```", re.DOTALL)


class ChatPanel(Vertical):
    """Chat log + input. Posts ``MessageSubmitted``; the screen talks to the engine."""

    class MessageSubmitted(TextualMessage):
        """The candidate pressed enter on a non-empty line while the interviewer was idle."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    busy: reactive[bool] = reactive(False)
    """True while the interviewer is answering: shows the typing indicator, locks sending."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._streams: dict[str, ChatMessage] = {}
        self._shown: set[str] = set()
        """Stored ids of the messages in the log (loaded, or finished streaming)."""

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="chat-log", can_focus=True)
        with Horizontal(id="typing"):
            yield LoadingIndicator(id="typing-dots")
            yield Label("Interviewer is typing…")
        yield Static("", id="chat-status", markup=False)
        yield ChatInput(id="chat-input")

    def on_mount(self) -> None:
        options = getattr(self.app, "options", None)
        if options is not None and not options.animate:
            self.query_one(ChatInput).cursor_blink = False

    @property
    def log_view(self) -> VerticalScroll:
        return self.query_one("#chat-log", VerticalScroll)

    def watch_busy(self, busy: bool) -> None:
        # The typing line's own display: a class on the panel would restyle every chat message.
        self.query_one("#typing").display = busy

    def set_status(self, text: str) -> None:
        """A one-line status under the log (feedback progress); empty hides it."""
        status = self.query_one("#chat-status", Static)
        status.update(text)
        status.display = bool(text)

    # messages ----------------------------------------------------------------------------
    async def add(
        self,
        role: Role,
        content: str,
        timestamp: datetime,
        content_type: ContentType = ContentType.TEXT,
        *,
        streaming: bool = False,
    ) -> ChatMessage:
        log = self.log_view
        at_bottom = log.scroll_y >= log.max_scroll_y - 2
        bubble = ChatMessage(role, content, timestamp, content_type, streaming=streaming)
        await log.mount(bubble)
        if at_bottom:
            log.call_after_refresh(log.scroll_end, animate=False)
        return bubble

    async def load(self, messages: list[Message]) -> None:
        """Replace the log with stored messages (on open and resume)."""
        log = self.log_view
        await log.remove_children()
        self._streams.clear()
        self._shown = {m.id for m in messages}
        bubbles = [ChatMessage(m.role, m.content, m.timestamp, m.content_type) for m in messages]
        await log.mount_all(bubbles)
        log.call_after_refresh(log.scroll_end, animate=False)

    async def stream_token(self, message_id: str, token: str, timestamp: datetime) -> None:
        bubble = self._streams.get(message_id)
        if bubble is None:
            bubble = await self.add(Role.AI, "", timestamp, streaming=True)
            self._streams[message_id] = bubble
        log = self.log_view
        at_bottom = log.scroll_y >= log.max_scroll_y - 2
        await bubble.append(token)
        if at_bottom:
            log.call_after_refresh(log.scroll_end, animate=False)

    async def finish_stream(
        self,
        message_id: str,
        content: str,
        timestamp: datetime,
        kind: ContentType = ContentType.TEXT,
        stored_id: str | None = None,
    ) -> None:
        bubble = self._streams.pop(message_id, None)
        if stored_id is not None and stored_id in self._shown:
            # already in the log: a server's interviewer can greet while the log loads, so the
            # stored greeting and its events both arrive
            if bubble is not None:
                await bubble.remove()
            return
        if stored_id is not None:
            self._shown.add(stored_id)
        if bubble is None:  # no token arrived (an empty stream): show the message whole
            await self.add(Role.AI, content, timestamp, kind)
        else:
            await bubble.finish(content, timestamp, kind)
        self.log_view.call_after_refresh(self.log_view.scroll_end, animate=False)

    def last_code_block(self) -> str | None:
        """The last fenced code block said in the chat, newest message first."""
        for bubble in reversed(list(self.query(ChatMessage))):
            blocks = FENCE.findall(bubble.content)
            if blocks:
                return str(blocks[-1]).rstrip("\n") + "\n"
        return None

    # input -------------------------------------------------------------------------------
    @on(ChatInput.Submitted)
    def send_text(self, event: ChatInput.Submitted) -> None:
        event.stop()
        text = event.text.strip()
        if not text:
            return
        if self.busy:
            self.notify("The interviewer is still answering; send when it is done.", timeout=3)
            return
        event.chat_input.clear()
        self.post_message(self.MessageSubmitted(text))

    def restore_input(self, text: str) -> None:
        """Put back a message that could not be sent."""
        box = self.query_one(ChatInput)
        if not box.text:
            box.load_text(text)

    def focus_input(self) -> None:
        self.query_one(ChatInput).focus()
