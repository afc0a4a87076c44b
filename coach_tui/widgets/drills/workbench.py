"""One drill at a time: its prompt, an answer box (text drills) or a code editor (code drills),
hint / skip / submit buttons and the graded outcome."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Markdown, TextArea

from coach_engine.api import Drill, DrillOutcome, DrillStatus, DrillType
from coach_tui.keymap import shown
from coach_tui.widgets.code.editor import CodeEditor
from coach_tui.widgets.code.languages import editor_language, register_languages


def outcome_markdown(outcome: DrillOutcome) -> str:
    """Score, what it rests on (covered / missed points or the test verdict), next review."""
    drill = outcome.drill
    lines = [f"### Score: {outcome.score}/100", ""]
    if outcome.run is not None:
        run = outcome.run
        lines.append(f"- verdict **{run.verdict}**: {run.passed}/{run.total} tests passed")
    else:
        lines += [f"- {detail}" for detail in outcome.details]
    lines.append("")
    if drill.status == DrillStatus.COMPLETED:
        lines.append("Mastered: this drill is complete.")
    else:
        when = drill.due_at.astimezone().strftime("%Y-%m-%d")
        days = "day" if drill.interval_days == 1 else "days"
        lines.append(f"Next review: **{when}** (in {drill.interval_days:g} {days})")
    return "\n".join(lines)


class DrillWorkbench(VerticalScroll):
    """Holds the open drill and the editors; the screen runs the engine calls."""

    class AnswerSubmitted(Message):
        def __init__(self, drill_id: str, text: str) -> None:
            super().__init__()
            self.drill_id = drill_id
            self.text = text

    class CodeSubmitted(Message):
        def __init__(self, drill_id: str, code: str, language: str) -> None:
            super().__init__()
            self.drill_id = drill_id
            self.code = code
            self.language = language

    class HintRequested(Message):
        def __init__(self, drill_id: str) -> None:
            super().__init__()
            self.drill_id = drill_id

    class SkipRequested(Message):
        def __init__(self, drill_id: str) -> None:
            super().__init__()
            self.drill_id = drill_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.drill: Drill | None = None
        self.language = "python"

    def compose(self) -> ComposeResult:
        yield Markdown("Pick a drill on the left (enter).", id="drill-prompt")
        yield TextArea("", id="drill-answer", soft_wrap=True)
        yield CodeEditor(id="drill-code")  # the interview's editor keys (indent, pairs, ctrl+/)
        with Horizontal(classes="screen-buttons", id="drill-buttons"):
            yield Button(f"Submit ({shown('submit')})", variant="primary", id="drill-submit")
            yield Button("Hint (ctrl+g)", id="drill-hint")
            yield Button(f"Skip ({shown('skip')})", variant="warning", id="drill-skip")
        yield Markdown("", id="drill-hints")
        yield Markdown("", id="drill-result")

    def on_mount(self) -> None:
        register_languages(self.code_editor)
        options = getattr(self.app, "options", None)
        if options is not None and not options.animate:
            self.answer_box.cursor_blink = False
            self.code_editor.cursor_blink = False
        self.show(None)

    @property
    def answer_box(self) -> TextArea:
        return self.query_one("#drill-answer", TextArea)

    @property
    def code_editor(self) -> CodeEditor:
        return self.query_one("#drill-code", CodeEditor)

    @property
    def is_code(self) -> bool:
        return self.drill is not None and self.drill.drill_type == DrillType.CODE_EXERCISE

    def show(self, drill: Drill | None, starter: str = "", language: str = "python") -> None:
        """Open ``drill`` (None: nothing open); a code drill's editor starts on ``starter``."""
        self.drill = drill
        self.language = language
        self.set_class(drill is None, "-empty")
        self.set_class(self.is_code, "-code")
        prompt = "Pick a drill on the left (enter)."
        if drill is not None:
            prompt = f"## {drill.title}\n\n{drill.prompt}"
        self.query_one("#drill-prompt", Markdown).update(prompt)
        self.query_one("#drill-hints", Markdown).update("")
        self.query_one("#drill-result", Markdown).update("")
        self.answer_box.load_text("")
        self.code_editor.language = editor_language(self.code_editor, language)
        self.code_editor.set_coach_language(language)
        self.code_editor.load_text(starter)
        label = f"{'Run' if self.is_code else 'Submit'} ({shown('submit')})"
        self.query_one("#drill-submit", Button).label = label
        if drill is not None:
            (self.code_editor if self.is_code else self.answer_box).focus()
        self.screen.refresh_bindings()  # the footer offers submit/hint/skip only with a drill

    def add_hint(self, hint: str) -> None:
        hints = self.query_one("#drill-hints", Markdown)
        hints.update(f"{hints.source}\n\n> Hint: {hint}".strip())

    def show_outcome(self, outcome: DrillOutcome) -> None:
        self.drill = outcome.drill
        self.query_one("#drill-result", Markdown).update(outcome_markdown(outcome))

    def show_note(self, text: str) -> None:
        self.query_one("#drill-result", Markdown).update(text)

    # requests ---------------------------------------------------------------------------------
    def request_submit(self) -> None:
        if self.drill is None:
            return
        if self.is_code:
            message: Message = self.CodeSubmitted(
                self.drill.id, self.code_editor.text, self.language
            )
        else:
            message = self.AnswerSubmitted(self.drill.id, self.answer_box.text)
        self.post_message(message)

    def request_hint(self) -> None:
        if self.drill is not None:
            self.post_message(self.HintRequested(self.drill.id))

    def request_skip(self) -> None:
        if self.drill is not None:
            self.post_message(self.SkipRequested(self.drill.id))

    @on(Button.Pressed, "#drill-submit")
    def submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.request_submit()

    @on(Button.Pressed, "#drill-hint")
    def hint_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.request_hint()

    @on(Button.Pressed, "#drill-skip")
    def skip_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.request_skip()
