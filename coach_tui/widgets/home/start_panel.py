"""The right column of the home screen: language, interview kind, start/random, unfinished
sessions to resume, recent sessions and the drills line."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message as TextualMessage
from textual.widgets import Button, Label, OptionList, RadioButton, RadioSet, Select, Static
from textual.widgets.option_list import Option

from coach_engine.api import InterviewSession
from coach_tui.format import LANGUAGE_LABELS, local_date


class StartPanel(VerticalScroll):
    """Posts ``StartRequested``, ``RandomRequested`` and ``SessionPicked``."""

    class StartRequested(TextualMessage):
        """Start an interview on the highlighted problem."""

    class RandomRequested(TextualMessage):
        """Start an interview on a random problem of the current filter."""

    class SessionPicked(TextualMessage):
        """Open an earlier session (resume it, or its summary when finished)."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    def __init__(self, language: str = "python", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.default_language = language

    def compose(self) -> ComposeResult:
        yield Label("Language", classes="panel-title")
        yield Select(
            # the editor's languages, labelled (``widgets.code.languages`` would import the
            # TextArea and tree-sitter on the way to the home screen)
            [(label, lang) for lang, label in LANGUAGE_LABELS.items()],
            value=self.default_language,
            allow_blank=False,
            compact=True,
            id="start-language",
        )
        yield Label("Interview", classes="panel-title")
        with RadioSet(id="kind"):
            yield RadioButton("Coding", value=True, id="kind-coding")
            yield RadioButton("System design (soon)", disabled=True, id="kind-system-design")
            yield RadioButton("Behavioral (soon)", disabled=True, id="kind-behavioral")
        with Horizontal(classes="start-buttons"):
            yield Button("Start (s)", variant="primary", id="start")
            yield Button("Random (r)", id="random")
        yield Label("Resume", classes="panel-title")
        yield OptionList(id="unfinished")
        yield Label("Recent", classes="panel-title")
        yield OptionList(id="recent")
        yield Static("Due drills: — (drills arrive with issue #8)", id="drills-line")

    @property
    def language(self) -> str:
        value = self.query_one("#start-language", Select).value
        return value if isinstance(value, str) else self.default_language

    def set_sessions(
        self,
        unfinished: list[InterviewSession],
        recent: list[InterviewSession],
        titles: dict[str, str],
    ) -> None:
        for list_id, sessions, empty in (
            ("unfinished", unfinished, "Nothing to resume."),
            ("recent", recent, "No finished interviews yet."),
        ):
            options = self.query_one(f"#{list_id}", OptionList)
            options.clear_options()
            if not sessions:
                options.add_option(Option(empty, disabled=True))
            for s in sessions:
                title = titles.get(s.problem_slug or "", s.problem_slug or s.kind.value)
                status = s.status.value.replace("_", " ").lower()
                score = f" · {s.score}/100" if s.score is not None else ""
                prompt = Text(f"{title} · {status}{score}\n  {local_date(s.created_at)}")
                options.add_option(Option(prompt, id=s.id))
            if sessions:
                options.highlighted = 0

    def set_due_drills(self, due: int | None) -> None:
        """``None``: this engine has no drills yet (the placeholder stays)."""
        if due is not None:
            line = f"Due drills: {due} · practise with `coach drills`" if due else "Due drills: 0"
            self.query_one("#drills-line", Static).update(line)

    @on(Button.Pressed, "#start")
    def start_pressed(self) -> None:
        self.post_message(self.StartRequested())

    @on(Button.Pressed, "#random")
    def random_pressed(self) -> None:
        self.post_message(self.RandomRequested())

    @on(OptionList.OptionSelected)
    def session_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.SessionPicked(event.option.id))
