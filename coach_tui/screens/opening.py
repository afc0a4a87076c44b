"""The first frame: the app's header and a line saying what is loading.

``coach interview`` paints this as soon as Textual runs, then composes the home screen (its
widgets, their styles, the problem list) and switches to it (``CoachApp.startup``). Nothing here
imports the engine or the other screens, so the first frame costs little more than Textual's own
start.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Static


class OpeningScreen(Screen[None]):
    """Shown until the home screen is ready; keys that act app-wide (quit) work already."""

    DEFAULT_CSS = """
    OpeningScreen #opening-text { width: 1fr; height: 1fr; content-align: center middle; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening the problem list…", id="opening-text")
