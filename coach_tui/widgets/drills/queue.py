"""The drill queue: due (or all open) drills, one row each — due date, type, skill, title."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, DataTable, Label

from coach_engine.api import Drill

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
        self.query_one(DataTable).add_columns("due", "type", "skill", "title")

    @property
    def all_open(self) -> bool:
        return self.query_one("#drills-all", Checkbox).value

    def toggle_scope(self) -> None:
        box = self.query_one("#drills-all", Checkbox)
        box.value = not box.value

    def set_drills(self, drills: list[Drill]) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for d in drills:
            kind = TYPE_LABELS.get(d.drill_type.value, d.drill_type.value)
            table.add_row(due_text(d), kind, d.target_skill or "", d.title, key=d.id)
        if drills:
            table.move_cursor(row=min(keep, len(drills) - 1))
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
