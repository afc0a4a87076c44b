"""Reading a test input a person typed, as LeetCode's "Testcase" box takes it.

The notation is LeetCode's: one argument per line, each a JSON value in the problem's wire
encoding (``sandbox.spec``), in the signature's order::

    [2,7,11,15]
    9

The problem's own example notation is accepted too, on one line or several
(``nums = [2,7,11,15], target = 9``), and so is a ``name =`` prefix on a line, and so is the
form the test results show an input in: one JSON list of every argument (``[[2,7,11,15],9]``).
Blank lines are skipped. Every mistake is a :class:`TestcaseInputError` naming the line, the
parameter, what was expected and an example of the right form taken from the problem's first
example.
"""

from __future__ import annotations

import json
import re
from typing import Any

from coach_engine.errors import ValidationError
from coach_engine.problems.leetcode import check_value
from coach_engine.problems.schema import ProblemSpec, parse_example, parse_example_input
from sandbox.spec import Param

MAX_INPUT_BYTES = 256 * 1024
"""The largest input text taken (LeetCode's box is small too; outputs stay showable)."""

_SCALAR_FORMS = {
    "int": "an integer between -2^31 and 2^31 - 1",
    "long": "an integer between -2^63 and 2^63 - 1",
    "double": "a number",
    "bool": "true or false",
    "string": "a string in double quotes",
    "char": "a one-character string in double quotes",
}


class TestcaseInputError(ValidationError):
    """A typed test input that cannot be used, with where and how to fix it.

    ``line`` is 1-based in the text as typed (None when the whole input is at fault), ``param``
    the parameter concerned, ``expected`` the form wanted, ``example`` a right value for it.
    """

    __test__ = False  # not a pytest test class
    title = "Invalid test input"

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        param: str | None = None,
        expected: str = "",
        example: str = "",
    ) -> None:
        super().__init__(message)
        self.line = line
        self.param = param
        self.expected = expected
        self.example = example


def describe_type(type_: str) -> str:
    """What a value of ``type_`` looks like, in words."""
    if type_ == "ListNode":
        return "a linked list as a JSON list of its values, [] for an empty list"
    if type_ == "TreeNode":
        return "a binary tree in LeetCode's level order, null for a missing child, [] for none"
    if type_.endswith("[][]"):
        return f"a JSON list of lists of {_plural(type_[:-4])}"
    if type_.endswith("[]"):
        return f"a JSON list of {_plural(type_[:-2])}"
    return _SCALAR_FORMS[type_]


def _plural(scalar: str) -> str:
    return {
        "int": "integers",
        "long": "integers",
        "double": "numbers",
        "bool": "true/false values",
        "string": "strings in double quotes",
        "char": "one-character strings in double quotes",
    }[scalar]


def compact(value: Any) -> str:
    """A value as LeetCode shows it: compact JSON (``[2,7,11,15]``, ``"abc"``)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def example_args(problem: ProblemSpec) -> list[Any]:
    """The first example's arguments."""
    return parse_example(problem.examples[0], problem.signature)[0]


def example_text(problem: ProblemSpec) -> str:
    """The first example's input in the box's notation: one value per line."""
    return "\n".join(compact(v) for v in example_args(problem))


def _error(
    problem: ProblemSpec, what: str, *, line: int | None, param: Param | None
) -> TestcaseInputError:
    examples = example_args(problem)
    params = problem.signature.params
    if param is None:
        names = ", ".join(p.name for p in params)
        wanted = f"{len(params)} line(s), one value per parameter ({names})"
        sample = example_text(problem)
        message = f"line {line}: {what}" if line else what[0].upper() + what[1:]
        message += f". Type {wanted}, e.g.\n{sample}"
        return TestcaseInputError(message, line=line, expected=wanted, example=sample)
    wanted = describe_type(param.type)
    sample = compact(examples[params.index(param)])
    message = f"line {line} ({param.name}, {param.type}): {what}. Expected {wanted}, e.g. {sample}"
    return TestcaseInputError(message, line=line, param=param.name, expected=wanted, example=sample)


def _json_hint(text: str, type_: str) -> str:
    """Why ``text`` is not JSON, with the usual slip named."""
    if re.search(r"\b(True|False|None)\b", text):
        return "not valid JSON (write true, false and null in lower case)"
    if "'" in text and '"' not in text:
        return "not valid JSON (strings take double quotes, not single ones)"
    try:
        json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        pass
    else:  # a whole value, then more: two values on one line
        return "more than one value on the line (type one value per line)"
    base = type_.removesuffix("[]").removesuffix("[]")
    if base in ("string", "char") and not text.startswith(("[", '"')):
        return "not valid JSON (put the text in double quotes)"
    return "not valid JSON"


def parse_testcase(text: str, problem: ProblemSpec) -> list[Any]:
    """The arguments of a typed test input, checked against the problem's signature (types,
    shapes, 32/64-bit ranges); constraints are checked by the caller.

    Raises:
        TestcaseInputError: naming the line, the parameter, the form expected and an example.
    """
    params = list(problem.signature.params)
    if not isinstance(text, str):
        raise _error(problem, "the input is not text", line=None, param=None)
    if len(text.encode("utf-8", errors="replace")) > MAX_INPUT_BYTES:
        raise _error(
            problem, f"the input is larger than {MAX_INPUT_BYTES // 1024} KB", line=None, param=None
        )
    lines = [(n, raw.strip()) for n, raw in enumerate(text.splitlines(), 1) if raw.strip()]
    if not lines:
        raise _error(problem, "the input is empty", line=None, param=None)
    first = lines[0][1]
    example_form = re.match(rf"{re.escape(params[0].name)}\s*=", first) is not None
    if (example_form and len(lines) != len(params)) or (len(params) > 1 and len(lines) == 1):
        joined = " ".join(t for _, t in lines)
        if "=" in joined:
            try:
                return parse_example_input(joined, problem.signature)
            except ValueError as exc:
                reason = str(exc)
                bad = next((p for p in params if f"value of {p.name}" in reason), None)
                if bad is None:
                    bad = next((p for p in params if f"'{p.name} = ...'" in reason), None)
                raise _error(problem, reason, line=lines[0][0], param=bad) from None
    if len(lines) == 1 and (copied := _arguments_list(lines[0][1], params)) is not None:
        return copied
    args: list[Any] = []
    for k, param in enumerate(params):
        if k >= len(lines):
            last = lines[-1][0] + 1 + (k - len(lines))
            raise _error(problem, "missing: no value was typed for it", line=last, param=param)
        number, value_text = lines[k]
        named = re.match(r"([A-Za-z_]\w*)\s*=\s*(.*)$", value_text)
        if named and not value_text.startswith('"'):
            if named.group(1) != param.name:
                raise _error(
                    problem,
                    f"this line names {named.group(1)!r}, but line {number} holds {param.name} "
                    "(one line per parameter, in the signature's order)",
                    line=number,
                    param=param,
                )
            value_text = named.group(2).strip()
        value_text = value_text.removesuffix(",").strip()
        try:
            value = json.loads(value_text)
        except json.JSONDecodeError:
            raise _error(
                problem,
                f"{_json_hint(value_text, param.type)}: {value_text[:60]!r}",
                line=number,
                param=param,
            ) from None
        if (why := check_value(value, param.type)) is not None:
            raise _error(problem, why, line=number, param=param)
        args.append(value)
    if len(lines) > len(params):
        number = lines[len(params)][0]
        raise _error(
            problem,
            f"unexpected: {problem.signature.function} takes {len(params)} parameter(s), "
            f"so the input has {len(params)} line(s)",
            line=number,
            param=None,
        )
    return args


def _arguments_list(text: str, params: list[Param]) -> list[Any] | None:
    """The arguments as the test results show a test's input: one JSON list holding every
    argument (``["rat", "car"]``), as a candidate copies it from a failing test. None when
    ``text`` is not that (it is then read the usual way, one value per line). With one parameter
    the line is taken as that parameter's value first: ``[5]`` for ``nums`` is ``nums = [5]``."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(value, list) or len(value) != len(params):
        return None
    if len(params) == 1 and check_value(value, params[0].type) is None:
        return None
    if any(check_value(v, p.type) is not None for v, p in zip(value, params, strict=True)):
        return None
    return value


def line_of(text: str, problem: ProblemSpec, param: str) -> int | None:
    """The line of ``text`` that holds ``param``'s value (for errors found after parsing)."""
    names = [p.name for p in problem.signature.params]
    lines = [n for n, raw in enumerate(text.splitlines(), 1) if raw.strip()]
    if len(lines) == len(names) and param in names:
        return lines[names.index(param)]
    return lines[0] if lines else None
