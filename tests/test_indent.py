"""The editor's indentation rules per language (pure functions; the Pilot tests type them)."""

from __future__ import annotations

import pytest

from coach_tui.widgets.code.indent import (
    NewLine,
    backspace_in_indent,
    closing_pair,
    dedent_for_closer,
    dedent_line,
    dedent_lines,
    deletes_pair,
    indent_lines,
    indent_unit,
    newline,
    opens_block,
    toggle_comment,
    types_over,
    types_over_below,
    unclosed,
)

BRACE_LANGUAGES = ("javascript", "java", "cpp", "go")
ALL = ("python", *BRACE_LANGUAGES)


@pytest.mark.parametrize("language", ALL)
def test_the_indent_unit_is_four_spaces_and_a_tab_in_go(language: str) -> None:
    assert indent_unit(language) == ("\t" if language == "go" else "    ")


@pytest.mark.parametrize("language", ALL)
def test_enter_keeps_the_indentation_of_a_plain_line(language: str) -> None:
    unit = indent_unit(language)
    result = newline(language, unit * 2 + "x = 1", "")
    assert result == NewLine("\n" + unit * 2, 1 + len(unit * 2))


def test_enter_after_a_python_block_ender_dedents() -> None:
    assert newline("python", "        return x", "").text == "\n    "
    assert newline("python", "    pass", "").text == "\n"
    assert newline("python", "    returned = 1", "").text == "\n    "  # a name, not the keyword
    assert newline("python", "    return [", "").text == "\n        "  # an open bracket wins
    assert newline("javascript", "    return x;", "").text == "\n    "  # braces close blocks


def test_enter_after_a_colon_indents_in_python_only() -> None:
    assert newline("python", "    if x:", "").text == "\n        "
    assert newline("python", "if x:  # comment", "").text == "\n    "
    assert newline("javascript", "case 1:", "").text == "\n"
    assert newline("go", "\tcase 1:", "").text == "\n\t"


@pytest.mark.parametrize("language", ALL)
@pytest.mark.parametrize("opener", ["{", "(", "["])
def test_enter_after_an_opener_indents_one_level(language: str, opener: str) -> None:
    unit = indent_unit(language)
    assert newline(language, unit + "call" + opener, "").text == "\n" + unit * 2
    assert opens_block(language, "f" + opener)


@pytest.mark.parametrize("language", ALL)
def test_enter_between_a_pair_puts_the_closer_on_its_own_line(language: str) -> None:
    unit = indent_unit(language)
    result = newline(language, unit + "if (x) {", "}")
    assert result.text == "\n" + unit * 2 + "\n" + unit
    assert result.cursor == 1 + len(unit * 2)  # the cursor sits on the inner line
    assert result.delete_after == 0


def test_enter_on_a_blank_indented_line_leaves_no_trailing_whitespace() -> None:
    result = newline("python", "        ", "")
    assert result == NewLine("\n        ", 9, 0, delete_before=8)


def test_backspace_in_the_indentation_goes_back_one_level() -> None:
    assert backspace_in_indent("python", "        ") == 4
    assert backspace_in_indent("python", "      ") == 2  # to the previous multiple of four
    assert backspace_in_indent("python", "    x ") == 1  # after text: one character
    assert backspace_in_indent("go", "\t\t") == 1
    assert backspace_in_indent("java", "") == 1


def test_enter_drops_the_blanks_that_would_start_the_new_line() -> None:
    result = newline("java", "int x = 1;", "   y();")
    assert result.delete_after == 3 and result.text == "\n"


@pytest.mark.parametrize("language", ALL)
@pytest.mark.parametrize("closer", ["}", ")", "]"])
def test_a_closer_on_a_blank_indented_line_dedents_it(language: str, closer: str) -> None:
    unit = indent_unit(language)
    assert dedent_for_closer(language, unit * 2, closer) == unit
    assert dedent_for_closer(language, unit + "x", closer) is None  # code before it: unchanged
    assert dedent_for_closer(language, "", closer) is None
    assert dedent_for_closer(language, unit, "a") is None


def test_dedent_goes_back_to_the_previous_multiple_of_four() -> None:
    assert dedent_line("python", "      x") == "    x"
    assert dedent_line("python", "  x") == "x"
    assert dedent_line("python", "x") == "x"
    assert dedent_line("go", "\t\tx") == "\tx"


@pytest.mark.parametrize("language", ALL)
def test_tab_and_shift_tab_indent_and_dedent_lines(language: str) -> None:
    unit = indent_unit(language)
    lines = ["a", "", unit + "b"]
    indented = indent_lines(language, lines)
    assert indented == [unit + "a", "", unit * 2 + "b"]  # blank lines stay blank
    assert dedent_lines(language, indented) == lines


@pytest.mark.parametrize("language", ALL)
def test_comments_toggle_on_and_off(language: str) -> None:
    mark = "#" if language == "python" else "//"
    unit = indent_unit(language)
    lines = [unit + "a", unit * 2 + "b", ""]
    commented = toggle_comment(language, lines)
    assert commented == [f"{unit}{mark} a", f"{unit}{mark} {unit}b", ""]
    assert toggle_comment(language, commented) == lines
    # A mix of commented and plain lines is commented as a whole first.
    mixed = [f"{mark} a", "b"]
    assert toggle_comment(language, mixed) == [f"{mark} {mark} a", f"{mark} b"]


@pytest.mark.parametrize("language", ALL)
def test_brackets_and_quotes_close_and_are_typed_over(language: str) -> None:
    assert closing_pair(language, "(", "f", "") == ")"
    assert closing_pair(language, "[", "", ")") == "]"
    assert closing_pair(language, "{", "", "x") is None  # before a word: no pair
    assert closing_pair(language, '"', "s = ", "") == '"'
    assert closing_pair(language, "'", "don", "") is None  # an apostrophe, not a string
    assert closing_pair(language, '"', 's = "abc', "") is None  # closing an open string
    assert types_over(language, ")", ")")
    assert types_over(language, '"', '"')
    assert not types_over(language, ")", "")
    assert not types_over(language, "a", "a")


def test_a_closer_steps_over_the_next_lines_closer_only_when_the_brackets_balance() -> None:
    balanced = "if (a) {\n    f(b);\n    \n}"
    assert types_over_below("java", "}", "", "}", balanced)
    assert types_over_below("java", "}", "  ", "    } else {", balanced)
    assert not types_over_below("java", "}", "x", "}", balanced)  # code right of the cursor
    assert not types_over_below("java", ")", "", "}", balanced)  # another closer below
    assert not types_over_below("java", "}", "", "}", "if (a) {\n    if (b) {\n    \n}")
    # Brackets in strings, char literals and comments are text, not blocks.
    assert unclosed("java", "f(\"{\", '{'); // {\n{", "{") == 1
    assert unclosed("python", 's = "\\"{"  # {', "{") == 0
    assert unclosed("go", "}}", "{") == -2


def test_backticks_pair_in_javascript_and_go_only() -> None:
    assert closing_pair("javascript", "`", "", "") == "`"
    assert closing_pair("go", "`", "", "") == "`"
    assert closing_pair("python", "`", "", "") is None


def test_backspace_in_an_empty_pair_removes_both() -> None:
    assert deletes_pair("f(", ")")
    assert deletes_pair('"', '"')
    assert not deletes_pair("f(", "x)")
    assert not deletes_pair("", ")")
