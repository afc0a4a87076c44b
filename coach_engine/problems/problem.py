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
from sandbox.spec import EXTENSIONS, LANGUAGES, RunRequest, TestCase

from coach_engine.errors import ProblemError, ValidationError
from coach_engine.problems.schema import ProblemSpec

Origin = Literal["bundled", "user"]
TestSet = Literal["visible", "all"]

LANGUAGE_EXT: dict[str, str] = {
    lang: ext for ext, lang in reversed(list(EXTENSIONS.items()))
}  # python -> .py, cpp -> .cpp (first extension listed wins)

REQUIRED_FILES = ("generator.py", "solutions/brute.py") + tuple(
    f"solutions/reference{LANGUAGE_EXT[lang]}" for lang in LANGUAGES
)


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

    @classmethod
    def from_dir(cls, root: Traversable, origin: Origin = "bundled") -> Problem:
        """Parse and validate ``root/problem.toml``; check the required files exist.

        Raises:
            ProblemError: naming the file and the field that is wrong.
        """
        toml_file = root.joinpath("problem.toml")
        where = f"{root}/problem.toml"
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
        for rel in REQUIRED_FILES:
            if not problem.file(rel).is_file():
                field = "reference." + rel.rsplit(".", 1)[1] if "reference" in rel else rel
                raise ProblemError(f"{root}/{rel}: file not found (required: {field})")
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
        try:
            return self.file(rel).read_text(encoding="utf-8")
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
            where = f"{self._root}/tests.json"
            try:
                data = json.loads(self.read("tests.json"))
                self._tests = ProblemTests.model_validate(data)
            except json.JSONDecodeError as e:
                raise ProblemError(f"{where}: invalid JSON: {e}") from None
            except pydantic.ValidationError as e:
                raise ProblemError(describe_validation_error(where, e)) from None
        return self._tests

    def run_request(self, language: str, code: str, tests: TestSet = "visible") -> RunRequest:
        """A sandbox request judging ``code`` on the visible tests, or on visible + hidden."""
        if tests not in ("visible", "all"):
            raise ValidationError(f"unknown test set {tests!r}: use 'visible' or 'all'")
        suite = self.tests()
        cases = suite.visible if tests == "visible" else suite.all()
        return RunRequest(
            language=_check_language(language),  # type: ignore[arg-type]
            code=code,
            signature=self.signature,
            tests=[c.model_copy() for c in cases],
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
