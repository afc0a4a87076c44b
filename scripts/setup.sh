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

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
UPDATED=0
apt_update() { [ "$UPDATED" = 1 ] || { $SUDO apt-get update -qq; UPDATED=1; }; }

# Go >= 1.21 (LeetCode's Go has min/max builtins and generics). Debian 12's own golang-go is 1.19;
# its backports carry golang-1.23-go (/usr/lib/go-1.23), Ubuntu's universe golang-1.2x-go. The
# sandbox uses the newest /usr/lib/go-1.N (sandbox/languages/go.py).
# shellcheck disable=SC1091
. /etc/os-release
go_ok() { for d in /usr/lib/go-1.*; do [ -x "$d/bin/go" ] && [ "${d##*/go-1.}" -ge 21 ] && return 0; done; return 1; }
GO_PKG=""
if ! go_ok; then
  if [ "${ID:-}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ] &&
    ! grep -rqsE '^[^#]*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # Backports from the machine's own Debian mirror; apt installs from it only what is asked for.
    mirror=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' |
      grep -v security | head -n1 || true)
    [ -n "$mirror" ] || mirror=$(sed -nE 's/^deb +(\[[^]]*\] +)?([^ ]+) +bookworm +.*/\2/p' \
      /etc/apt/sources.list 2>/dev/null | head -n1)
    [ -n "$mirror" ] || { echo "setup: no Debian mirror found in /etc/apt for backports" >&2; exit 1; }
    echo "setup: adding bookworm-backports ($mirror) for Go 1.23"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' \
      "$mirror" /usr/share/keyrings/debian-archive-keyring.gpg |
      $SUDO tee /etc/apt/sources.list.d/coach-bookworm-backports.sources >/dev/null
  fi
  apt_update
  for v in 1.23 1.22 1.21; do
    if apt-cache show "golang-$v-go" >/dev/null 2>&1; then GO_PKG="golang-$v-go"; break; fi
  done
  [ -n "$GO_PKG" ] || echo "setup: no Go >= 1.21 package (golang-1.2x-go) in apt:" \
    "Go solutions will be refused until one is installed (coach doctor)" >&2
fi

# C++: clang >= 18 for C++23 (deducing this), against the system's libstdc++ (bits/stdc++.h);
# Debian 12 main has clang-19. Without one the sandbox falls back to g++ -std=c++20.
CLANG_PKG=""
if ! ls /usr/bin/clang++-1[89] /usr/bin/clang++-[2-9][0-9] >/dev/null 2>&1; then
  apt_update
  for v in 19 18; do
    if apt-cache show "clang-$v" >/dev/null 2>&1; then CLANG_PKG="clang-$v"; break; fi
  done
  [ -n "$CLANG_PKG" ] || echo "setup: no clang >= 18 in apt; C++ falls back to g++ -std=c++20" >&2
fi

# bubblewrap + libseccomp2 (loaded by pyseccomp): the sandbox. Then the toolchains candidates
# write in, tmux for the end-to-end TUI test, and openssh-server (its sshd binary: the over-SSH
# TUI test, tests/tui/test_ssh.py, starts its own sshd on a loopback port).
PKGS=(bubblewrap libseccomp2 g++ openjdk-17-jdk-headless python3 python3-venv tmux openssh-server)
[ -z "$GO_PKG" ] || PKGS+=("$GO_PKG")
[ -z "$CLANG_PKG" ] || PKGS+=("$CLANG_PKG")
command -v node >/dev/null || PKGS+=(nodejs)
command -v npm >/dev/null || PKGS+=(npm)  # installs LeetCode's JavaScript libraries below
# `from sortedcontainers import SortedList` and `import numpy as np` work on LeetCode's Python.
PKGS+=(python3-sortedcontainers python3-numpy)
missing=()
for p in "${PKGS[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt_update
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

# LeetCode's JavaScript libraries (lodash, datastructures-js queues) at its versions, pinned by
# sandbox/harness/jslibs/package-lock.json; the sandbox mounts them read-only.
JSLIBS=.venv/share/coach-js
if [ ! -d "$JSLIBS/node_modules" ] ||
  ! cmp -s sandbox/harness/jslibs/package-lock.json "$JSLIBS/package-lock.json"; then
  echo "setup: installing LeetCode's JavaScript libraries"
  mkdir -p "$JSLIBS"
  cp sandbox/harness/jslibs/package.json sandbox/harness/jslibs/package-lock.json "$JSLIBS/"
  (cd "$JSLIBS" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
fi
.venv/bin/coach --version >/dev/null
echo "setup: ready ($(.venv/bin/coach --version))"
