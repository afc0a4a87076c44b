"""Write or check ``docs/events.schema.json``, the JSON Schema of the engine's events.

    python -m coach_engine.event_schema          # rewrite docs/events.schema.json
    python -m coach_engine.event_schema --check  # exit 1 when the file differs from the models

The server publishes this file; ``tests/test_events.py`` fails when it is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach_engine.events import event_json_schema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "events.schema.json"


def render() -> str:
    """The schema file's exact text (stable key order, trailing newline)."""
    return json.dumps(event_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coach_engine.event_schema")
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    parser.add_argument("path", nargs="?", type=Path, default=SCHEMA_PATH)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.path.read_text(encoding="utf-8") if args.path.exists() else ""
        if current != text:
            print(
                f"{args.path} is stale: run `python -m coach_engine.event_schema`",
                file=sys.stderr,
            )
            return 1
        return 0
    args.path.write_text(text, encoding="utf-8")
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
