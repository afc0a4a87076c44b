"""``Problem``: a validated ``problem.toml`` plus lazy access to the files beside it.

Loading a problem reads only ``problem.toml`` (and checks that the solution files exist);
``tests.json``, solutions and the generator are read when first asked for.
"""

from __future__ import annotations

import json
import tomllib
import types
from importlib.resources.abc import Traversable
from typing import Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, PrivateAttr

from coach_engine.errors import ProblemError, ValidationError
from coach_engine.problems.leetcode import check_value
from coach_engine.problems.schema import ProblemSpec
from sandbox.spec import EXTENSIONS, LANGUAGES, RunRequest, TestCase

Origin = Literal["bundled", "user"]
TestSet = Literal["visible", "all"]

LANGUAGE_EXT: dict[str, str] = {
    lang: ext for ext, lang in reversed(list(EXTENSIONS.items()))
}  # python -> .py, cpp -> .cpp (first extension listed wins)

REQUIRED_FILES: dict[str, str] = {
    "generator.py": "the test generator",
    "solutions/brute.py": "the brute-force solution",
    **{f"solutions/reference{LANGUAGE_EXT[lang]}": f"the {lang} reference" for lang in LANGUAGES},
}
"""Files every problem directory must hold, with what each is (for error messages)."""


class ProblemTests(BaseModel):
    """The content of ``tests.json``. Hidden tests get ``hidden = True`` whatever the file says."""

    model_config = ConfigDict(extra="forbid")

    visible: list[TestCase]
    hidden: list[TestCase]

    def model_post_init(self, context: Any, /) -> None:
        for t in self.visible:
            t.hidden = False
        for t in self.hidden:
            t.hidden = True

    def all(self) -> list[TestCase]:
        return [*self.visible, *self.hidden]


def describe_validation_error(where: str, err: pydantic.ValidationError) -> str:
    """``file: field.path: message`` lines for every error pydantic found."""
    lines = []
    for e in err.errors():
        loc = ""
        for part in e["loc"]:
            loc += f"[{part}]" if isinstance(part, int) else (f".{part}" if loc else str(part))
        msg = e["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {loc or '(top level)'}: {msg}")
    return "\n".join(lines)


def _exists(node: Traversable) -> bool:
    """The node is there (a FIFO, device or socket is, though it is neither file nor dir)."""
    path = getattr(node, "exists", None)
    return bool(path()) if callable(path) else False


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError(
            f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}",
            title="Unknown language",
        )
    return language


class Problem(ProblemSpec):
    """A problem of the bank. Construct with :meth:`from_dir`."""

    _root: Traversable = PrivateAttr()
    _origin: Origin = PrivateAttr("bundled")
    _tests: ProblemTests | None = PrivateAttr(None)
    _raw_tests: str = PrivateAttr("")

    @classmethod
    def from_dir(cls, root: Traversable, origin: Origin = "bundled") -> Problem:
        """Parse and validate ``root/problem.toml``; check the required files exist.

        Raises:
            ProblemError: naming the file and the field that is wrong.
        """
        toml_file = root.joinpath("problem.toml")
        where = f"{root}/problem.toml"
        if toml_file.is_dir() or (not toml_file.is_file() and _exists(toml_file)):
            raise ProblemError(f"{where}: not a regular file (a FIFO or device would hang)")
        try:
            data = tomllib.loads(toml_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ProblemError(f"{where}: file not found") from None
        except tomllib.TOMLDecodeError as e:
            raise ProblemError(f"{where}: invalid TOML: {e}") from None
        try:
            problem = cls.model_validate(data)
        except pydantic.ValidationError as e:
            raise ProblemError(describe_validation_error(where, e)) from None
        if problem.slug != root.name:
            raise ProblemError(
                f"{where}: slug: {problem.slug!r} must equal the directory name {root.name!r}"
            )
        problem._root = root
        problem._origin = origin
        missing = [rel for rel in REQUIRED_FILES if not problem.file(rel).is_file()]
        if missing:
            raise ProblemError(
                "\n".join(f"{root}/{rel}: missing {REQUIRED_FILES[rel]}" for rel in missing)
            )
        return problem

    @property
    def root(self) -> Traversable:
        """The problem's directory."""
        return self._root

    @property
    def origin(self) -> Origin:
        """``bundled`` for the problems shipped with Coach, ``user`` for packs."""
        return self._origin

    def file(self, rel: str) -> Traversable:
        node = self._root
        for part in rel.split("/"):
            node = node.joinpath(part)
        return node

    def read(self, rel: str) -> str:
        """Text of a file of the problem directory.

        Raises:
            ProblemError: the file is missing.
        """
        node = self.file(rel)
        if node.is_dir() or (not node.is_file() and _exists(node)):
            raise ProblemError(f"{self._root}/{rel}: not a regular file")
        try:
            return node.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProblemError(f"{self._root}/{rel}: file not found") from None

    def starter(self, language: str) -> str:
        """LeetCode's starter stub for ``language``."""
        return str(getattr(self.starter_code, _check_language(language)))

    def reference(self, language: str) -> str:
        """Source of the reference solution in ``language``."""
        return self.read(f"solutions/reference{LANGUAGE_EXT[_check_language(language)]}")

    def brute(self) -> str:
        """Source of ``solutions/brute.py``."""
        return self.read("solutions/brute.py")

    def tests(self) -> ProblemTests:
        """The visible and hidden tests, read from ``tests.json`` on first use and cached.

        Raises:
            ProblemError: the file is missing or malformed (run the builder).
        """
        if self._tests is None:
            self._raw_tests = self.read("tests.json")
            self._tests = self._parse_tests()
        return self._tests

    def _parse_tests(self) -> ProblemTests:
        where = f"{self._root}/tests.json"
        try:
            return ProblemTests.model_validate(json.loads(self._raw_tests))
        except json.JSONDecodeError as e:
            raise ProblemError(f"{where}: invalid JSON: {e}") from None
        except pydantic.ValidationError as e:
            raise ProblemError(describe_validation_error(where, e)) from None

    def check(self) -> list[str]:
        """Static checks of ``tests.json`` that run none of the problem's code (safe on an
        imported pack): it parses, and every test's arguments and expected output fit the
        signature. Returns the problems found, empty when there are none."""
        try:
            suite = self.tests()
        except ProblemError as e:
            return [e.message]
        where = f"{self._root}/tests.json"
        errors = [] if suite.visible else [f"{where}: visible: no tests"]
        params, out_type = self.signature.params, self.signature.output_type()
        for section, cases in (("visible", suite.visible), ("hidden", suite.hidden)):
            for i, t in enumerate(cases):
                at = f"{where}: {section}[{i}]"
                if len(t.args) != len(params):
                    errors.append(f"{at}.args: {len(t.args)} values for {len(params)} parameters")
                    continue
                for arg, p in zip(t.args, params, strict=True):
                    if (why := check_value(arg, p.type)) is not None:
                        errors.append(f"{at}.args ({p.name}): {why}")
                if (why := check_value(t.expected, out_type)) is not None:
                    errors.append(f"{at}.expected: {why}")
        return errors

    def run_request(self, language: str, code: str, tests: TestSet = "visible") -> RunRequest:
        """A sandbox request judging ``code`` on the visible tests, or on visible + hidden.

        The request owns its test objects (parsed afresh from the cached file text), so a
        consumer that mutates them cannot corrupt later requests.
        """
        if tests not in ("visible", "all"):
            raise ValidationError(f"unknown test set {tests!r}: use 'visible' or 'all'")
        self.tests()
        suite = self._parse_tests()
        cases = suite.visible if tests == "visible" else suite.all()
        return RunRequest(
            language=_check_language(language),
            code=code,
            signature=self.signature,
            tests=cases,
            compare=self.compare,
            tolerance=self.tolerance,
            limits=self.limits,
        )

    def generator(self) -> types.ModuleType:
        """``generator.py`` executed as a fresh module (``generate``, optional ``edge_cases``
        and ``check``).

        Raises:
            ProblemError: it fails to load or has no ``generate`` function.
        """
        path = f"{self._root}/generator.py"
        module = types.ModuleType(f"coach_problem_{self.slug.replace('-', '_')}_generator")
        module.__file__ = path
        try:
            exec(compile(self.read("generator.py"), path, "exec"), module.__dict__)
        except ProblemError:
            raise
        except Exception as e:  # noqa: BLE001 - any failure of a pack's generator
            raise ProblemError(f"{path}: cannot load: {type(e).__name__}: {e}") from e
        if not callable(getattr(module, "generate", None)):
            raise ProblemError(f"{path}: generate: no `def generate(n, rng)` function")
        return module
