"""The interview header's connection label (remote mode): what each connection state reads
as, in words (colour only repeats it)."""

from __future__ import annotations

from coach_engine.api import ConnectionQualityEvent, ConnectionStateEvent
from coach_tui.widgets.interview.link import LinkStatus


def state(name: str, **data: object) -> ConnectionStateEvent:
    return ConnectionStateEvent.model_validate({"data": {"state": name, **data}})


def quality(ms: float, status: str) -> ConnectionQualityEvent:
    return ConnectionQualityEvent.model_validate(
        {"data": {"latency_ms": ms, "status": status, "packets_lost": 0}}
    )


def test_each_state_reads_in_words() -> None:
    label = LinkStatus("server http://127.0.0.1:8000")
    label.show_state(state("connecting"))
    assert str(label.content) == "… connecting"
    label.show_state(state("connected"))
    assert str(label.content) == "⇄ connected" and label.tooltip == "server http://127.0.0.1:8000"
    label.show_quality(quality(123.4, "fair"))
    assert str(label.content) == "⇄ 123 ms" and label.has_class("-fair")
    label.show_state(state("reconnecting", retry_in_s=3.6, pending=2, reason="reset"))
    assert str(label.content) == "⚠ reconnecting in 4 s (2 unsent)"
    assert label.has_class("-reconnecting") and not label.has_class("-fair")
    assert label.tooltip == "reset"
    label.show_quality(quality(5, "good"))  # a late measurement does not hide the drop
    assert "reconnecting" in str(label.content)
    label.show_state(state("reconnecting", retry_in_s=0.2))
    assert str(label.content) == "⚠ reconnecting now"
    label.show_state(state("offline", pending=1, reason="sign in again: coach login URL"))
    assert str(label.content) == "✕ offline (1 unsent)" and label.has_class("-offline")
    label.show_state(state("connected", resumed=True))  # until the new link is measured
    assert str(label.content) == "⇄ connected"
    assert not label.classes & {"-offline", "-reconnecting"}
    label.show_quality(quality(400, "poor"))
    assert str(label.content) == "⇄ 400 ms" and label.has_class("-poor")
