"""Code that builds or finds at run time what it runs: static analysis cannot read it.

``exec``/``eval`` of a string, JavaScript's ``Function(...)`` and ``vm``, Java reflection
(``Method.invoke``), Go's ``reflect``/``unsafe``, dynamic loading in C++: what such code does is
not in the text the analyser reads, so its complexity claim (usually "constant": the loops are
inside a string) must not be believed. ``dynamic_code`` names the first places it happens; the
analyser then reports its classes at low confidence with that evidence.
"""

from __future__ import annotations

import re

from coach_engine.judge.static.models import Confidence, Evidence, Finding, Severity, StaticReport

_PATTERNS: dict[str, tuple[tuple[str, str], ...]] = {
    "python": (
        (r"\b(exec|eval|compile)\s*\(", "runs code built from a string"),
        (r"\b__import__\s*\(|\bimportlib\b", "imports a module by name"),
        (r"\b(ctypes|marshal|types\.FunctionType|types\.CodeType)\b", "builds code at run time"),
        (r"\bglobals\s*\(|__code__|__builtins__", "rewrites names at run time"),
        (r"^\s*(time|os|sys|builtins|threading|json)\s*\.\s*\w+\s*=(?!=)", "patches a library"),
    ),
    "javascript": (
        (r"\b(eval|Function)\s*\(|\bnew\s+Function\b", "runs code built from a string"),
        (r"\bvm\s*\.\s*\w+|\brequire\s*\(\s*['\"]vm['\"]", "runs code built from a string"),
        (r"\bReflect\s*\.|\bProxy\s*\(|\bnew\s+Proxy\b", "calls through reflection"),
        (r"\b(process|globalThis|Math|JSON)\s*\.\s*\w+\s*=(?!=)", "patches a library"),
    ),
    "java": (
        (
            r"\.\s*invoke\s*\(|\bgetDeclaredMethods?\s*\(|\bgetMethods?\s*\(",
            "calls through reflection",
        ),
        (r"\bClass\s*\.\s*forName\b|\bMethodHandles?\b|\bScriptEngine", "loads code by name"),
    ),
    "go": (
        (r"\breflect\s*\.", "calls through reflection"),
        (r"\bunsafe\s*\.|\bplugin\s*\.|\bgo:linkname\b", "reaches past the type system"),
    ),
    "cpp": (
        (r"\b(dlopen|dlsym|mmap|mprotect)\s*\(", "loads or writes code at run time"),
        (r"\b(asm|__asm__)\b", "inline assembly"),
        (r"^\s*#\s*define\s+\w+\(", "a function-like macro rewrites the code"),
    ),
}
_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`[^`]*`', re.DOTALL)
_COMMENTS = {
    "python": re.compile(r"#[^\n]*"),
    "default": re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL),
}


def dynamic_code(code: str, language: str, limit: int = 3) -> list[Evidence]:
    """Where ``code`` runs what it builds or finds at run time (at most ``limit`` places)."""
    patterns = _PATTERNS.get(language)
    if not patterns:
        return []
    comments = _COMMENTS.get(language, _COMMENTS["default"])
    # comments first (a quote inside one is not a string), then string contents
    text = comments.sub(_blank, code)
    text = _STRINGS.sub(lambda m: m.group(0)[0] + _blank(m)[2:] + m.group(0)[-1], text)
    found: list[Evidence] = []
    for pattern, what in patterns:
        for m in re.finditer(pattern, text, re.MULTILINE):
            line = text.count("\n", 0, m.start()) + 1
            found.append(Evidence(line=line, text=f"{what} (`{m.group(0).strip()}`): not analysed"))
            break
    return sorted(found, key=lambda e: e.line)[:limit]


def _blank(m: re.Match[str]) -> str:
    """Spaces for a match, newlines kept (line numbers stay right)."""
    return re.sub(r"[^\n]", " ", m.group(0))


def distrust_dynamic(report: StaticReport, code: str, language: str) -> StaticReport:
    """``report`` at low confidence, with the dynamic code first in its evidence, if any, and
    a major quality finding: code a reader (and the analyser) cannot read."""
    found = dynamic_code(code, language)
    if not found:
        return report
    update: dict[str, object] = {}
    for part in ("time", "space"):
        c = getattr(report, part)
        update[part] = c.model_copy(
            update={"confidence": Confidence.LOW, "evidence": [*found, *c.evidence][:8]}
        )
    finding = Finding(
        rule="dynamic-code",
        line=found[0].line,
        severity=Severity.MAJOR,
        message=f"{found[0].text.split(' (`')[0]}: an interviewer cannot read what it runs",
    )
    update["findings"] = [finding, *report.findings]
    return report.model_copy(update=update)
