"""Running a solution file against a problem's tests, outside an interview (``coach run``).

Everything a front end would otherwise decide itself: the language of a file from its extension,
the isolation backend (a named one, else ``sandbox.backend``, with the ``allow_unsafe`` consent),
and a build cache that works on a read-only or full data directory. The CLI and a server call
``run_solution`` (and ``run_custom_input`` for a typed input, ``coach run --input``); the
interview's runs go through ``InterviewService`` and ``UserEngine.custom_input`` instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from coach_engine.errors import ValidationError

if TYPE_CHECKING:
    from coach_engine.config import Config
    from coach_engine.custom_input import CustomRun
    from coach_engine.problems import ProblemBank
    from sandbox.spec import RunResult

log = logging.getLogger(__name__)

Note = Callable[[str], None]
"""Where a non-fatal remark goes (the CLI prints it on stderr)."""


def language_of(filename: str, language: str | None = None) -> str:
    """``language`` when given, else the language of ``filename``'s extension — ``coach run``'s
    and ``coach drills run --file``'s one rule.

    Raises:
        ValidationError: the extension is not one of a supported language's, or it is one
            and ``language`` names another (a ``.py`` file run as Java is a mistake).
    """
    from sandbox.spec import EXTENSIONS

    if language is not None:
        implied = EXTENSIONS.get(Path(filename).suffix.lower())
        if implied is not None and implied != language:
            raise ValidationError(
                f"{Path(filename).name!r} is {implied} by its extension but --lang says "
                f"{language}; drop --lang or pass --lang {implied}",
                title="Language mismatch",
            )
        return language
    try:
        return EXTENSIONS[Path(filename).suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise ValidationError(
            f"cannot tell the language of {Path(filename).name!r} from its extension; use one "
            f"of {known} or pass --lang",
            title="Unknown language",
        ) from None


def resolve_backend(flag: str | None, config: Config | None = None) -> str:
    """The isolation backend: ``flag`` (naming one is the explicit choice, ``unsafe`` included),
    else ``sandbox.backend`` from the configuration — the engine's one policy
    (``coach_engine.sandbox_policy``), checked before any code is read or run.

    Raises:
        ValidationError: ``flag`` is not a backend.
        ConfigError: the configuration asks for unsafe without consenting to it.
    """
    from coach_engine.sandbox_policy import BACKENDS, sandbox_settings

    if flag is not None and flag not in BACKENDS:
        raise ValidationError(f"unknown backend {flag!r}; use bwrap, docker or unsafe")
    if flag:
        return flag  # a corrupt config.toml does not stop a run on a named backend
    if config is None:
        from coach_engine import config as config_mod

        config = config_mod.load()
    return sandbox_settings(config).backend


def build_cache(note: Note | None = None) -> Path | None:
    """The build cache to use: None (the default one) when it is writable, else a temporary
    one for this process, so a read-only or full data directory still runs code."""
    import atexit
    import shutil
    import tempfile

    from sandbox.cache import default_cache_dir

    root = default_cache_dir()
    try:
        (root / ".toolchain").mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root):
            pass
        return None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        tmp = Path(tempfile.mkdtemp(prefix="coach-build-cache-"))  # TMPDIR's errors are clear
        atexit.register(shutil.rmtree, tmp, True)
        message = (
            f"Note: the build cache {root} is not writable ({reason}); using a temporary one "
            "for this run (builds are not kept)"
        )
        (note or log.warning)(message)
        return tmp


def run_solution(
    problem: str,
    code: str,
    language: str,
    *,
    tests: Literal["visible", "all"] = "visible",
    backend: str | None = None,
    bank: ProblemBank | None = None,
    note: Note | None = None,
) -> RunResult:
    """Judge ``code`` on problem ``problem``'s visible (or all) tests in the sandbox.

    The backend is checked before anything runs; the result names the problem.

    Raises:
        ValidationError, ConfigError: a bad backend (see ``resolve_backend``).
        ProblemError: no such problem.
        SandboxError: the code cannot be run here (toolchain or isolation missing).
    """
    from coach_engine import config as config_mod
    from coach_engine.sandbox_policy import SandboxPolicy

    chosen = resolve_backend(backend)
    if bank is None:
        from coach_engine.problems import ProblemBank

        bank = ProblemBank()
    spec = bank.get(problem)
    request = spec.run_request(language, code, tests)
    # the settings' limits (sandbox.time_ms, .memory_mb) act here as in an interview
    policy = SandboxPolicy(config_mod.load(), backend=chosen, cache_dir=build_cache(note))
    result = policy(request)
    result.problem = spec.slug
    return result


def run_custom_input(
    problem: str,
    code: str,
    language: str,
    text: str,
    *,
    backend: str | None = None,
    bank: ProblemBank | None = None,
    note: Note | None = None,
) -> CustomRun:
    """Run ``code`` and the problem's reference on an input a person typed (``coach run
    --input``): both outputs and whether they agree (``coach_engine.custom_input``).

    The backend is checked before the input or the code is read.

    Raises:
        TestcaseInputError: the input is malformed or breaks a constraint (a ValidationError).
        ValidationError, ConfigError: a bad backend (see ``resolve_backend``).
        ProblemError: no such problem.
        SandboxError: the code cannot be run here (toolchain or isolation missing).
    """
    from coach_engine import config as config_mod
    from coach_engine.custom_input import run_custom
    from coach_engine.sandbox_policy import SandboxPolicy

    chosen = resolve_backend(backend)
    if bank is None:
        from coach_engine.problems import ProblemBank

        bank = ProblemBank()
    spec = bank.get(problem)
    policy = SandboxPolicy(config_mod.load(), backend=chosen, cache_dir=build_cache(note))
    return run_custom(spec, language, code, text, policy)
