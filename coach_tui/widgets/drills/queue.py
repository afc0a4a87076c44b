"""The drill queue: due (or all open) drills, one row each — title, type, skill, due date."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, DataTable, Label

from coach_engine.api import Drill

WIDE_TITLE = 28
"""The title width the type column and the due date's year leave at least (or they go)."""
SKILL_WIDTH = 20
NARROW_SKILL = 14  # a longer skill folds onto a second line of its row
MIN_TITLE = 12

TYPE_LABELS = {
    "practice_question": "question",
    "code_exercise": "code",
    "concept_review": "concept",
    "mock_scenario": "scenario",
}


def due_text(drill: Drill) -> str:
    return drill.due_at.astimezone().strftime("%Y-%m-%d")


def scope_label(all_open: bool) -> str:
    """The checkbox's label says its state in words: the compact box shows the same mark on
    and off, only its colour differs (unreadable with NO_COLOR or 16 colours)."""
    return f"All open drills: {'on' if all_open else 'off'}"


class DrillQueue(Vertical):
    """Shows drills; the screen loads them and reacts to its messages."""

    class DrillPicked(Message):
        """The person chose a drill to work on."""

        def __init__(self, drill_id: str) -> None:
            super().__init__()
            self.drill_id = drill_id

    class ScopeChanged(Message):
        """The person switched between due drills and all open drills."""

        def __init__(self, all_open: bool) -> None:
            super().__init__()
            self.all_open = all_open

    def compose(self) -> ComposeResult:
        yield Label("Due drills", id="queue-title", classes="panel-title")
        yield Checkbox(scope_label(False), id="drills-all", compact=True)
        yield DataTable(id="drill-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="queue-empty")

    def on_mount(self) -> None:
        self._drills: list[Drill] = []
        self._width = 0
        self._layout()

    def on_resize(self) -> None:
        width = self.query_one(DataTable).size.width
        if width != self._width:
            self._width = width
            self._layout()

    def _layout(self) -> None:
        """Rebuild the columns for the table's width: the title (what the drill is) takes the
        width the others leave and wraps in it; the short columns keep their words. When that
        leaves the title under WIDE_TITLE, the type column goes and the due date drops its
        year, then a long skill folds, so at 80 columns the title still gets a readable width
        (it was cut to 'Solve Valid An')."""
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        longest = max((len(d.target_skill or "") for d in self._drills), default=5)
        for wide, cap in ((True, SKILL_WIDTH), (False, SKILL_WIDTH), (False, NARROW_SKILL)):
            skill = max(len("skill"), min(cap, longest))
            due = 10 if wide else 5
            fixed = (len("scenario") + 2 if wide else 0) + skill + 2 + due + 2
            # 2: the title's cell padding; 2 more: the vertical scrollbar when the list is long
            title = max(MIN_TITLE, self._width - fixed - 4)
            if title >= WIDE_TITLE:
                break
        table.add_column("title", width=title, key="title")
        if wide:
            table.add_column("type", key="type")
        table.add_column("skill", width=skill, key="skill")
        table.add_column("due", width=due, key="due")
        for d in self._drills:
            kind = TYPE_LABELS.get(d.drill_type.value, d.drill_type.value)
            when = due_text(d) if wide else due_text(d)[5:]
            skill_text = Text(d.target_skill or "", overflow="fold")
            cells = [Text(d.title)] + ([kind] if wide else []) + [skill_text, when]
            table.add_row(*cells, key=d.id, height=None)
        if self._drills:
            table.move_cursor(row=min(keep, len(self._drills) - 1))

    @property
    def all_open(self) -> bool:
        return self.query_one("#drills-all", Checkbox).value

    def toggle_scope(self) -> None:
        box = self.query_one("#drills-all", Checkbox)
        box.value = not box.value

    def set_drills(self, drills: list[Drill]) -> None:
        self._drills = list(drills)
        self._layout()
        scope = "open" if self.all_open else "due"
        noun = "drill" if len(drills) == 1 else "drills"
        self.query_one("#queue-title", Label).update(f"{len(drills)} {scope} {noun}")
        empty = "" if drills else f"No {scope} drills. Generate them from a feedback report."
        self.query_one("#queue-empty", Label).update(empty)

    @on(DataTable.RowSelected, "#drill-table")
    def pick_drill(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.DrillPicked(event.row_key.value))

    @on(Checkbox.Changed, "#drills-all")
    def change_scope(self, event: Checkbox.Changed) -> None:
        event.stop()
        event.checkbox.label = scope_label(event.value)
        self.post_message(self.ScopeChanged(event.value))
