"""LLM providers: one async interface over OpenAI, Anthropic, OpenAI-compatible servers and the
built-in offline interviewer, plus what every call needs around it.

Modules (import from them directly; this package stays light so ``coach_engine.store`` can use
``calllog`` without pulling in httpx):

- ``base``              ``Provider`` (the interface), ``ChatMessage``, ``Usage``, ``Completion``,
                        ``ProviderCallError`` (a ``ProviderError`` with a machine-readable ``kind``)
- ``response``          ``StreamResponse``: text chunks as they arrive, usage once finished
- ``transport``, ``retry``   the HTTP base class (retry loop, timeouts, SSE, errors); backoff
                        and Retry-After timing
- ``openai``, ``anthropic``, ``openai_compatible``, ``offline``   the providers
- ``registry``          ``PROVIDERS``, ``build_provider``, ``resolve_provider`` (offline fallback)
- ``pricing``, ``budget``   cost per model, budget caps checked before a call
- ``client``            ``LLMClient``: budget check → call → cost → log to the store
- ``calllog``           ``LLMCall``, the row logged for every call
- ``structured``        JSON output validated with pydantic, repaired or retried once
- ``check``             ``check(provider)`` for ``coach doctor``
"""
