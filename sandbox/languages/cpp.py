"""C++23 with clang++ -O2 (C++20 with g++ as a fallback), one binary running every case.

LeetCode compiles C++ with a current clang in C++23 mode against GCC's libstdc++, and accepted
solutions use C++23's deducing ``this`` (``auto dfs = [&](this auto&& self, int u) {...}``), which
needs clang >= 18 (g++ 12 cannot). So the compiler is the newest ``clang++-N`` (N >= 18) with
``-std=c++23`` — Debian 12 main has clang-19, which ``scripts/setup.sh`` installs — against the
system's libstdc++ (GCC 12's: ``bits/stdc++.h`` and ``__gnu_pbds`` work as on LeetCode;
``std::format`` and ``ranges::fold_left`` need libstdc++ 13 and are missing). Without a clang >= 18
it falls back to ``g++ -std=c++20``. ``coach doctor`` shows which one and which standard. The
figures behind the choice are in docs/PERFORMANCE.md ("Toolchain versions").

With a cache directory the compile reuses two artefacts built once per compiler and harness
version by ``precompile()``: a precompiled ``bits/stdc++.h`` (built with exactly the compile
flags) and ``coach_runtime.o`` (the driver's JSON/timing code). Measured: about 2.1 s of CPU per
compile without them, 0.5 s with, for either compiler. g++ finds its ``bits/stdc++.h.gch`` next
to the header on the include path; clang is given ``-include-pch`` (it does not look for one), and
its PCH is built from a ``pch.h`` kept in the cache, because clang checks that the PCH's input
files are unchanged when it loads it. A compile without the cache still works: the script falls
back to compiling the runtime source, without a PCH.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass

from sandbox.harness import cpp as harness
from sandbox.harness.compiler_output import remap_driver_output
from sandbox.languages.base import DEEP_STACK_BYTES, Driver, LanguageRunner, Precompile, Toolchain
from sandbox.languages.toolchain import binds_for, find, version_line
from sandbox.spec import Limits, Signature

MIN_CLANG = 18  # deducing this (P0847)
CLANG_STD = "c++23"
GCC_STD = "c++20"
CLANG_DIRS = ("/usr/bin",)  # where Debian's clang-N packages put clang++-N
OPT = "-O2"
# The source excerpt keeps its code but not its gutter of file line numbers (not the candidate's).
DIAGNOSTICS = ("-fdiagnostics-color=never", "-fno-diagnostics-show-line-numbers", "-pipe")
ERROR_LIMIT = {"clang": "-ferror-limit=30", "gcc": "-fmax-errors=30"}
BINARY = "main"
PCH = {"clang": "stdc++.pch", "gcc": "bits/stdc++.h.gch"}

# $1: cache directory for this compiler/harness version; $2: the compiler's kind (how it is given
# the PCH); then the compiler command to complete.
_COMPILE = (
    'd=$1; kind=$2; shift 2; if [ -f "$d/ready" ]; then '
    f'if [ "$kind" = clang ]; then set -- "$@" -include-pch "$d/{PCH["clang"]}"; '
    'else set -- "$@" -I"$d"; fi; '
    f'exec "$@" -D{harness.PREBUILT_MACRO} {harness.CANDIDATE_FILE} "$d/coach_runtime.o"; '
    f'else exec "$@" {harness.CANDIDATE_FILE}; fi'
)
# $1: cache directory; $2: the PCH's path inside it. Outputs are renamed into place, so a
# concurrent compile never sees half a file.
_PRECOMPILE = (
    'set -e; d=$1; out=$d/$2; shift 2; mkdir -p "$(dirname "$out")"; '
    '[ -f "$d/pch.h" ] || cp pch.h "$d/pch.h"; '
    '"$@" -x c++-header "$d/pch.h" -o "$out.$$"; mv -f "$out.$$" "$out"; '
    f'"$@" -c {harness.RUNTIME_SOURCE} -o "$d/.o.$$"; '
    'mv -f "$d/.o.$$" "$d/coach_runtime.o"; '
    ': > "$d/ready"'
)


@dataclass(frozen=True)
class Compiler:
    """The chosen C++ compiler: ``kind`` is ``clang`` or ``gcc``."""

    path: str
    kind: str
    std: str

    @property
    def flags(self) -> tuple[str, ...]:
        """Everything that changes code generation (the PCH is built with exactly these)."""
        return (f"-std={self.std}", OPT)


def find_compiler(install_hint: str) -> Compiler:
    """The newest ``clang++-N`` with N >= ``MIN_CLANG`` in ``CLANG_DIRS``, else ``g++``."""
    found = []
    for d in CLANG_DIRS:
        for path in glob.glob(f"{d}/clang++-*"):
            m = re.fullmatch(r"clang\+\+-(\d+)", os.path.basename(path))
            if m and int(m[1]) >= MIN_CLANG and os.access(path, os.X_OK):
                found.append((int(m[1]), path))
    if found:
        return Compiler(max(found)[1], "clang", CLANG_STD)
    return Compiler(find("g++", install_hint, what="A C++ compiler"), "gcc", GCC_STD)


class CppRunner(LanguageRunner):
    name = "cpp"
    compiled = True
    extensions = (".cpp", ".cc", ".cxx")
    install_hint = "apt-get install clang-19"

    def compiler(self) -> Compiler:
        return find_compiler(self.install_hint)

    def toolchain(self) -> Toolchain:
        cc = self.compiler()
        version = version_line(cc.path, "--version")
        if cc.kind == "clang":
            # The GCC installation clang takes libstdc++ from (its libgcc's directory).
            libgcc = version_line(cc.path, "-print-libgcc-file-name")
            gcc = os.path.basename(os.path.dirname(libgcc))
            version += f"; -std={cc.std}, libstdc++ of GCC {gcc}"
        else:
            version += f"; -std={cc.std} (no clang >= {MIN_CLANG}: `{self.install_hint}`)"
        return Toolchain(version=version, binds=binds_for([cc.path]))

    def driver(self, signature: Signature, code: str) -> Driver:
        return harness.generate(signature, code)

    def _command(self) -> list[str]:
        cc = self.compiler()
        return [cc.path, *cc.flags, *DIAGNOSTICS, ERROR_LIMIT[cc.kind]]

    def _cache_subdir(self) -> str:
        """``cache_dir``/cpp-<hash of compiler version, flags, runtime and ``cache_dir``>: new per
        upgrade, and one per place the cache is seen at (clang's PCH names its header by absolute
        path: one built where bwrap mounts the cache, ``/cache``, is refused at the unsafe
        backend's host path)."""
        h = hashlib.sha256(self.toolchain().version.encode())
        h.update(str(self.cache_dir).encode())
        h.update(repr(self.compiler().flags).encode())
        for content in harness.runtime_files().values():
            h.update(content.encode())
        return f"cpp-{h.hexdigest()[:16]}"

    def compile_argv(self, workdir: str) -> list[str] | None:
        if self.cache_dir is None:
            return [*self._command(), "-o", BINARY, harness.CANDIDATE_FILE]
        cache = f"{self.cache_dir}/{self._cache_subdir()}"
        kind = self.compiler().kind
        return ["/bin/sh", "-c", _COMPILE, "sh", cache, kind, *self._command(), "-o", BINARY]

    def precompile(self) -> Precompile | None:
        if self.cache_dir is None:
            return None
        sub = self._cache_subdir()
        pch = PCH[self.compiler().kind]
        return Precompile(
            files={"pch.h": "#include <bits/stdc++.h>\n", **harness.runtime_files()},
            argv=[
                "/bin/sh",
                "-c",
                _PRECOMPILE,
                "sh",
                f"{self.cache_dir}/{sub}",
                pch,
                *self._command(),
            ],  # fmt: skip
            stamp=f"{sub}/ready",
        )

    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        return [f"{workdir}/{BINARY}"]

    def stack_limit_bytes(self, limits: Limits) -> int:
        return DEEP_STACK_BYTES

    def map_compiler_output(self, output: str, driver: Driver) -> str:
        return remap_driver_output(output, driver)
