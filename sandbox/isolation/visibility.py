"""What of the host's filesystem a sandbox may see: system trees in, Coach's own files out.

Two layers, because Coach can be installed anywhere (a home venv, pipx, ``/usr/local``, a distro
package under ``/usr/lib/python3``) and its package data holds the answer key: the bank's
``tests.json`` files and reference solutions.

1. A positive list. Of ``/usr`` the sandbox mounts only the trees the distribution manages
   (``SYSTEM_DIRS``: binaries, libraries, headers, architecture-independent data such as Go's
   sources in ``/usr/share/go-1.N`` or the time zones). ``/usr/local``, ``/usr/src`` and anything
   else an administrator adds are not mounted: pip's system-wide installs, source checkouts and
   venvs live there. A toolchain installed outside the system trees gets its own directories
   mounted (``sandbox.languages.toolchain.binds_for``), and nothing more.
2. A mask, by rule rather than by layout: every directory holding Coach's installed packages
   (the top-level packages and the ``.dist-info`` of the distribution that provides ``sandbox``,
   as resolved at run time, plus ``COACH_HOME``) that lies inside something the sandbox mounts
   is covered by an empty read-only directory. This is what hides a distro package in
   ``/usr/lib/python3/dist-packages``, or Coach installed into the same prefix as a toolchain.

What neither layer can know about is a copy of the bank outside Coach's packages that a mounted
tree happens to hold (a source checkout inside a toolchain's prefix); docs/ARCHITECTURE.md says so.
"""

from __future__ import annotations

import functools
import glob
import importlib.metadata
import importlib.util
import os
from collections.abc import Iterable
from pathlib import Path

# The distribution-managed trees of /usr, mounted read-only when they exist.
SYSTEM_DIRS = tuple(
    f"/usr/{name}"
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32", "libexec", "include", "share")
)
OWN_PACKAGE = __name__.split(".")[0]  # "sandbox": its distribution is Coach's
DIST_NAME = "coach"  # the distribution's name (pyproject.toml)
# Where Python installs packages under a lib tree: other installs of Coach are looked for there.
SITE_GLOBS = ("python3*/site-packages", "python3*/dist-packages")


def covered(path: str) -> bool:
    """Whether ``path`` (resolved) is inside one of the mounted system trees."""
    real = os.path.realpath(path)
    return any(_within(real, os.path.realpath(d)) for d in SYSTEM_DIRS if os.path.isdir(d))


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


@functools.lru_cache(maxsize=1)
def coach_paths() -> tuple[str, ...]:
    """Resolved host paths of the running Coach's own files: package directories (or the archive
    holding them), the distribution's metadata directory, and ``COACH_HOME`` when set."""
    names = {OWN_PACKAGE}
    found: set[str] = set()
    dists = _distributions()
    own = importlib.util.find_spec(OWN_PACKAGE)
    if not dists and own is not None and own.submodule_search_locations:
        # not installed from a distribution (a checkout, an editable install): the tree that
        # holds the package is Coach's source tree, bank and all
        found.update(os.path.dirname(p) for p in own.submodule_search_locations)
    for dist in dists:
        found.update(_installed_tops(dist, names))
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        found.update(spec.submodule_search_locations or ())
        if spec.origin and spec.submodule_search_locations is None:
            found.add(spec.origin)
    home = os.environ.get("COACH_HOME")
    if home:
        found.add(home)
    return tuple(sorted({_existing(p) for p in found} - {""}))


@functools.lru_cache(maxsize=64)
def _lib_dirs(roots: tuple[str, ...]) -> list[str]:
    libs = [r for r in roots if os.path.basename(r).startswith("lib")]  # not /usr/bin, /usr/share
    libs += [f"{r}{sub}" for r in roots for sub in ("/lib", "/lib64", "/local/lib")]
    return [lib for lib in libs if os.path.isdir(lib)]


@functools.lru_cache(maxsize=64)
def _python_dirs(roots: tuple[str, ...], stamp: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(d for lib in _lib_dirs(roots) for d in glob.glob(f"{lib}/python3*"))


@functools.lru_cache(maxsize=64)
def _site_dirs(roots: tuple[str, ...], stamp: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(d for lib in _lib_dirs(roots) for g in SITE_GLOBS for d in glob.glob(f"{lib}/{g}"))


def _mtimes(paths: Iterable[str]) -> tuple[int, ...]:
    out = []
    for p in paths:
        try:
            out.append(os.stat(p).st_mtime_ns)
        except OSError:
            out.append(-1)
    return tuple(out)


def install_stamp(roots: tuple[str, ...]) -> tuple[int, ...]:
    """What changes when another install of Coach appears under ``roots`` while Coach runs (a
    long-lived server, an upgrade beside it): the modification times of the lib trees (a new
    package directory) and of their package directories (a new install in one). About ten
    ``stat`` calls, so masks computed once can be reused until it changes. The ``python3*``
    directories count too: a package directory made in one that already existed (``pip install
    --prefix``, a venv being created) changes its time, not the lib tree's — a CI run saw a
    concurrent install that way after the masks were computed."""
    libs = _mtimes(_lib_dirs(roots))
    pythons = libs + _mtimes(_python_dirs(roots, libs))
    return pythons + _mtimes(_site_dirs(roots, pythons))


def other_installs(roots: tuple[str, ...]) -> tuple[str, ...]:
    """Other installs of Coach's distribution (a distro package, a system-wide pip install)
    in the Python package directories under ``roots``, as their top-level paths."""
    return _other_installs(roots, install_stamp(roots))


@functools.lru_cache(maxsize=64)
def _other_installs(roots: tuple[str, ...], stamp: tuple[int, ...]) -> tuple[str, ...]:
    libs = _lib_dirs(roots)
    site_dirs = list(
        _site_dirs(roots, stamp[: len(libs) + len(_python_dirs(roots, stamp[: len(libs)]))])
    )
    found: set[str] = set()
    for dist in importlib.metadata.distributions(path=site_dirs, name=DIST_NAME):
        found.update(_installed_tops(dist, set()))
    return tuple(sorted({_existing(p) for p in found} - {""}))


def _installed_tops(dist: importlib.metadata.Distribution, names: set[str]) -> set[str]:
    """The top-level entries ``dist`` installed (packages, modules, its metadata directory);
    the import names of its packages are added to ``names``."""
    tops: set[str] = set()
    for file in dist.files or ():
        top = file.parts[0] if file.parts else ""
        if not top or top == ".." or top.endswith(".pth"):
            continue
        if top.endswith((".dist-info", ".egg-info")) or "." not in top or top.endswith(".py"):
            tops.add(str(dist.locate_file(top)))
        if "." not in top or top.endswith(".py"):
            names.add(top.removesuffix(".py"))
    return tops


def _distributions() -> list[importlib.metadata.Distribution]:
    """The installed distribution the running ``sandbox`` package comes from, if any (looked up
    by name: scanning every distribution's files costs ~0.4 s)."""
    own = importlib.util.find_spec(OWN_PACKAGE)
    if own is None or not own.submodule_search_locations:
        return []
    try:
        dist = importlib.metadata.distribution(DIST_NAME)
    except importlib.metadata.PackageNotFoundError:
        return []
    here = {os.path.realpath(p) for p in own.submodule_search_locations}
    tops = {
        os.path.realpath(str(dist.locate_file(f.parts[0]))) for f in dist.files or () if f.parts
    }
    return [dist] if here & tops else []  # an editable install lists no packages: a checkout


def _existing(path: str) -> str:
    """``path`` resolved; inside an archive (a zipapp), the archive file itself."""
    p = Path(os.path.realpath(path))
    while not p.exists() and p != p.parent:
        p = p.parent
    return "" if p == p.parent else str(p)


def masks(mounted: Iterable[str]) -> list[str]:
    """Coach's paths that a sandbox mounting ``mounted`` (host paths, shown at the same place)
    would show, outermost only: each must be covered by an empty directory (or file)."""
    roots = tuple(os.path.realpath(m) for m in mounted if os.path.exists(m))
    paths = {*coach_paths(), *other_installs(roots)}
    hits = [p for p in sorted(paths) if any(_within(p, r) for r in roots)]
    return [p for p in hits if not any(q != p and _within(p, q) for q in hits)]
