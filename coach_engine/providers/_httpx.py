"""httpx, imported without its command-line interface — so the engine never loads rich.

``httpx/__init__.py`` runs ``try: from ._main import main except ImportError: <stub>``, and
``httpx._main`` imports click, rich and pygments whenever they are installed — which they are,
for the TUI. That would put ``rich`` in ``sys.modules`` the moment the engine made an HTTP
client, breaking STYLE.md §A (enforced by tests/test_import_hygiene.py). Marking ``httpx._main``
as absent for the duration of httpx's own import makes httpx take its documented fallback
(the stub ``main``); the marker is removed right after, so nothing else is affected.

Every engine module imports httpx from here. If httpx renames ``_main`` this becomes a no-op and
the import-hygiene test fails loudly.
"""

from __future__ import annotations

import sys

if "httpx" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
    try:
        import httpx as httpx
    finally:
        if sys.modules.get("httpx._main", 0) is None:
            del sys.modules["httpx._main"]
else:
    import httpx as httpx

__all__ = ["httpx"]
