"""config.toml, environment overrides and `coach config`."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_engine import config, locations
from coach_engine.errors import ConfigError


def test_defaults_without_a_file() -> None:
    cfg = config.load()
    assert cfg.provider.name == "offline"
    assert cfg.sandbox.backend == "bwrap" and cfg.interview.autosave_seconds == 10


def test_set_keeps_comments_and_validates(coach_home: Path) -> None:
    path = locations.config_path()
    path.write_text('# my settings\n[provider]\n# which one\nname = "offline"\n')
    config.set_value("provider.model", "gpt-4o-mini")
    config.set_value("sandbox.allow_unsafe", "yes")
    text = path.read_text()
    assert "# my settings" in text and "# which one" in text
    cfg = config.load()
    assert cfg.provider.model == "gpt-4o-mini" and cfg.sandbox.allow_unsafe is True
    before = path.read_text()
    with pytest.raises(ConfigError, match="provider.name"):
        config.set_value("provider.name", "skynet")
    with pytest.raises(ConfigError, match="true or false"):
        config.set_value("sandbox.allow_unsafe", "maybe")
    with pytest.raises(ConfigError, match="unknown setting 'provider.colour'"):
        config.set_value("provider.colour", "red")
    with pytest.raises(ConfigError):
        config.set_value("interview.duration_minutes", "-3")
    assert path.read_text() == before  # nothing written on a bad value


def test_environment_overrides_file(monkeypatch: pytest.MonkeyPatch) -> None:
    config.set_value("provider.name", "anthropic")
    monkeypatch.setenv("COACH_PROVIDER", "openai-compatible")
    monkeypatch.setenv("COACH_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("COACH_MODEL", "qwen2.5-coder")
    cfg = config.load()
    assert (cfg.provider.name, cfg.provider.base_url, cfg.provider.model) == (
        "openai-compatible",
        "http://127.0.0.1:11434/v1",
        "qwen2.5-coder",
    )
    monkeypatch.setenv("COACH_PROVIDER", "nonsense")
    with pytest.raises(ConfigError, match="COACH_PROVIDER"):
        config.load()


def test_keys_env_first_and_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    config.set_value("keys.openai", "sk-from-file")
    assert config.load().api_key("openai") == "sk-from-file"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    cfg = config.load()
    assert cfg.api_key("openai") == "sk-from-env"
    assert config.get("keys.openai", cfg) == "**********"
    assert "sk-from-file" not in repr(cfg) and "sk-from-file" not in str(cfg.model_dump())


def test_corrupt_file_is_a_clear_error_and_kept(coach_home: Path) -> None:
    path = locations.config_path()
    path.write_text("[provider\nname = 'x'")
    with pytest.raises(ConfigError, match="not valid TOML"):
        config.load()
    assert path.read_text() == "[provider\nname = 'x'"
    path.write_text("[provider]\nname = 'offline'\nspeed = 3\n")
    with pytest.raises(ConfigError, match="provider.speed"):
        config.load()


def test_nested_variables_and_their_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    config.set_value("sandbox.time_ms", "700")
    assert config.load().sandbox.time_ms == 700  # the file over the default
    monkeypatch.setenv("COACH_SANDBOX__TIME_MS", "900")
    assert config.load().sandbox.time_ms == 900  # the variable over the file
    assert config.load(environ=False).sandbox.time_ms == 700  # the file alone when asked
    monkeypatch.setenv("COACH_SANDBOX__TIME_MS", "")
    assert config.load().sandbox.time_ms == 700  # an empty variable is not a value
    # the documented alias and the COACH_<SECTION>__<NAME> name: the latter wins
    monkeypatch.setenv("COACH_PROVIDER", "anthropic")
    assert config.load().provider.name == "anthropic"
    monkeypatch.setenv("COACH_PROVIDER__NAME", "openai")
    assert config.load().provider.name == "openai"
    assert config.source("provider.name") == "COACH_PROVIDER__NAME"


def test_a_whole_section_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_SANDBOX", '{"time_ms": 500, "memory_mb": 128}')
    cfg = config.load()
    assert (cfg.sandbox.time_ms, cfg.sandbox.memory_mb, cfg.sandbox.backend) == (500, 128, "bwrap")
    monkeypatch.setenv("COACH_SANDBOX", "fast please")
    with pytest.raises(ConfigError, match="COACH_SANDBOX: not a JSON object.*COACH_SANDBOX__"):
        config.load()


def test_values_given_in_code_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_UI__THEME", "light")
    monkeypatch.setenv("COACH_INTERVIEW__LANGUAGE", "go")
    cfg = config.Config(ui=config.UIConfig(theme="dark"))
    assert (cfg.ui.theme, cfg.interview.language) == ("dark", "go")


def test_every_setting_is_described(monkeypatch: pytest.MonkeyPatch) -> None:
    config.set_value("ui.theme", "light")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-secret")
    rows = {r.key: r for r in config.describe_settings()}
    assert list(rows) == config.keys()
    assert all(r.description and r.allowed for r in rows.values())
    assert rows["ui.theme"].source == "config.toml" and rows["ui.theme"].value == "light"
    assert rows["keys.anthropic"].source == "ANTHROPIC_API_KEY"
    assert rows["keys.anthropic"].value == "**********"
    assert rows["keys.anthropic"].env == ["COACH_KEYS__ANTHROPIC", "ANTHROPIC_API_KEY"]
    assert rows["sandbox.backend"].allowed == "one of bwrap, docker, unsafe"
    assert rows["sandbox.time_ms"].allowed == "a whole number ≥ 10, ≤ 60000"
    assert rows["provider.name"].source == "default"
