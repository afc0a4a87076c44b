"""The problem list of the home screen with its filters: difficulty, topic, solved/unsolved."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message as TextualMessage
from textual.widgets import DataTable, Select

from coach_engine.api import DIFFICULTIES, TAGS, Problem, ProblemFilter


class ProblemPicker(Vertical):
    """Filters above a table of problems; enter on a row chooses it."""

    class ProblemChosen(TextualMessage):
        """The candidate pressed enter on a problem."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(
        self, difficulty: str | None = None, topic: str | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.difficulty = difficulty if difficulty in DIFFICULTIES else ""
        self.topic = topic if topic in TAGS else ""
        self.problems: list[Problem] = []
        self.solved: set[str] = set()
        self.shown: list[Problem] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Select(
                [("All levels", ""), *((d.capitalize(), d) for d in DIFFICULTIES)],
                value=self.difficulty,
                allow_blank=False,
                compact=True,
                id="filter-difficulty",
                tooltip="Filter by difficulty",
            )
            yield Select(
                [("All topics", ""), *((t, t) for t in TAGS)],
                value=self.topic,
                allow_blank=False,
                compact=True,
                id="filter-topic",
                tooltip="Filter by topic",
            )
            yield Select(
                [("Any status", ""), ("Solved", "solved"), ("Unsolved", "unsolved")],
                value="",
                allow_blank=False,
                compact=True,
                id="filter-status",
                tooltip="Solved: a completed interview with an accepted submission",
            )
        table: DataTable[Text] = DataTable(id="problems", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("✓", "Problem", "Level", "Topics")

    def set_problems(self, problems: list[Problem], solved: set[str]) -> None:
        self.problems = problems
        self.solved = solved
        self.refilter()

    def _value(self, select_id: str) -> str:
        value = self.query_one(f"#{select_id}", Select).value
        return value if isinstance(value, str) else ""

    @property
    def filters(self) -> ProblemFilter:
        """The filters as chosen (the engine draws "random" from the same ones)."""
        return ProblemFilter(
            difficulty=self._value("filter-difficulty"),
            topic=self._value("filter-topic"),
            solved=self._value("filter-status"),
        )

    @on(Select.Changed)
    def refilter(self) -> None:
        self.shown = self.filters.apply(self.problems, self.solved)
        table = self.query_one(DataTable)
        table.clear()
        for p in self.shown:
            mark = "✓" if p.slug in self.solved else ""
            cells = (mark, p.title, p.difficulty, ", ".join(p.tags))
            table.add_row(*(Text(c) for c in cells), key=p.slug)  # titles of user packs: text

    @property
    def highlighted_slug(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.shown:
            return None
        return self.shown[min(max(table.cursor_row, 0), len(self.shown) - 1)].slug

    def highlight(self, slug: str) -> None:
        index = next((i for i, p in enumerate(self.shown) if p.slug == slug), None)
        if index is not None:
            self.query_one(DataTable).move_cursor(row=index)

    @on(DataTable.RowSelected, "#problems")
    def choose_row(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.ProblemChosen(event.row_key.value))
