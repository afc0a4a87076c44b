"""One chat message: who and when on a meta line, then the text as markdown (code fences are
syntax highlighted). AI messages can stream: tokens are appended as they arrive."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Markdown
from textual.widgets.markdown import MarkdownStream

from coach_engine.api import ContentType, Role
from coach_tui.format import local_time

ROLE_LABELS = {Role.AI: "Interviewer", Role.USER: "You", Role.SYSTEM: "Coach"}


class ChatMessage(Vertical):
    """A message bubble. AI bubbles sit left, the candidate's right (see interview.tcss)."""

    def __init__(
        self,
        role: Role,
        content: str,
        timestamp: datetime,
        content_type: ContentType = ContentType.TEXT,
        *,
        streaming: bool = False,
    ) -> None:
        classes = f"-{role.value.lower()} -{content_type.value.lower()}"
        super().__init__(classes=classes + (" -streaming" if streaming else ""))
        self.role = role
        self.content = content
        self.timestamp = timestamp
        self.content_type = content_type
        self._stream: MarkdownStream | None = None

    def meta_text(self) -> str:
        kind = {ContentType.HINT: " · hint", ContentType.FEEDBACK: " · feedback"}.get(
            self.content_type, ""
        )
        return f"{ROLE_LABELS[self.role]}{kind} · {local_time(self.timestamp, False)}"

    def compose(self) -> ComposeResult:
        yield Label(self.meta_text(), classes="meta", markup=False)
        yield Markdown(self.content, classes="body")

    async def append(self, token: str) -> None:
        """Add a streamed token (rendering is batched by Textual's MarkdownStream)."""
        self.content += token
        bodies = self.query(Markdown)
        if not bodies:  # being removed (the app is closing): nothing to draw into
            return
        if self._stream is None:
            self._stream = Markdown.get_stream(bodies.first())
        await self._stream.write(token)

    async def finish(
        self, content: str, timestamp: datetime, kind: ContentType = ContentType.TEXT
    ) -> None:
        """The stream is complete: show the stored text and kind (a hint, say) exactly."""
        if not self.is_attached or not self.query(Markdown):  # closing while it streamed
            return
        if self._stream is not None:
            await self._stream.stop()
            self._stream = None
        self.content = content
        self.timestamp = timestamp
        self.remove_class(f"-{self.content_type.value.lower()}")
        self.content_type = kind
        self.add_class(f"-{kind.value.lower()}")
        self.query_one(".meta", Label).update(self.meta_text())
        await self.query_one(Markdown).update(content)
        self.remove_class("-streaming")
