"""Coach's error hierarchy. Every error a person can see has a title and a message with the fix.

    CoachError
    ├── ConfigError        config.toml or an environment override is invalid
    ├── StoreError         the database cannot be opened, migrated or written
    │   └── NotFoundError  a session, drill or other row does not exist (for this user)
    ├── LifecycleError     an illegal session state transition
    ├── ValidationError    a command-line or API input is invalid
    ├── SandboxError       code cannot be run: missing toolchain, isolation unavailable, bad limits
    ├── ProblemError       a problem or problem pack is missing or invalid
    └── ProviderError      an LLM provider failed (later issues)

The CLI prints ``title: message`` on stderr and exits non-zero (2 for usage and bad input,
1 otherwise); the TUI shows the title as a modal heading. No traceback reaches a user.
This module imports nothing so every package, the sandbox included, can use it.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base class. ``title`` is a short heading, ``message`` says what happened and the fix."""

    title = "Coach error"
    exit_code = 1

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class ConfigError(CoachError):
    title = "Configuration error"
    exit_code = 2


class StoreError(CoachError):
    title = "Database error"


class NotFoundError(StoreError):
    title = "Not found"
    exit_code = 2


class LifecycleError(CoachError):
    title = "Illegal session transition"


class ValidationError(CoachError):
    title = "Invalid input"
    exit_code = 2


class SandboxError(CoachError):
    title = "Sandbox error"


class ProblemError(CoachError):
    title = "Problem error"
    exit_code = 2


class ProviderError(CoachError):
    title = "Provider error"
