"""Keys and focus (issue 14 item 5): one keymap across screens, a help screen listing the
screen's keys, a footer that keeps help and quit at 80 columns, the language switch from a key and
from the command palette, and a focus ring that changes shape (not only colour)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.actions import parse
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Footer, Input, Select, Tab, Tabs, TextArea
from tui_support import (
    fake_sandbox_engine,
    options,
    seed,
    settle,
    snapshot_engine,
    until,
)

import coach_tui.screens
import coach_tui.widgets
from coach_tui.app import CoachApp
from coach_tui.factory import StartRequest, make_app
from coach_tui.keymap import GLOBAL, KEYMAP, key_of
from coach_tui.screens.drills import DrillsScreen
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.help import HelpScreen
from coach_tui.screens.home import HomeScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.screens.summary import SummaryScreen

TEXT_SCOPES = ("interview", "drills", "note", "testcase", "code", "editor")
"""Scopes whose screens have a text area focused most of the time."""


def _classes_with_bindings() -> Iterator[type[DOMNode]]:
    yield CoachApp
    for package in (coach_tui.screens, coach_tui.widgets):
        for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(module_info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and "BINDINGS" in cls.__dict__:
                    yield cls


def _bindings(cls: type[DOMNode]) -> list[Binding]:
    return [b for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding)]


def test_every_binding_comes_from_the_keymap_and_a_key_means_one_thing() -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    where: dict[str, list[str]] = defaultdict(list)
    classes = list(_classes_with_bindings())
    assert {"CoachApp", "InterviewScreen", "DrillsScreen", "HelpScreen"} <= {
        c.__name__ for c in classes
    }
    for cls in classes:
        for binding in _bindings(cls):
            entry = key_of(binding)
            assert entry is not None, f"{cls.__name__}: {binding.key} is not from keymap.py"
            scope, key = entry
            assert scope in key.scopes.split(), f"{cls.__name__}: {key.name} outside its scopes"
            for pressed in binding.key.split(","):
                meanings[pressed].add(key.name)
                where[pressed].append(f"{cls.__name__}.{key.name}")
    clashes = {k: sorted(v) for k, v in meanings.items() if len(v) > 1}
    assert not clashes, f"one key, several actions: {clashes} ({dict(where)})"
    # The complaint of issue 14: submit and save are one key each, everywhere.
    assert meanings["ctrl+t"] == {"submit"} and meanings["ctrl+s"] == {"save"}
    assert {"interview", "drills"} <= set(KEYMAP["submit"].scopes.split())


def test_every_bound_action_is_implemented() -> None:
    for cls in _classes_with_bindings():
        for binding in _bindings(cls):
            namespace, name, _ = parse(binding.action)
            target: type[DOMNode] = App if namespace == "app" else cls
            assert callable(getattr(target, f"action_{name}", None)), (
                f"{cls.__name__}: {binding.key} → {binding.action} has no action_{name}"
            )


def test_no_key_of_a_text_screen_is_swallowed_by_the_editor() -> None:
    """A screen key that TextArea or Input also binds would never reach the screen while the
    editor or the chat has focus (unless it has priority)."""
    taken = {
        key
        for widget in (TextArea, Input)
        for cls in widget.__mro__
        for binding in cls.__dict__.get("BINDINGS", ())
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }
    for key in KEYMAP.values():
        if key.priority or not set(key.scopes.split()) & set(TEXT_SCOPES):
            continue
        swallowed = set(key.keys.split(",")) & taken
        assert not swallowed, f"{key.name}: {swallowed} is the editor's own key"
    for dangerous in ("ctrl+i", "ctrl+m", "ctrl+h", "ctrl+b"):  # tab, enter, backspace, tmux
        assert all(dangerous not in k.keys.split(",") for k in KEYMAP.values())


def footer_text(app: App[Any]) -> str:
    footer = app.screen.query_one(Footer)
    strips = app.screen._compositor.render_strips()
    return strips[footer.region.y].text


@pytest.fixture
def seeded(tmp_path: Path, utc: None) -> Iterator[tuple[Any, str, str]]:
    engine = snapshot_engine(tmp_path / "snap.sqlite")
    live, done = seed(engine)
    yield engine, live, done
    engine.close()


async def test_the_footer_keeps_help_and_quit_at_80_columns(seeded: Any) -> None:
    engine, live, done = seeded
    app = make_app(engine, StartRequest(resume_id=live), options(connect=False, animate=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        await settle(pilot)
        seen: dict[str, str] = {}

        async def check(name: str) -> None:
            await settle(pilot)
            text = footer_text(app)
            seen[name] = text
            assert "? Help" in text and "^q Quit" in text, f"{name}: {text!r}"
            # every key of the screen is in the command palette too, with its key
            titles = {command.title for command in app.get_system_commands(app.screen)}
            for binding in app.screen.BINDINGS:
                assert isinstance(binding, Binding)
                entry = key_of(binding)
                assert entry is not None
                wanted = f"{entry[1].label} ({entry[1].shown_key})"
                assert wanted in titles, f"{name}: {wanted} not in the palette"
            assert f"Keys and help ({KEYMAP['help'].all_keys})" in titles

        await check("interview")
        assert "^r Run" in seen["interview"] and "^t Submit" in seen["interview"]
        await pilot.press("f2")  # the editor focused: the code panel's keys join the footer
        await until(pilot, lambda: app.focused is not None and app.focused.id == "editor", "code")
        await check("code")
        assert "f12 $EDITOR" in seen["code"]
        await app.push_screen(FeedbackScreen(done))
        await check("feedback")
        app.pop_screen()
        await app.push_screen(SummaryScreen(done))
        await check("summary")
        app.pop_screen()
        await pilot.press("f9")  # home
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await check("home")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen), "drills")
        await check("drills")
        assert "^t Submit" not in seen["drills"]  # no drill open: nothing to submit (QA #14)
        await pilot.press("f6")
        await until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen", "dashboard")
        await check("dashboard")


async def test_help_lists_the_keys_of_the_screen_and_the_global_ones(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        await settle(pilot)
        # ? is text in the chat box; f1 opens help from anywhere.
        assert interview.chat.query_one(TextArea).has_focus
        await pilot.press("question_mark")
        await until(pilot, lambda: "?" in interview.chat.query_one(TextArea).text, "? typed")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.titles[0] == "Interview" and "Everywhere" in help_screen.titles
        listed = {key.name for keys in help_screen.groups.values() for key in keys}
        for binding in interview.BINDINGS:
            assert isinstance(binding, Binding)
            entry = key_of(binding)
            assert entry is not None and entry[1].name in listed
        assert {"quit", "help", "drills_mode", "external_editor", "toggle_comment"} <= listed
        await settle(pilot)
        shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "ctrl+t" in shown and "Submit" in shown
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is interview, "help closed")

        await pilot.press("f9")  # home: no text box has focus, so ? opens help
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help on home")
        home_help = app.screen
        assert isinstance(home_help, HelpScreen)
        assert home_help.titles[0] == "Home"
        assert "random" in {k.name for k in home_help.groups["Home"]}
        assert "submit" not in {k.name for keys in home_help.groups.values() for k in keys}
        await pilot.press("f1")  # f1 again closes it too
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "help closed")
    engine.close()


async def test_language_switch_from_its_key_and_from_the_palette(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await settle(pilot)
        assert screen.code.language == "python"
        select = screen.code.query_one("#language", Select)
        await pilot.press(KEYMAP["switch_language"].keys)
        await until(pilot, lambda: select.expanded, "the picker open")
        await pilot.press("down", "enter")  # python → javascript (the code is the starter)
        await until(pilot, lambda: screen.code.language == "javascript", "javascript")
        await until(pilot, lambda: "var twoSum" in screen.code.code, "the js starter")

        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"Language: Go")
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: screen.code.language == "go", "go from the palette")
        latest = await engine.sessions.latest_code(screen.session_id)
        assert latest is not None and latest.language == "go"  # the switch is stored
    engine.close()


def ring(widget: Widget) -> tuple[str, ...]:
    """What marks focus without colour: the frame's line types and the text style (of the part
    that shows it: a select's current value, a tab row's active tab)."""
    parts: list[Widget] = [widget]
    if isinstance(widget, Select):
        parts = list(widget.children[:1])
    elif isinstance(widget, Tabs):
        parts = [t for t in widget.query(Tab) if t.has_class("-active")]
    shape: list[str] = []
    for part in parts:
        styles = part.styles
        shape += [edge[0] for edge in (styles.border_top, styles.border_left)]
        shape.append(str(styles.text_style))
    return tuple(shape)


async def _walk_focus(pilot: Any, app: App[Any], steps: int) -> list[str]:
    """Tab through ``steps`` widgets; each must look different focused and blurred."""
    visited: list[str] = []
    for _ in range(steps):
        focused = app.focused
        assert focused is not None
        on = ring(focused)
        # tab indents in the code editor; escape leaves it (Textual's TextArea)
        leave = "escape" if getattr(focused, "tab_behavior", "") == "indent" else "tab"
        await pilot.press(leave)
        await until(pilot, lambda f=focused: app.focused is not f, "focus moved")
        await settle(pilot)
        off = ring(focused)
        name = f"{type(focused).__name__}#{focused.id}"
        assert on != off, f"{name} looks the same focused and blurred: {on}"
        visited.append(name)
    return visited


async def test_tab_moves_focus_and_the_focused_widget_changes_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        await settle(pilot)
        chain = app.screen.focus_chain
        visited = await _walk_focus(pilot, app, len(chain))
        kinds = {v.split("#")[0] for v in visited}
        assert {"ChatInput", "CodeEditor", "Select", "Tabs", "VerticalScroll"} <= kinds
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(pilot)
        visited = await _walk_focus(pilot, app, len(app.screen.focus_chain))
        assert any(v.startswith("DataTable") for v in visited)
        assert any(v.startswith("Button") for v in visited)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen), "drills")
        await settle(pilot)
        await _walk_focus(pilot, app, len(app.screen.focus_chain))
    engine.close()


def test_global_keys_are_the_apps() -> None:
    names = {key_of(b)[1].name for b in _bindings(CoachApp)}  # type: ignore[index]
    assert names == {k.name for k in KEYMAP.values() if GLOBAL in k.scopes.split()}
