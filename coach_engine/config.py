"""Configuration: ``config.toml`` in the data directory, then ``COACH_*`` environment overrides.

``Config`` is a pydantic-settings model. Precedence (highest first): values passed to
``Config(...)``, the environment, ``config.toml`` (read by ``load``), then the defaults below.
Every setting has one environment variable: ``COACH_<SECTION>__<NAME>`` (``__`` separates the
section from the name), e.g. ``COACH_SANDBOX__BACKEND=docker``; a whole section may be given as
JSON (``COACH_SANDBOX='{"time_ms": 500}'``). The names documented before pydantic-settings keep
working as aliases (``LEGACY_ENV``): ``COACH_PROVIDER``, ``COACH_MODEL``, ``COACH_BASE_URL``,
``COACH_SANDBOX_BACKEND`` and the usual key variables ``OPENAI_API_KEY``, ``ANTHROPIC_API_KEY``,
``COACH_API_KEY``; when both an alias and the ``COACH_<SECTION>__<NAME>`` name are set, the latter
wins. Empty variables are ignored.

``coach config set`` edits the file with tomlkit so the person's comments and layout survive, and
validates the new value against this schema before anything is written. API keys are
``SecretStr``: they print as ``**********``, error messages never quote them, and nothing here
logs or stores them; the sandbox gets ``sandbox.*`` only (``coach_engine.sandbox_policy``).
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError as PydanticValidationError,
    create_model,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from coach_engine import locations
from coach_engine.errors import ConfigError

ProviderName = Literal["offline", "openai", "anthropic", "openai-compatible"]


class _Section(BaseModel):
    # The docstring under each field is its description (`coach config show`), read from this
    # file by `field` when first asked for: pydantic's use_attribute_docstrings would parse the
    # source of every section at import, a cost every command that opens the engine would pay.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ProviderConfig(_Section):
    name: ProviderName = "offline"
    """Which interviewer drives the conversation: offline (built in), openai, anthropic or
    openai-compatible (Ollama, llama.cpp server, vLLM, LM Studio — set base_url)."""
    model: str = Field("", max_length=200)
    """Model id, e.g. gpt-4o-mini or claude-3-5-haiku-latest; empty means the provider's default."""
    base_url: str = Field("", max_length=2048)
    """Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1."""
    timeout_s: float = Field(60.0, gt=0, le=600)
    """Per-call timeout in seconds."""
    fallback_offline: bool = True
    """When the provider cannot be reached, continue with the offline interviewer."""


class KeysConfig(_Section):
    openai: SecretStr = SecretStr("")
    """OpenAI API key (OPENAI_API_KEY wins when set)."""
    anthropic: SecretStr = SecretStr("")
    """Anthropic API key (ANTHROPIC_API_KEY wins when set)."""
    openai_compatible: SecretStr = SecretStr("")
    """Key for an OpenAI-compatible server, if it needs one (COACH_API_KEY wins when set)."""


class BudgetConfig(_Section):
    per_feedback_usd: float = Field(0.10, ge=0)
    """Most a single feedback run may spend on a hosted model."""
    per_day_usd: float = Field(1.00, ge=0)
    """Most all calls of one day may spend."""


class SandboxConfig(_Section):
    backend: Literal["bwrap", "docker", "unsafe"] = "bwrap"
    """Isolation backend: bwrap (bubblewrap namespaces, default), docker, or unsafe (no
    isolation, only rlimits — for machines without user namespaces, at your own risk)."""
    allow_unsafe: bool = False
    """Must be true for the unsafe backend to run anything."""
    time_ms: int = Field(2000, ge=10, le=60_000)
    """Default CPU time per test when a problem does not set one."""
    memory_mb: int = Field(256, ge=32, le=4096)
    """Default memory limit when a problem does not set one."""
    workers: int = Field(0, ge=0, le=256)
    """Sandbox runs at once in this process (more wait in a queue, fair across users);
    0: the number of CPUs."""
    queued_per_user: int = Field(8, ge=1, le=1000)
    """Runs one user may have waiting for the sandbox; one more is refused until some finish."""
    warm: int = Field(2, ge=0, le=64)
    """Sandboxes kept started ahead of their runs (bwrap), so a run skips the sandbox's set-up;
    each serves one run and is replaced in the background. 0: start each run's sandbox then."""


class InterviewConfig(_Section):
    duration_minutes: int = Field(45, ge=5, le=240)
    """Length of a coding interview."""
    language: Literal["python", "javascript", "java", "cpp", "go"] = "python"
    """Language the editor starts in."""
    autosave_seconds: int = Field(10, ge=2, le=300)
    """How often the editor's code is saved during non-stop typing (a pause in typing saves
    it within a second anyway)."""
    watch_file: bool = False
    """Keep the solution as a file in the session's data directory that the TUI watches and
    reloads (edit it in your own editor); the same as ``coach interview --watch``."""


class UIConfig(_Section):
    theme: Literal["dark", "light"] = "dark"
    """TUI colour theme."""


class ServerConfig(_Section):
    secret: SecretStr = SecretStr("")
    """Key that signs the server's access tokens (HS256); empty: a random one is generated on
    the first ``coach serve`` and kept in ``server.secret`` (mode 0600) in the data directory."""
    cors_origins: str = Field("", max_length=4096)
    """Web origins allowed to call the server from a browser, comma-separated
    (``https://a.example,https://b.example``); empty: CORS off."""
    feedback_per_hour: int = Field(20, ge=1, le=100_000)
    """Feedback requests one user may make per hour (more get 429 with Retry-After)."""
    drill_sets_per_hour: int = Field(10, ge=1, le=100_000)
    """Drill sets one user may generate per hour."""
    sessions_per_day: int = Field(50, ge=1, le=100_000)
    """Interview sessions one user may create per day."""
    max_body_kb: int = Field(1024, ge=1, le=65_536)
    """Largest request body the server reads, in KiB (larger: 413)."""
    max_frame_kb: int = Field(256, ge=1, le=16_384)
    """Largest WebSocket message the server accepts, in KiB (larger closes the socket, 1009)."""


ENV_PREFIX = "COACH_"
ENV_DELIMITER = "__"

LEGACY_ENV: dict[str, str] = {
    "COACH_PROVIDER": "provider.name",
    "COACH_MODEL": "provider.model",
    "COACH_BASE_URL": "provider.base_url",
    "COACH_SANDBOX_BACKEND": "sandbox.backend",
    "OPENAI_API_KEY": "keys.openai",
    "ANTHROPIC_API_KEY": "keys.anthropic",
    "COACH_API_KEY": "keys.openai_compatible",
}
"""Environment names documented before ``COACH_<SECTION>__<NAME>``: each is an alias of a
setting, still honoured (the key variables are the names every tool uses)."""

_file_data: ContextVar[Mapping[str, Any]] = ContextVar(
    "coach_config_file", default=MappingProxyType({})
)


def env_name(key: str) -> str:
    """The variable of a dotted key: ``sandbox.time_ms`` -> ``COACH_SANDBOX__TIME_MS``."""
    section, _, name = key.partition(".")
    return f"{ENV_PREFIX}{section.upper()}{ENV_DELIMITER}{name.upper()}"


def env_names(key: str) -> list[str]:
    """Every environment variable that sets ``key``, the one that wins first."""
    return [env_name(key), *(old for old, target in LEGACY_ENV.items() if target == key)]


class _Environment(EnvSettingsSource):
    """``COACH_<SECTION>__<NAME>`` variables, with the ``LEGACY_ENV`` aliases renamed to them
    before pydantic-settings reads them (``COACH_PROVIDER`` would otherwise be taken as the
    whole ``provider`` section, as JSON)."""

    def __init__(self, settings_cls: type[BaseSettings]) -> None:
        super().__init__(settings_cls)
        env = dict(self.env_vars)
        for old, key in LEGACY_ENV.items():
            value = env.pop(old.lower(), None)
            if value is not None:
                env.setdefault(env_name(key).lower(), value)
        self.env_vars = env


class _ConfigFile(PydanticBaseSettingsSource):
    """The parsed ``config.toml`` that ``load`` is reading (nothing outside ``load``)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return _file_data.get().get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(_file_data.get())


class Config(BaseSettings):
    """Every setting, by section. ``Config(...)`` (and ``model_validate``, a ``BaseSettings``
    runs its sources there too) reads the environment but not the file: use ``load``, or
    ``load(environ=False)`` for the file alone."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_DELIMITER,
        env_ignore_empty=True,
        case_sensitive=False,
        extra="forbid",
        validate_assignment=True,
    )

    provider: ProviderConfig = Field(default_factory=ProviderConfig)
    keys: KeysConfig = Field(default_factory=KeysConfig)
    budget: BudgetConfig = Field(default_factory=BudgetConfig)
    sandbox: SandboxConfig = Field(default_factory=SandboxConfig)
    interview: InterviewConfig = Field(default_factory=InterviewConfig)
    ui: UIConfig = Field(default_factory=UIConfig)
    server: ServerConfig = Field(default_factory=ServerConfig)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # no .env file and no secrets directory: config.toml is the one file Coach reads
        return init_settings, _Environment(settings_cls), _ConfigFile(settings_cls)

    def api_key(self, provider: str) -> str:
        """The key for ``provider`` (its environment variable wins over the file), or ''."""
        secret = getattr(self.keys, provider.replace("-", "_"), None)
        return secret.get_secret_value() if isinstance(secret, SecretStr) else ""


_Schema = create_model(  # type: ignore[call-overload]
    "_Schema",
    __base__=_Section,
    **{name: (info.annotation, info) for name, info in Config.model_fields.items()},
)
"""``Config``'s fields as a plain model: validates data (a file, a candidate edit) without the
environment (a ``BaseSettings`` reads it even in ``model_validate``)."""


MAX_CONFIG_BYTES = 1 << 20
"""A config file is a few hundred bytes; anything past 1 MB is not one."""


def _read_text(path: Path) -> str | None:
    """The file's text, or None when there is none. Only a regular UTF-8 file up to 1 MB is
    read: a FIFO or a device named config.toml must not hang or exhaust memory."""
    corrupt = "Corrupt config.toml"
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(
            f"{path} is not a regular file; move it away so Coach can create a config file there",
            title=corrupt,
        )
    if st.st_size > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path} is {st.st_size} bytes, over the 1 MB a config file can be; fix it, or move "
            "it away to start from defaults",
            title=corrupt,
        )
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path} is not UTF-8 text (byte {exc.start} is invalid); save it as UTF-8, or move "
            "it away to start from defaults",
            title=corrupt,
        ) from None


def _read_file(path: Path) -> dict[str, Any]:
    text = _read_text(path)
    if text is None:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path} is not valid TOML ({exc}); fix it, or move it away to start from defaults",
            title="Corrupt config.toml",
        ) from None


def _describe(exc: PydanticValidationError, source: str) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{source}: {where}: {first['msg']}"


def load(path: Path | None = None, *, environ: bool = True) -> Config:
    """Load the configuration: ``config.toml`` (``path``), then the environment over it
    (``environ=False``: the file alone).

    Raises:
        ConfigError: the file is not TOML, has an unknown key or a bad value, or an environment
            variable has a bad value (the message names the key and the file or the variable).
    """
    path = path or locations.config_path()
    data = _read_file(path)
    try:
        from_file = _Schema.model_validate(data)  # the file alone first, so an error names it
    except PydanticValidationError as exc:
        raise ConfigError(
            _describe(exc, str(path)) + "; fix the file or `coach config set` it"
        ) from None
    if not environ:
        return Config.model_construct(**from_file.__dict__)  # validated just above
    token = _file_data.set(data)
    try:
        return Config()
    except PydanticValidationError as exc:
        first = exc.errors()[0]["loc"]
        key = ".".join(str(p) for p in first[:2])
        raise ConfigError(_describe(exc, f"environment variable {_set_var(key)}")) from None
    except SettingsError:  # a whole section given as a variable, and not as JSON
        var = next(
            (v for s in Config.model_fields if os.environ.get(v := f"{ENV_PREFIX}{s.upper()}")),
            f"{ENV_PREFIX}<SECTION>",
        )
        raise ConfigError(
            f"environment variable {var}: not a JSON object; set one setting with "
            f"{var}{ENV_DELIMITER}<NAME> instead (e.g. {env_name('sandbox.backend')})"
        ) from None
    finally:
        _file_data.reset(token)


def _set_var(key: str) -> str:
    """The environment variable that set ``key`` (the one that won), for error messages."""
    for name in env_names(key):
        if os.environ.get(name):
            return name
    section = key.partition(".")[0]
    return f"{ENV_PREFIX}{section.upper()}"


def source(key: str, path: Path | None = None) -> str:
    """Where the effective value of ``key`` comes from: an environment variable's name,
    ``config.toml``, or ``default``."""
    section, name = _split(key)
    for var in env_names(key):
        if os.environ.get(var):
            return var
    data = _read_file(path or locations.config_path())
    table = data.get(section)
    if isinstance(table, dict) and name in table:
        return "config.toml"
    return "default"


def keys() -> list[str]:
    """Every settable dotted key, e.g. ``provider.name``."""
    return [
        f"{section}.{name}"
        for section, info in Config.model_fields.items()
        for name in info.annotation.model_fields  # type: ignore[union-attr]
    ]


def _split(key: str) -> tuple[str, str]:
    section, _, name = key.partition(".")
    if key not in keys():
        raise ConfigError(
            f"unknown setting {key!r}; known settings: {', '.join(keys())}",
            title="Unknown setting",
        )
    return section, name


def field(key: str) -> FieldInfo:
    """The schema of a dotted key (type, default, constraints, description).

    Raises:
        ConfigError: no such setting (the message lists the known ones).
    """
    section, name = _split(key)
    section_cls = Config.model_fields[section].annotation
    info: FieldInfo = section_cls.model_fields[name]  # type: ignore[union-attr]
    if info.description is None:  # filled on first use: only descriptions read it
        from coach_engine.field_docs import describe_fields

        # no JSON Schema of the config is published: no rebuild needed
        describe_fields([section_cls], rebuild=False)  # type: ignore[list-item]
    return info


def allowed(key: str) -> str:
    """What ``key`` accepts, in words: its choices, its range, or its type."""
    info = field(key)
    annotation = info.annotation
    if get_origin(annotation) is Literal:
        return "one of " + ", ".join(str(a) for a in get_args(annotation))
    if annotation is bool:
        return "true or false"
    if annotation is SecretStr:
        return "a key (stored in config.toml, shown masked)"
    bounds = {type(m).__name__: m for m in info.metadata}
    kind = {int: "a whole number", float: "a number", str: "text"}.get(
        annotation,  # type: ignore[arg-type]
        str(annotation),
    )
    parts = []
    for name, word in (("Ge", "≥"), ("Gt", ">"), ("Le", "≤"), ("Lt", "<")):
        if name in bounds:
            limit = getattr(bounds[name], name.lower())
            parts.append(f"{word} {limit:g}" if isinstance(limit, float) else f"{word} {limit}")
    if "MaxLen" in bounds:
        parts.append(f"at most {bounds['MaxLen'].max_length} characters")
    return kind + (" " + ", ".join(parts) if parts else "")


class SettingInfo(BaseModel):
    """One setting as ``coach config show`` (or a server's settings page) presents it."""

    key: str
    value: Any
    """The effective value; a key shows as ``**********`` when set."""
    source: str
    """``default``, ``config.toml``, or the environment variable that set it."""
    env: list[str]
    """The variables that set it, the one that wins first."""
    allowed: str
    description: str


def describe_settings(path: Path | None = None) -> list[SettingInfo]:
    """Every setting: effective value (keys masked), where it comes from and what it accepts.

    Raises:
        ConfigError: config.toml or an environment variable is invalid.
    """
    cfg = load(path)
    return [
        SettingInfo(
            key=key,
            value=get(key, cfg),
            source=source(key, path),
            env=env_names(key),
            allowed=allowed(key),
            description=" ".join((field(key).description or "").split()),
        )
        for key in keys()
    ]


def get(key: str, config: Config | None = None) -> Any:
    """The effective value of a dotted key (secrets stay masked)."""
    section, name = _split(key)
    value = getattr(getattr(config or load(), section), name)
    return "**********" if isinstance(value, SecretStr) and value.get_secret_value() else value


def set_value(key: str, raw: str, path: Path | None = None) -> Any:
    """Validate ``raw`` for ``key`` and write it to ``config.toml``, keeping comments.

    Returns the stored (typed) value. Nothing is written when validation fails.
    """
    section, name = _split(key)
    path = path or locations.config_path()
    data = _read_file(path)
    value: Any = raw
    if field(key).annotation is bool:
        lowered = raw.strip().lower()
        if lowered not in {"true", "false", "yes", "no", "1", "0", "on", "off"}:
            raise ConfigError(f"{key} must be true or false, not {raw!r}", title="Invalid value")
        value = lowered in {"true", "yes", "1", "on"}
    current = data.get(section, {})
    if not isinstance(current, dict):
        raise ConfigError(
            f"{path}: {section} must be a table ([{section}]), not a value; fix the file, or "
            "move it away to start from defaults",
            title="Invalid config.toml",
        )
    candidate = {**data, section: {**current, name: value}}
    try:
        validated = _Schema.model_validate(candidate)
    except PydanticValidationError as exc:
        first = exc.errors()[0]["loc"]
        if tuple(str(p) for p in first[:2]) == (section, name):
            msg = exc.errors()[0]["msg"]
            raise ConfigError(
                f"{key}: {msg} (allowed: {allowed(key)})", title="Invalid value"
            ) from None
        # another setting in the file is invalid: name it, and leave the file as it is
        where = ".".join(str(p) for p in first)
        raise ConfigError(
            _describe(exc, str(path)) + f"; nothing was changed — fix {where} first (`coach "
            f"config set {where} <value>`, or edit the file)",
            title="Invalid config.toml",
        ) from None
    stored = getattr(getattr(validated, section), name)
    plain = stored.get_secret_value() if isinstance(stored, SecretStr) else stored

    text = _read_text(path)
    import tomlkit  # only `coach config set` writes the file

    doc = tomlkit.parse(text) if text is not None else tomlkit.document()
    if section not in doc:
        doc[section] = tomlkit.table()
    doc[section][name] = plain
    try:
        path.parent.mkdir(mode=locations.PRIVATE_DIR, parents=True, exist_ok=True)
        locations.write_private(path, tomlkit.dumps(doc))  # atomic, 0600: it holds API keys
    except OSError as exc:
        from coach_engine.system_errors import from_os_error

        exc.filename = str(path)  # not the temporary file next to it
        known = from_os_error(exc)  # disk full, read-only: say so (the file is unchanged)
        if known is not None:
            raise known from None
        raise ConfigError(
            f"cannot write {path} ({exc.strerror}); nothing was changed. Make the directory "
            "writable or set COACH_HOME",
            title="Cannot write config.toml",
        ) from None
    return plain
