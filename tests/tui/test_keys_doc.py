"""docs/KEYS.md lists exactly the keys the app binds."""

from __future__ import annotations

from coach_tui import keys_doc
from coach_tui.keymap import KEYMAP


def test_the_keys_document_is_current() -> None:
    assert keys_doc.DOC.read_text(encoding="utf-8") == keys_doc.render(), (
        "docs/KEYS.md is stale: run python -m coach_tui.keys_doc --write"
    )


def test_every_action_is_in_the_document() -> None:
    text = keys_doc.render().replace("\\|", "|")
    for key in KEYMAP.values():
        assert f"| `{key.all_keys}` | {key.label} |" in text, key.name
