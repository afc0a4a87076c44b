"""The problem list of the home screen: a search box (title, slug, tag), a sort that cycles
(difficulty, acceptance, last attempted), filters (difficulty, topic, solved/unsolved) and the
table. Matching and ordering are the engine's (``search_problems``, ``sort_problems``): the CLI
and the server list the same problems for the same query.

The rows come from the engine's cached listing (``Interviews.listing``: summaries, no problem
parsed) and are in the table before the home screen's first frame; a person's record (✓, the
sort figures) follows from the database and redraws the table only when it changed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message as TextualMessage
from textual.widgets import DataTable, Input, Select, Static

from coach_engine.api import (
    SORT_LABELS,
    SORTS,
    ProblemFilter,
    ProblemStats,
    ProblemSummary,
    search_problems,
    sort_problems,
)
from coach_tui.keymap import bindings

COLUMNS = ("✓", "Problem", "Level", "Topics")
STAT_COLUMNS = {"acceptance": "Acc.", "last-attempted": "Last"}
START_PANEL = 36  # home.tcss #start-panel's width
MIN_TITLE = 14
TOPICS_MIN = 6  # the topics are last: a few letters of them, the rest may run off
"""The figure a sort orders by gets its own column, so the order can be read."""


class SearchBox(Input):
    """The search input: typing filters live; enter or down moves to the results, escape
    clears the query (or, when empty, moves to the results)."""

    BINDINGS = bindings("search")  # esc (back): clear the query, or leave the box when empty

    def action_results(self) -> None:
        # focus now, not after a message's round trip: keys read after this one go to the
        # results (keys already queued for the box still land there; Textual routes on arrival)
        self.query_ancestor(ProblemPicker).focus_results()

    def action_back(self) -> None:
        self.action_clear_or_leave()

    def action_clear_or_leave(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.action_results()


def _stat_cell(sort: str, stats: ProblemStats | None) -> str:
    if stats is None:
        return ""
    if sort == "acceptance":
        rate = stats.acceptance
        return "" if rate is None else f"{rate:.0%}"
    if stats.last_attempted is None:
        return ""
    return stats.last_attempted.astimezone().strftime("%m-%d")


class ProblemPicker(Vertical):
    """Filters above a table of problems; enter on a row chooses it."""

    class ProblemChosen(TextualMessage):
        """The candidate pressed enter on a problem."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(
        self,
        problems: Sequence[ProblemSummary],
        difficulties: Sequence[str],
        tags: Sequence[str],
        difficulty: str | None = None,
        topic: str | None = None,
        *,
        id: str | None = None,
    ) -> None:
        """``problems``, ``difficulties`` and ``tags``: the engine's listing (its filters'
        choices); ``difficulty`` and ``topic`` preset the filters (unknown ones are ignored)."""
        super().__init__(id=id)
        self.problems = list(problems)
        self._laid_out_for = 0  # the table width the columns were made for
        self.difficulties = tuple(difficulties)
        self.tags = tuple(tags)
        self.difficulty = difficulty if difficulty in self.difficulties else ""
        self.topic = topic if topic in self.tags else ""
        self.solved: set[str] = set()
        self.stats: dict[str, ProblemStats] = {}
        self.sort = SORTS[0]
        self.shown: list[ProblemSummary] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-row"):
            yield SearchBox(
                placeholder="Search title, slug, tag  (/)",
                compact=True,
                id="search",
                tooltip="Type to filter: two sum, dp, hash…",
            )
            yield Static("", id="search-count")
        with Horizontal(id="filters"):
            yield Select(
                [("All levels", ""), *((d.capitalize(), d) for d in self.difficulties)],
                value=self.difficulty,
                allow_blank=False,
                compact=True,
                id="filter-difficulty",
                tooltip="Filter by difficulty",
            )
            yield Select(
                [("All topics", ""), *((t, t) for t in self.tags)],
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
        self._columns()
        self.refilter()  # the rows, before the screen's first frame

    def _title_width(self, width: int) -> int | None:
        """The Problem column's width in a table ``width`` wide: None (the longest title) when
        there is room, else what the ✓, level and sort figure leave, so those stay on screen
        (at 80x24 the level and the figure were scrolled off) and long titles end in '…'."""
        stat = 5 + 2 if self.sort in STAT_COLUMNS else 0
        room = width - 3 - (len("medium") + 2) - stat - 2 - TOPICS_MIN - 2  # 2: a scrollbar
        longest = max((len(p.title) for p in self.problems), default=0)
        return None if room >= longest else max(MIN_TITLE, room)

    def _columns(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        extra = STAT_COLUMNS.get(self.sort)
        # before the first layout the table has no size: the app's width less the start panel
        width = table.size.width or max(0, self.app.size.width - START_PANEL)
        self._laid_out_for = width
        # the figure goes before the topics, which are the widest and may run off screen
        table.add_column(COLUMNS[0])
        table.add_column(COLUMNS[1], width=self._title_width(width))
        table.add_columns(COLUMNS[2], *((extra,) if extra else ()), COLUMNS[3])

    def on_resize(self) -> None:
        width = self.query_one(DataTable).size.width
        if width and self._title_width(width) != self._title_width(self._laid_out_for):
            self._columns()
            self.refilter()

    def set_stats(self, solved: set[str], stats: dict[str, ProblemStats]) -> None:
        """A person's record as read (on opening, and back from an interview): ✓ and the sort
        figures follow. Unchanged, the table is left alone (rebuilding it restyles every row)."""
        if solved == self.solved and stats == self.stats:
            return
        self.solved = solved
        self.stats = stats
        self.refilter()

    @property
    def search_text(self) -> str:
        return self.query_one("#search", Input).value

    def cycle_sort(self) -> str:
        """The next of the engine's sorts; the list is re-ordered, the highlight kept."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._columns()
        self.refilter()
        return self.sort

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
    @on(Input.Changed, "#search")
    def refilter(self) -> None:
        kept = self.highlighted_slug
        found = search_problems(self.filters.apply(self.problems, self.solved), self.search_text)
        self.shown = sort_problems(found, self.sort, self.stats)
        table = self.query_one(DataTable)
        table.clear()
        with_stat = self.sort in STAT_COLUMNS
        for p in self.shown:
            mark = "✓" if p.slug in self.solved else ""
            cells = [mark, p.title, p.difficulty]
            if with_stat:
                cells.append(_stat_cell(self.sort, self.stats.get(p.slug)))
            cells.append(", ".join(p.tags))
            table.add_row(*(Text(c) for c in cells), key=p.slug)  # titles of user packs: text
        if kept is not None and kept != self.highlighted_slug:
            # after the refresh: moving the cursor in the same tick as the new rows paints
            # them with the columns' old widths (Textual's DataTable), cutting the titles
            self.call_after_refresh(self.highlight, kept)
        count = f"{len(self.shown)} of {len(self.problems)}" if self.problems else "…"
        label = f"{count} · by {SORT_LABELS[self.sort]} (o)"
        self.query_one("#search-count", Static).update(label)

    def focus_search(self) -> None:
        # at once, not on the next idle as ``focus()`` does, so "dp" after "/" lands in the box
        self.screen.set_focus(self.query_one("#search", Input))

    def focus_results(self) -> None:
        table = self.query_one(DataTable)
        self.screen.set_focus(table)
        if self.shown and table.cursor_row < 0:
            table.move_cursor(row=0)

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
