"""``LLMCall``: the row logged for every provider call, successful or not.

It records what is needed to audit spending and prompt quality — provider, model, prompt id and
version, options, tokens, cost, latency, attempts, outcome — and deliberately nothing else: no
key (providers never hand it out) and no prompt or answer text (a prompt may quote a person's
code or notes, and the transcript already lives with the session).

The model is defined in ``coach_engine.store.records`` (the store must not import the providers:
no cycle) and re-exported here.
"""

from __future__ import annotations

from coach_engine.store.records import LLMCall

__all__ = ["LLMCall"]
