"""Whether the configuration is known valid, decided without pydantic (CLI start-up).

Validating ``config.toml`` and the ``COACH_*`` environment (``coach_engine.config.load``) costs
pydantic and pydantic-settings, most of a listing command's start-up. A plain reader
(``coach_engine.listing_reader``) skips that only when the outcome is already known:

* no environment variable can set a setting — none named ``COACH_<SECTION>`` or
  ``COACH_<SECTION>__<NAME>`` (any case, as pydantic-settings reads them) nor a ``LEGACY_ENV``
  alias other than the API-key ones, which accept any text; and
* ``config.toml`` is absent (the defaults are valid), or it is a regular file whose exact bytes
  a full ``load`` accepted before, under this very schema: ``remember`` writes the SHA-256 of
  the schema's source and of the file to the cache directory after a full load succeeded.

Any doubt — a variable set, a changed file or schema, an unreadable stamp — is "not known",
and the caller does the full load, which raises the error as before.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from coach_engine import locations

SECTIONS = ("provider", "keys", "budget", "sandbox", "interview", "ui", "server")
"""``Config``'s sections (a test holds them equal to its fields)."""

SETTING_ALIASES = ("COACH_PROVIDER", "COACH_MODEL", "COACH_BASE_URL", "COACH_SANDBOX_BACKEND")
"""The ``LEGACY_ENV`` names that set a checked setting; the key aliases (``OPENAI_API_KEY``,
``ANTHROPIC_API_KEY``, ``COACH_API_KEY``) set a ``SecretStr``, which any text is."""

STAMP_NAME = "config-valid"
MAX_CONFIG_BYTES = 1 << 20  # config.MAX_CONFIG_BYTES: a larger file is an error, never known valid
_SCHEMA = Path(__file__).with_name("config.py")


def environment_sets_a_setting(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """Whether any environment variable would set (or fail to set) a setting."""
    names = {name.lower() for name in (os.environ if environ is None else environ)}
    aliases = {alias.lower() for alias in SETTING_ALIASES}
    for name in names:
        if name in aliases:
            return True
        if name.startswith("coach_"):
            if name[len("coach_") :].partition("__")[0] in SECTIONS:
                return True
    return False


def current() -> str | None:
    """The stamp of the current schema and ``config.toml`` ("" when there is no file), or None
    when the file is not a regular, readable file of at most 1 MB (a full load says why)."""
    path = locations.config_path()
    try:
        st = path.stat()
    except FileNotFoundError:
        return ""
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CONFIG_BYTES:
        return None
    try:
        content = path.read_bytes()
        schema = _SCHEMA.read_bytes()
    except OSError:
        return None
    return hashlib.sha256(hashlib.sha256(schema).digest() + content).hexdigest()


def _stamp_path() -> Path:
    return locations.cache_dir() / STAMP_NAME


def known_valid() -> bool:
    """True when a full ``config.load()`` is known to succeed now (see the module's rules)."""
    if environment_sets_a_setting():
        return False
    digest = current()
    if digest is None:
        return False
    if digest == "":
        return True  # no config.toml: every setting has its (valid) default
    try:
        return _stamp_path().read_text(encoding="ascii").strip() == digest
    except (OSError, ValueError):
        return False


def remember(digest: str | None) -> None:
    """Record that the ``config.toml`` of ``digest`` (``current()`` taken before a full load)
    passed that load; call it only after the load succeeded. Best effort: a read-only or full
    cache directory only means the next listing loads in full."""
    if not digest:
        return
    path = _stamp_path()
    try:
        if path.read_text(encoding="ascii").strip() == digest:
            return
    except (OSError, ValueError):
        pass
    try:
        path.parent.mkdir(mode=locations.PRIVATE_DIR, parents=True, exist_ok=True)
        locations.write_private(path, digest + "\n")
    except OSError:
        pass
