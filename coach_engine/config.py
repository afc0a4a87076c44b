"""Configuration: ``config.toml`` in the data directory, then environment overrides.

Precedence (highest first): environment (``COACH_PROVIDER``, ``COACH_MODEL``, ``COACH_BASE_URL``,
``OPENAI_API_KEY``, ``ANTHROPIC_API_KEY``, ``COACH_API_KEY``, ``COACH_SANDBOX_BACKEND``), then
``config.toml``, then the defaults below. ``coach config set`` edits the file with tomlkit so the
person's comments and layout survive, and validates the new value before anything is written.
API keys are ``SecretStr``: they print as ``**********`` and are never logged or stored in the
database.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any, Literal

import tomlkit
from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic import ValidationError as PydanticValidationError

from coach_engine import locations
from coach_engine.errors import ConfigError

ProviderName = Literal["offline", "openai", "anthropic", "openai-compatible"]


class _Section(BaseModel):
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


class InterviewConfig(_Section):
    duration_minutes: int = Field(45, ge=5, le=240)
    """Length of a coding interview."""
    language: Literal["python", "javascript", "java", "cpp", "go"] = "python"
    """Language the editor starts in."""
    autosave_seconds: int = Field(10, ge=2, le=300)
    """How often the editor's code is saved while typing."""


class UIConfig(_Section):
    theme: Literal["dark", "light"] = "dark"
    """TUI colour theme."""


class Config(_Section):
    provider: ProviderConfig = Field(default_factory=ProviderConfig)
    keys: KeysConfig = Field(default_factory=KeysConfig)
    budget: BudgetConfig = Field(default_factory=BudgetConfig)
    sandbox: SandboxConfig = Field(default_factory=SandboxConfig)
    interview: InterviewConfig = Field(default_factory=InterviewConfig)
    ui: UIConfig = Field(default_factory=UIConfig)

    def api_key(self, provider: str) -> str:
        """The key for ``provider`` (environment first), or '' when none is set."""
        env_var = {
            "openai": "OPENAI_API_KEY",
            "anthropic": "ANTHROPIC_API_KEY",
            "openai-compatible": "COACH_API_KEY",
        }.get(provider)
        if env_var and os.environ.get(env_var):
            return os.environ[env_var]
        field = provider.replace("-", "_")
        secret = getattr(self.keys, field, None)
        return secret.get_secret_value() if isinstance(secret, SecretStr) else ""


_ENV_OVERRIDES = {
    "COACH_PROVIDER": ("provider", "name"),
    "COACH_MODEL": ("provider", "model"),
    "COACH_BASE_URL": ("provider", "base_url"),
    "COACH_SANDBOX_BACKEND": ("sandbox", "backend"),
}


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
    """Load the configuration.

    Raises:
        ConfigError: the file is not TOML, has an unknown key or a bad value (the message names
            the key and the file).
    """
    path = path or locations.config_path()
    data = _read_file(path)
    try:
        config = Config.model_validate(data)
    except PydanticValidationError as exc:
        raise ConfigError(
            _describe(exc, str(path)) + "; fix the file or `coach config set` it"
        ) from None
    if environ:
        for var, (section, key) in _ENV_OVERRIDES.items():
            value = os.environ.get(var)
            if not value:
                continue
            try:
                setattr(getattr(config, section), key, value)
            except PydanticValidationError as exc:
                raise ConfigError(_describe(exc, f"environment variable {var}")) from None
    return config


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
    section_cls = Config.model_fields[section].annotation
    field = section_cls.model_fields[name]  # type: ignore[union-attr]
    value: Any = raw
    if field.annotation is bool:
        lowered = raw.strip().lower()
        if lowered not in {"true", "false", "yes", "no", "1", "0", "on", "off"}:
            raise ConfigError(f"{key} must be true or false, not {raw!r}")
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
        validated = Config.model_validate(candidate)
    except PydanticValidationError as exc:
        first = exc.errors()[0]["loc"]
        if tuple(str(p) for p in first[:2]) == (section, name):
            msg = exc.errors()[0]["msg"]
            raise ConfigError(f"{key}: {msg}", title="Invalid value") from None
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
