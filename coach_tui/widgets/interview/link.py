"""The interview header's connection indicator, in remote mode only (``coach interview
--server``): the round trip while connected, "reconnecting in N s" with what waits to be sent,
"offline" with the reason. It takes the provider label's place at the right (the provider is the
server, named in its tooltip), so it fits at 80 columns. A local interview never gets one (no
``connection_*`` events), so its header is unchanged. The text says the state in words: colour
only repeats it."""

from __future__ import annotations

from textual.widgets import Static

from coach_engine.api import ConnectionQualityEvent, ConnectionStateEvent


class LinkStatus(Static):
    """One short label; mounted into the header by the first connection event."""

    DEFAULT_CSS = """
    LinkStatus { color: $text-success; dock: right; margin-right: 0; }
    LinkStatus.-fair { color: $text-warning; }
    LinkStatus.-poor, LinkStatus.-reconnecting { color: $text-warning; text-style: bold; }
    LinkStatus.-offline { color: $text-error; text-style: bold; }
    """

    def __init__(self, server: str = "") -> None:
        super().__init__("", id="hdr-link", markup=False)
        self.server = server
        self.state = "connecting"
        self.latency_ms: float | None = None

    def show_state(self, event: ConnectionStateEvent) -> None:
        data = event.data
        self.state = data.state
        if data.state != "connected":  # a new link gets its own measurement
            self.latency_ms = None
        waiting = f" ({data.pending} unsent)" if data.pending else ""
        if data.state == "connected":
            text = self._connected()
        elif data.state == "reconnecting":
            left = data.retry_in_s or 0.0
            when = f"in {left:.0f} s" if left >= 1 else "now"
            text = f"⚠ reconnecting {when}{waiting}"
        elif data.state == "offline":
            text = f"✕ offline{waiting}"
        else:
            text = "… connecting"
        self.tooltip = data.reason or self.server
        self._paint(text, data.state)

    def show_quality(self, event: ConnectionQualityEvent) -> None:
        self.latency_ms = event.data.latency_ms
        if self.state == "connected":
            self._paint(self._connected(), event.data.status)

    def _connected(self) -> str:
        if self.latency_ms is None:
            return "⇄ connected"
        return f"⇄ {self.latency_ms:.0f} ms"

    def _paint(self, text: str, level: str) -> None:
        self.update(text)
        for name in ("fair", "poor", "reconnecting", "offline"):
            self.set_class(name == level, f"-{name}")
