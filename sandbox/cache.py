"""Compile cache: a build directory per content hash, evicted least-recently-used beyond a size.

Re-running unchanged code must not pay the compiler again (176 ms for Go up to 1.1 s for C++ on
these machines). An entry is keyed by sha256 over everything that can change the artifacts:
language, toolchain version line, harness version, signature, candidate code, the generated
driver files and the compile command. Entries are written to a temporary name and renamed into
place, so concurrent Coach processes never see half an entry; a hit touches the entry's mtime,
which is the LRU clock.

Location: ``$COACH_HOME/cache/builds`` when ``COACH_HOME`` is set, else platformdirs' user
cache dir ``coach/builds``. Size cap: ``COACH_SANDBOX_CACHE_MB`` (default 512).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import platformdirs

DEFAULT_MAX_MB = 512
IN_USE_S = 60.0
MARKER = ".complete"


def default_cache_dir() -> Path:
    """The build cache directory (not created): ``$COACH_SANDBOX_CACHE`` if set (the test
    suite shares one across tests so the C++ header is precompiled once), else under
    ``COACH_HOME``, else the platform's user cache directory."""
    explicit = os.environ.get("COACH_SANDBOX_CACHE")
    if explicit:
        return Path(explicit)
    home = os.environ.get("COACH_HOME")
    if home:
        return Path(home) / "cache" / "builds"
    return Path(platformdirs.user_cache_dir("coach")) / "builds"


def build_key(parts: Iterable[str], files: dict[str, str]) -> str:
    """sha256 over ``parts`` (language, versions, signature, code, command) and ``files``."""
    h = hashlib.sha256()
    payload = {"parts": list(parts), "files": sorted(files.items())}
    h.update(json.dumps(payload, sort_keys=True).encode())
    return h.hexdigest()


def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


class BuildCache:
    """Build directories under ``root``, one per key.

    Args:
        root: the cache directory (created on first store).
        max_bytes: total size beyond which the least recently used entries are deleted.
    """

    def __init__(self, root: Path, max_bytes: int | None = None) -> None:
        self.root = root
        if max_bytes is None:
            max_bytes = int(os.environ.get("COACH_SANDBOX_CACHE_MB", DEFAULT_MAX_MB)) << 20
        self.max_bytes = max_bytes

    def get(self, key: str) -> Path | None:
        """Return the entry for ``key`` (and mark it used), or None."""
        entry = self.root / key
        if not (entry / MARKER).exists():
            return None
        try:
            os.utime(entry)
        except OSError:
            return None  # evicted by another process meanwhile
        return entry

    def put(self, key: str, build_dir: Path) -> Path:
        """Copy ``build_dir`` into the cache as ``key`` and return the entry.

        The copy belongs to the current user, not to the sandbox uid that compiled it, so a
        later sandbox cannot modify a cached artifact.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        entry = self.root / key
        tmp = self.root / f".tmp-{uuid.uuid4().hex}"
        shutil.copytree(build_dir, tmp, symlinks=True)
        (tmp / ".size").write_text(str(_tree_size(tmp)))
        (tmp / MARKER).touch()
        try:
            tmp.rename(entry)
        except OSError:  # another process stored the same key first
            shutil.rmtree(tmp, ignore_errors=True)
        self.evict(keep=key)
        return entry

    def entries(self) -> list[tuple[float, int, Path]]:
        """(mtime, size, path) of every complete entry, oldest first."""
        out = []
        if not self.root.exists():
            return []
        for entry in self.root.iterdir():
            if entry.name.startswith(".") or not (entry / MARKER).exists():
                continue
            try:
                size = int((entry / ".size").read_text())
                out.append((entry.stat().st_mtime, size, entry))
            except (OSError, ValueError):
                continue
        return sorted(out)

    def evict(self, keep: str | None = None) -> int:
        """Delete least recently used entries until the total fits; return how many went.

        Entries used in the last ``IN_USE_S`` seconds stay: a run may be reading them.
        """
        entries = self.entries()
        total = sum(size for _, size, _ in entries)
        removed = 0
        recent = time.time() - IN_USE_S
        for mtime, size, entry in entries:
            if total <= self.max_bytes:
                break
            if entry.name == keep or mtime > recent:
                continue
            shutil.rmtree(entry, ignore_errors=True)
            total -= size
            removed += 1
        return removed
