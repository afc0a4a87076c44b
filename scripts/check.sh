#!/usr/bin/env bash
# Set everything up and run the full check: format, lint, types, import contracts, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
V=.venv/bin
echo "== ruff format"; $V/ruff format --check .
echo "== ruff check";  $V/ruff check .
echo "== mypy";        $V/mypy
echo "== import contracts"; $V/lint-imports
# Every core (pytest-xdist; loadgroup keeps the tests of an expensive session fixture on one
# worker, see tests/conftest.py); tests are independent (own COACH_HOME, shared build cache written
# atomically). Fast dev path: `.venv/bin/pytest -n auto -m "not slow"`.
echo "== pytest";      $V/pytest -q -ra -n auto --dist loadgroup "$@"
