#!/usr/bin/env bash
# Set up Coach on a fresh Debian/Ubuntu machine: system packages (the sandbox's isolation and the
# five language toolchains), a virtualenv in .venv, and Coach itself. Idempotent.
#   scripts/setup.sh          run-time setup
#   scripts/setup.sh --dev    plus the test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: need root or sudo to install system packages" >&2; exit 1; fi
fi

# bubblewrap + libseccomp2 (loaded by pyseccomp): the sandbox. Then the toolchains candidates
# write in, and tmux for the end-to-end TUI test.
PKGS=(bubblewrap libseccomp2 g++ openjdk-17-jdk-headless golang-go python3 python3-venv tmux)
command -v node >/dev/null || PKGS+=(nodejs)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), "Coach needs Python 3.11+"'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip_install() {
  local out
  if ! out=$(.venv/bin/python -m pip install -q "$@" 2>&1); then
    echo "$out" | grep -v '^WARNING: Location' >&2
    echo "setup: pip install $* failed" >&2
    exit 1
  fi
}
if [ "$DEV" = 1 ]; then pip_install -e '.[dev,docker]'; else pip_install -e .; fi
.venv/bin/coach --version >/dev/null
echo "setup: ready ($(.venv/bin/coach --version))"
