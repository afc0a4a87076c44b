"""Any server speaking OpenAI's Chat Completions: Ollama, llama.cpp server, vLLM, LM Studio.

Differences from ``openai``: the base URL and model are required (there is no sensible
default), a key is optional (``COACH_API_KEY``), the output limit is sent as ``max_tokens`` (what
these servers understand), and a server on this machine or the local network costs nothing.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from coach_engine.providers._httpx import httpx
from coach_engine.providers.openai import OpenAIProvider
from coach_engine.providers.retry import RetryPolicy
from coach_engine.providers.types import ProviderCallError


def is_private_host(host: str) -> bool:
    """True for loopback, private and link-local addresses and local-only host names."""
    host = host.strip("[]").lower()
    if host in {"localhost", "host.docker.internal"} or host.endswith(
        (".local", ".internal", ".lan")
    ):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host  # a bare name like "gpu-box" resolves on the local network
    return address.is_loopback or address.is_private or address.is_link_local


class OpenAICompatibleProvider(OpenAIProvider):
    name = "openai-compatible"
    model_id = ""
    needs_key = False
    key_env_var = "COACH_API_KEY"
    key_setting = "keys.openai_compatible"
    default_base_url = ""
    api_label = "OpenAI-compatible Chat Completions"
    max_tokens_field = "max_tokens"

    def __init__(
        self,
        *,
        model: str = "",
        api_key: str = "",
        base_url: str = "",
        timeout_s: float = 60.0,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if not base_url:
            raise ProviderCallError(
                "openai-compatible needs the server's base URL; run `coach config set "
                "provider.base_url http://127.0.0.1:11434/v1` (Ollama; llama.cpp server: "
                "http://127.0.0.1:8080/v1) or set COACH_BASE_URL",
                kind="misconfigured",
            )
        if not model:
            raise ProviderCallError(
                "openai-compatible needs a model name; run `coach config set provider.model "
                "llama3.1` (whatever the server lists) or set COACH_MODEL",
                kind="misconfigured",
            )
        super().__init__(
            model=model,
            api_key=api_key,
            base_url=base_url,
            timeout_s=timeout_s,
            retry=retry,
            transport=transport,
        )

    @property
    def is_local(self) -> bool:
        return is_private_host(urlsplit(self.base_url).hostname or "")
