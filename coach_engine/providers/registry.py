"""The provider registry and how the engine picks a provider from config.

An explicit dict until third-party providers exist (then entry points, STYLE.md §C).
``resolve_provider`` is what front ends call at the start of an interview: the configured
provider if it is usable, otherwise — when fallback is allowed — the offline interviewer, with
the reason to show the person.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from coach_engine.config import Config
from coach_engine.providers._httpx import httpx
from coach_engine.providers.anthropic import AnthropicProvider
from coach_engine.providers.base import Provider
from coach_engine.providers.offline import OfflineProvider, Responder
from coach_engine.providers.openai import OpenAIProvider
from coach_engine.providers.openai_compatible import OpenAICompatibleProvider
from coach_engine.providers.retry import RetryPolicy
from coach_engine.providers.transport import HTTPProvider
from coach_engine.providers.types import ProviderCallError

logger = logging.getLogger(__name__)

PROVIDERS: dict[str, type[Provider]] = {
    "offline": OfflineProvider,
    "openai": OpenAIProvider,
    "anthropic": AnthropicProvider,
    "openai-compatible": OpenAICompatibleProvider,
}


def provider_class(name: str) -> type[Provider]:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise ProviderCallError(
            f"unknown provider {name!r}; choose one of {', '.join(PROVIDERS)} "
            "(`coach config set provider.name …`)",
            kind="misconfigured",
        ) from None


def build_provider(
    config: Config,
    *,
    name: str | None = None,
    responder: Responder | None = None,
    retry: RetryPolicy | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Provider:
    """The provider ``name`` (default: ``provider.name``) set up from config.

    Model and base URL from config apply only to the configured provider; another ``name``
    (e.g. ``coach feedback --provider anthropic``) gets its default model. The key comes from
    the environment, then config.

    Raises:
        ProviderCallError: unknown name, missing key (``auth``), missing base URL or model
            (``misconfigured``) — each message names the setting to fix.
    """
    name = name or config.provider.name
    cls = provider_class(name)
    if issubclass(cls, OfflineProvider):
        return cls(responder)
    if not issubclass(cls, HTTPProvider):  # pragma: no cover - every other entry is HTTP
        raise TypeError(f"{cls.__name__} has no config-based constructor")
    configured = name == config.provider.name
    return cls(
        model=config.provider.model if configured else "",
        api_key=config.api_key(name),
        base_url=config.provider.base_url if configured else "",
        timeout_s=config.provider.timeout_s,
        retry=retry,
        transport=transport,
    )


@dataclass(frozen=True)
class Resolution:
    provider: Provider
    requested: str
    """The provider config asked for."""
    fallback_reason: str | None = None
    """Why the offline interviewer was chosen instead; None when ``requested`` is in use."""
    error: ProviderCallError | None = None
    """The error that caused the fallback, with its full message and fix."""

    @property
    def fell_back(self) -> bool:
        return self.fallback_reason is not None


async def resolve_provider(
    config: Config,
    *,
    allow_fallback: bool = True,
    probe: bool = True,
    probe_timeout_s: float = 3.0,
    responder: Responder | None = None,
    retry: RetryPolicy | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Resolution:
    """The provider to use now: the configured one if usable, else (maybe) offline.

    "Usable" means it can be built (key, base URL, model present) and, with ``probe``, its
    server answers at all (no key sent, nothing billed). Falls back to the offline interviewer
    when both ``allow_fallback`` and ``provider.fallback_offline`` are true.

    Raises:
        ProviderCallError: the configured provider is unusable and fallback is not allowed.
    """
    requested = config.provider.name
    provider: Provider | None = None
    try:
        provider = build_provider(config, responder=responder, retry=retry, transport=transport)
        if probe:
            await provider.probe(probe_timeout_s)
    except ProviderCallError as exc:
        if provider is not None:
            await provider.aclose()
        if not (allow_fallback and config.provider.fallback_offline):
            raise
        reason = (
            f"{requested} is not available ({exc.title.lower()}); the offline interviewer "
            "takes over. `coach doctor` shows details; set provider.fallback_offline false "
            "to get an error instead"
        )
        logger.warning("%s: %s", reason, exc.message)
        return Resolution(OfflineProvider(responder), requested, reason, exc)
    return Resolution(provider, requested)
