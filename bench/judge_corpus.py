"""Judge fidelity on an external corpus of accepted LeetCode solutions (issue 11).

The corpus is a directory OUTSIDE this repository (third-party code never enters it), built by
``bench/judge_corpus_build.py``: ``<corpus>/<slug>/<author>-<n>.<ext>`` plus ``manifest.json``
giving, per file, the problem, language, source repository and path, the author's stated time and
space complexity (``null`` when not stated), whether the author claims it was accepted
(``accepted_claim``: true for repositories of accepted submissions, null for explanatory articles)
and whether it is the optimal approach.

Every file goes through the real entry point, exactly as a person would paste it:

* ``coach run FILE --problem SLUG --tests all --json``  (the AC figures)
* ``coach feedback FILE --problem SLUG --json``          (``--judge``: the complexity figures)

Results are cached per (kind, problem, language, file content) under ``<corpus>/.cache`` so an
interrupted run resumes; ``--fresh`` ignores the cache (toolchains and the judge change under us).

Usage::

    .venv/bin/python bench/judge_corpus.py --corpus /work/corpus --jobs 2 --out results.json
    .venv/bin/python bench/judge_corpus.py --corpus /work/corpus --lang go --slug two-sum --judge

How stated and measured complexity are compared
-----------------------------------------------
Both the author's expression and the judge's label are reduced by ``reduce_big_o`` to one class
``(exponential, degree, log power)`` in the single size ``n`` that the problem's generator grows
(its ``[size_params]``), and compared for equality:

* each size variable contributes degree 1 (``m*n``, ``ROWS*COLS``, ``n^2``, ``V*E`` are degree 2;
  a sum takes its largest term: ``O(m+n)`` and ``O(V+E)`` are degree 1); ``log`` of anything
  that grows counts one log power; ``min(a, b)`` takes the smaller degree;
* variables the generator holds bounded count as constants: alphabet sizes (``Σ``, ``C`` and
  ``26`` on string problems), word length and group size on group-anagrams and word length on
  word-ladder (≤ 100 and ≤ 10),
  the coin count on coin-change (≤ 12: a product with it is linear in ``amount``), the short side
  of unique-paths (the answer bound keeps it ≤ ~16 when the long side grows), and the whole
  board of sudoku-solver (9 x 9, so LeetCode authors' ``O(9^81)`` or ``O(1)`` are both constant in
  the bank's n = empty cells and are compared as exponential-or-constant: see ``FIXED``);
* ``2^n``, ``9^m``, ``n!`` are exponential (any base): two exponential classes agree;
  search-tree notation (``O(b^(d/2))``: branching factor and depth) has no n and is not compared;
* the judge's ``O(m·n)`` is degree 2, like the authors' ``O(n^2)`` on a square grid.

A class agrees when all three parts are equal. Entries with no stated complexity are counted as
"not stated" and left out of the agreement percentage.

Space is reported twice. The strict figure compares the judge's class as it is; the judge counts
the language's sort buffer (TimSort's O(n) in CPython, Java objects and V8, ``std::sort``'s
O(log n) stack), which is the lead's convention. Authors usually state in-place sort space
(O(1) or O(log n)), so the second figure, "excluding the sort-space convention", also counts as
agreeing a file whose judge evidence shows the sort buffer as the only thing that grows (the
output aside) and whose author states O(1) or O(log n) (``sort_convention_only``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COACH = ROOT / ".venv" / "bin" / "coach"
LANGS = ("python", "java", "cpp", "go", "javascript")
CACHED_ONLY = False  # --cached-only: report what is cached, run nothing
RERUN_FAILURES = False  # --rerun-failures: cached failures are run again (toolchains change)

# ----------------------------------------------------------------------------- complexity classes

ALPHABET = {"σ", "sigma", "|σ|", "c", "26", "128", "256", "52", "charset", "alphabet"}
BOUNDED: dict[str, set[str]] = {
    "group-anagrams": ALPHABET | {"k", "l", "m", "w", "s", "g", "len", "maxlen"},
    "word-ladder": ALPHABET | {"l", "m", "k", "len"},
    "valid-anagram": ALPHABET,
    "longest-substring-without-repeating-characters": ALPHABET | {"m", "k"},
    # kamyu104's O(k): k distinct characters of t, at most the alphabet
    "minimum-window-substring": ALPHABET | {"k"},
    "top-k-frequent-elements": set(),
}
# Problems where one factor of a product is bounded by the constraints (see the module doc).
ONE_BOUNDED_FACTOR = {"coin-change", "unique-paths"}
# Problems whose whole input is fixed in LeetCode's terms; stated classes are not comparable in
# the bank's growing n, so a stated exponential or constant is accepted against either.
FIXED = {"sudoku-solver"}


@dataclass(frozen=True)
class BigO:
    exponential: bool
    degree: float
    logs: int

    def __str__(self) -> str:
        if self.exponential:
            return "O(c^n)"
        d = {0.5: "√n", 1: "n", 1.5: "n√n"}.get(self.degree, f"n^{self.degree:g}")
        d = d if self.degree else "1"
        if self.logs and self.degree:
            return f"O({d} log n)" if self.logs == 1 else f"O({d} log^{self.logs} n)"
        if self.logs:
            return "O(log n)"
        return f"O({d})"


# Multi-letter names read as one variable (neetcode's ROWS*COLS, 'amount', ...); other short
# runs of letters are products ("mn" is m*n).
_TOKEN = re.compile(r"log|sqrt|min|max|\d+(?:\.\d+)?|[a-zσα|_]+|[()^*/,+!]")
_WORDS = {"rows", "cols", "amount", "target", "nums", "height", "word", "words", "len"}


def _clean(text: str) -> str | None:
    m = re.search(r"O\s*\((.*)\)", text, re.S | re.I)
    if not m:
        return None
    body = m.group(1).lower()
    for a, b in (
        ("**", "^"),
        ("×", "*"),
        ("·", "*"),
        ("⋅", "*"),
        ("\\times", "*"),
        ("\\cdot", "*"),
        ("\\log", "log"),
        ("\\sqrt", "sqrt"),
        ("√", "sqrt"),
        ("\\sigma", "σ"),
        ("\\alpha", "α"),
        ("\\", ""),
        ("{", "("),
        ("}", ")"),
        ("[", "("),
        ("]", ")"),
    ):
        body = body.replace(a, b)
    return re.sub(r"α\([^)]*\)", "", body)  # inverse Ackermann: constant


class _Parser:
    """expr := term ('+' term)*;  term := power (['*' | '/'] power)*;
    power := atom ('^' atom)? '!'?;
    atom := number | name | log atom | sqrt atom | min/max(args) | (expr)."""

    def __init__(self, body: str, bounded: set[str]) -> None:
        self.toks = _TOKEN.findall(body.replace("log", " log ").replace("sqrt", " sqrt "))
        self.i = 0
        self.bounded = bounded

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> str:
        self.i += 1
        return self.toks[self.i - 1]

    def expr(self) -> BigO:
        terms = [self.term()]
        while self.peek() == "+":
            self.take()
            terms.append(self.term())
        if any(t.exponential for t in terms):
            return BigO(True, 0, 0)
        return max(terms, key=lambda b: (b.degree, b.logs))

    def term(self) -> BigO:
        out = self.power()
        while self.peek() not in (None, "+", ")", ","):
            if self.take() == "/":
                self.power()  # a denominator only lowers the class; ignored
                continue
            if self.toks[self.i - 1] != "*":
                self.i -= 1  # juxtaposition: "n log n", "mn"
            nxt = self.power()
            out = BigO(
                out.exponential or nxt.exponential, out.degree + nxt.degree, out.logs + nxt.logs
            )
        return out

    def power(self) -> BigO:
        tok = self.peek() or ""
        base = self.atom()
        numeric = bool(re.fullmatch(r"[\d.]+", tok)) and float(tok) > 1
        if self.peek() == "^":
            self.take()
            exp_tok = self.peek() or ""
            frac = self.toks[self.i : self.i + 5]
            if len(frac) == 5 and frac[0] == "(" and frac[2] == "/" and frac[4] == ")":
                exp_tok = f"{float(frac[1]) / float(frac[3]):g}"  # n^(1/2), n^(3/2)
            exp = self.atom()
            if exp.degree > 0 or exp.exponential:
                base = BigO(True, 0, 0) if base.degree > 0 or numeric else base
            else:
                p = float(exp_tok) if re.fullmatch(r"[\d.]+", exp_tok) else 1.0
                base = BigO(base.exponential, base.degree * p, base.logs * int(p))
        if self.peek() == "!":
            self.take()
            base = BigO(base.degree > 0, 0, 0)
        return base

    def atom(self) -> BigO:
        tok = self.take() if self.peek() is not None else ""
        if tok == "(":
            inner = self.expr()
            if self.peek() == ")":
                self.take()
            return inner
        if tok == "log":
            if self.peek() in (None, "+", ")", "*", ","):
                return BigO(False, 0, 1)
            arg = self.atom()
            return BigO(False, 0, 1 if arg.degree > 0 or arg.exponential else 0)
        if tok == "sqrt":  # √n, sqrt(n), sqrt n: half the argument's degree
            arg = self.atom()
            return BigO(arg.exponential, arg.degree / 2, arg.logs)
        if tok in ("min", "max") and self.peek() == "(":
            self.take()
            parts = [self.expr()]
            while self.peek() == ",":
                self.take()
                parts.append(self.expr())
            if self.peek() == ")":
                self.take()
            pick = min if tok == "min" else max
            return pick(parts, key=lambda b: (b.exponential, b.degree, b.logs))
        if not tok or re.fullmatch(r"[\d.]+", tok) or tok in self.bounded or tok in "^*/,+!)":
            return BigO(False, 0, 0)
        if tok in _WORDS or len(tok) > 2:
            return BigO(False, 1, 0)
        return BigO(False, sum(ch not in self.bounded for ch in tok), 0)


def _expr(body: str, bounded: set[str]) -> BigO:
    return _Parser(body, bounded).expr()


def reduce_big_o(text: str | None, slug: str) -> BigO | None:
    """The class of a written big-O in the problem's generator size (see the module doc)."""
    if not text:
        return None
    body = _clean(text)
    if body is None:
        return None
    if re.search(r"\bb\s*\^", body):  # search-tree notation (branching b, depth d): no n in it
        return None
    bounded = BOUNDED.get(slug, set()) | {"α"}
    try:
        out = _expr(body, bounded)
    except (AttributeError, ValueError, IndexError):
        return None
    if slug in ONE_BOUNDED_FACTOR and out.degree >= 2 and not out.exponential:
        out = BigO(False, out.degree - 1, out.logs)
    return out


def agree(stated: str | None, measured: str | None, slug: str) -> bool | None:
    a, b = reduce_big_o(stated, slug), reduce_big_o(measured, slug)
    if a is None:
        return None  # nothing (comparable) stated
    if b is None:
        return False  # the judge gave no class where the author states one
    if slug in FIXED and (a.exponential or a.degree == 0) and (b.exponential or b.degree == 0):
        return True
    if a.exponential and b.exponential:
        return True
    return a == b


# Files whose author states a class the code demonstrably does not have, with the class it has
# and why (one line, checkable by reading the file). The "judge right" figures count the judge's
# class as right on these when it is the true one; the strict figures do not.
STATED_WRONG: dict[tuple[str, str], tuple[str, str]] = {
    ("median-of-two-sorted-arrays/neetcode-5.js", "time"): (
        "O(n)",
        "`mid1 = left + right` is not a midpoint: while `left` stays 0 each miss sets `right = "
        "mid1 - 1`, one step down, so a partition near the start takes len(nums1) rounds",
    ),
    ("contains-duplicate/doocs-9.js", "time"): (
        "O(n)",
        "the file is `new Set(nums).size !== nums.length` (a hash set, one pass), filed under "
        "doocs' 'Solution 1: Sorting, O(n log n)'",
    ),
    ("merge-intervals/doocs-1.py", "space"): (
        "O(n)",
        "`for s, e in intervals[1:]` copies n - 1 intervals (and CPython's sort buffer is n/2): "
        "not O(log n)",
    ),
}


def judge_right(entry: dict[str, Any], result: dict[str, Any], aspect: str) -> bool | None:
    """Agreement with the author, or with the true class where the author's is demonstrably
    wrong (``STATED_WRONG``)."""
    strict = agree(entry.get(f"stated_{aspect}"), result.get(aspect), entry["slug"])
    wrong = STATED_WRONG.get((entry["file"], aspect))
    if strict is not False or wrong is None:
        return strict
    return agree(wrong[0], result.get(aspect), entry["slug"])


# ----------------------------------------------------------------------------- running


def _cache_path(cache: Path, kind: str, entry: dict, code: bytes) -> Path:
    key = hashlib.sha256(code + f"\0{kind}\0{entry['slug']}\0{entry['language']}".encode())
    return cache / kind / f"{key.hexdigest()[:24]}.json"


def _coach(args: list[str], timeout: float) -> tuple[dict | None, str, float]:
    start = time.monotonic()
    try:
        out = subprocess.run([str(COACH), *args], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"harness timeout after {timeout:.0f} s", time.monotonic() - start
    wall = time.monotonic() - start
    try:
        return json.loads(out.stdout), out.stderr.strip(), wall
    except json.JSONDecodeError:
        return None, (out.stderr or out.stdout).strip()[-500:], wall


def run_one(corpus: Path, entry: dict, kind: str, fresh: bool) -> dict:
    """Run one file through ``coach run`` (kind "run") or ``coach feedback`` (kind "judge")."""
    path = corpus / entry["file"]
    code = path.read_bytes()
    cache = _cache_path(corpus / ".cache", kind, entry, code)
    if cache.exists() and not fresh:
        cached = json.loads(cache.read_text())
        if not (RERUN_FAILURES and cached["verdict"] != "AC"):
            return cached
    if CACHED_ONLY:
        return {"verdict": "HARNESS", "cause": "not measured yet (--cached-only)"}
    if kind == "run":
        args = ["run", str(path), "--problem", entry["slug"], "--tests", "all", "--json"]
        data, err, wall = _coach(args, timeout=600)
        result = summarise_run(data, err)
    else:
        args = ["feedback", str(path), "--problem", entry["slug"], "--json"]
        data, err, wall = _coach(args, timeout=600)
        result = summarise_judge(data, err)
    result["wall_s"] = round(wall, 2)
    result["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if not _infrastructure_failure(result):  # retried next time rather than remembered
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(result))
    return result


def _infrastructure_failure(result: dict) -> bool:
    """Failures of the run itself, not of the solution (the sandbox is being changed under us)."""
    cause = result.get("cause", "")
    return result["verdict"] == "HARNESS" or bool(
        re.search(r"Internal error|result channel|sandbox (?:failed|error)|pch", cause)
    )


def _first_line(text: str, pattern: str = r"error|Error|cannot|undefined") -> str:
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    hit = next((ln for ln in lines if re.search(pattern, ln)), lines[0] if lines else "")
    hit = re.sub(r"/[\w/.-]*/", "", hit)  # sandbox paths differ per run
    return hit[:160]


def summarise_run(data: dict | None, err: str) -> dict:
    if data is None:
        return {"verdict": "HARNESS", "cause": _first_line(err) or "no JSON output"}
    verdict = data["verdict"]
    out: dict[str, Any] = {"verdict": verdict, "passed": data["passed"], "total": data["total"]}
    tests = data.get("tests") or []
    out["max_cpu_ms"] = max((t["time_ms"] for t in tests), default=0.0)
    if verdict == "AC":
        return out
    if verdict == "CE":
        out["cause"] = "CE: " + _first_line(data.get("compile_output", ""))
        return out
    bad = next((t for t in tests if t["verdict"] != "AC"), None)
    if bad is None:
        out["cause"] = verdict
        return out
    where = f"test {bad['index'] + 1}{' (hidden)' if bad['hidden'] else ''}"
    out["failed_test"] = bad["index"]
    out["failed_time_ms"] = bad["time_ms"]
    detail = ""
    if bad["verdict"] in ("RE", "MLE") or bad.get("stderr"):
        detail = ": " + _first_line(bad.get("stderr") or bad.get("stdout") or "", r"\w")
    out["cause"] = f"{bad['verdict']} on {where}{detail}"
    return out


def summarise_judge(data: dict | None, err: str) -> dict:
    if data is None:
        return {"verdict": "HARNESS", "cause": _first_line(err) or "no JSON output"}
    c = data["complexity"]
    return {
        "verdict": data["correctness"]["verdict"],
        "passed_overall": data["passed"],
        "score": data["overall_score"],
        "time": c["time"]["big_o"],
        "time_how": c["time"].get("how", "")[:400],
        "time_agreement": c["time"].get("agreement"),
        "versus_optimal": c["time"].get("versus_optimal"),
        "space": c["space"]["big_o"],
        "space_how": c["space"].get("how", "")[:300],
    }


# ----------------------------------------------------------------------------- reporting


def group_of(entry: dict) -> str:
    """'accepted' (one submission from a repository of accepted solutions), 'multi' (a file
    holding several solutions: a collection, not what LeetCode accepted), 'broken' (does not compile
    anywhere; see NOT_SUBMITTABLE in judge_corpus_build.py) or 'article'."""
    kind = entry.get("kind", "submission")
    groups = {"submission": "accepted", "multi-solution file": "multi", "not submittable": "broken"}
    return groups.get(kind, "article")


def report_runs(rows: list[tuple[dict, dict]]) -> dict:
    summary: dict[str, Any] = {}
    titles = {
        "accepted": "one submission each, from repositories of accepted solutions",
        "multi": "files holding several solutions (collections, not one submission)",
        "article": "explanatory approaches, not claimed accepted; brute force may TLE",
        "broken": "published files that compile nowhere (kept out of the figures above)",
    }
    for group, title in titles.items():
        print(f"\n== AC — {group}: {title}")
        print(f"{'language':<11} {'AC':>5} {'total':>6} {'%':>7} {'not measured':>13}")
        per: dict[str, Any] = {}
        for lang in LANGS:
            sel = [(e, r) for e, r in rows if e["language"] == lang and group_of(e) == group]
            if not sel:
                continue
            lost = sum(_infrastructure_failure(r) for _, r in sel)  # rerun these
            n = len(sel) - lost
            ac = sum(r["verdict"] == "AC" for _, r in sel)
            pct = round(100 * ac / n, 1) if n else 0.0
            per[lang] = {"ac": ac, "total": n, "pct": pct, "not_measured": lost}
            print(f"{lang:<11} {ac:>5} {n:>6} {pct:>6.1f}% {lost:>13}")
        summary[group] = per
    print("\n== Failures by verdict and cause (accepted solutions)")
    fails: dict[str, list] = defaultdict(list)
    for e, r in rows:
        if r["verdict"] != "AC" and group_of(e) == "accepted":
            fails[r["verdict"]].append((e, r))
    for verdict, items in sorted(fails.items(), key=lambda kv: (kv[0] != "CE", kv[0])):
        print(f"-- {verdict}: {len(items)}")
        causes = Counter(_cause_class(r) for _, r in items)
        for cause, n in causes.most_common():
            example = next(e["file"] for e, r in items if _cause_class(r) == cause)
            print(f"   {n:>3} × {cause[:110]}   e.g. {example}")
    summary["failures"] = [
        {"file": e["file"], "language": e["language"], "group": group_of(e), **r}
        for e, r in rows
        if r["verdict"] != "AC"
    ]
    return summary


def _cause_class(result: dict) -> str:
    """The cause without what varies between files (test number, line, milliseconds)."""
    cause = re.sub(r"test \d+", "test #", result.get("cause", ""))
    cause = re.sub(r"\d+ ms", "# ms", cause)
    return re.sub(r"(\.\w+):\d+(?::\d+)?:", r"\1:#:", cause)


_STATIC_SPACE = re.compile(r"static analysis of where containers grow \((.*?)\)(?:; peak|$)")


def sort_convention_only(space_how: str | None) -> bool:
    """Does the judge's static space class come from a library sort's buffer alone?

    Read from the judge's own evidence (`space_how`): a "sorting needs ... scratch space" item
    and nothing else that grows (the output is not auxiliary). Authors state in-place sort
    space as O(1) or O(log n); the judge keeps counting the language's sort (TimSort's O(n)
    buffer, `std::sort`'s O(log n) stack) — the lead's convention — so these files are reported
    a second time, excluding that convention."""
    m = _STATIC_SPACE.search(space_how or "")
    if m is None:
        return False
    items = [i.strip() for i in re.split(r";\s*(?=line \d+:)", m.group(1)) if i.strip()]
    sorts = [i for i in items if "sorting needs" in i]
    others = [i for i in items if i not in sorts and "is the output" not in i]
    return bool(sorts) and not others


def agree_excluding_sort(entry: dict[str, Any], result: dict[str, Any]) -> bool | None:
    """Space agreement with the sort-space convention set aside (see `sort_convention_only`)."""
    strict = agree(entry.get("stated_space"), result.get("space"), entry["slug"])
    if strict is not False or not sort_convention_only(result.get("space_how")):
        return strict
    stated = entry.get("stated_space")
    return bool(agree(stated, "O(1)", entry["slug"]) or agree(stated, "O(log n)", entry["slug"]))


def report_judge(rows: list[tuple[dict, dict]]) -> dict:
    print("\n== Complexity: judge vs the author's stated class (solutions the judge ran AC)")
    print(
        f"{'language':<11} {'time agree':>12} {'space agree':>12} {'excl. sort conv.':>17}"
        f" {'not stated':>11} {'optimal failed':>15}"
    )
    per: dict[str, Any] = {}
    mismatches = []
    for lang in LANGS:
        sel = [(e, r) for e, r in rows if e["language"] == lang]
        if not sel:
            continue
        t_ok = t_n = s_ok = s_n = s_ok_nosort = unstated = opt_failed = t_right = s_right = 0
        for e, r in sel:
            if e.get("optimal") and e.get("accepted_claim") is not False:
                failed = r["verdict"] != "AC" or not r.get("passed_overall")
                if not _infrastructure_failure(r) and failed:
                    opt_failed += 1
            if r["verdict"] != "AC":
                continue
            ta = agree(e.get("stated_time"), r.get("time"), e["slug"])
            sa = agree(e.get("stated_space"), r.get("space"), e["slug"])
            unstated += ta is None and sa is None
            if ta is not None:
                t_n, t_ok = t_n + 1, t_ok + ta
                t_right += bool(judge_right(e, r, "time"))
            if sa is not None:
                s_n, s_ok = s_n + 1, s_ok + sa
                s_ok_nosort += bool(agree_excluding_sort(e, r))
                s_right += bool(judge_right(e, r, "space") or agree_excluding_sort(e, r))
            if ta is False or sa is False:
                mismatches.append(
                    {
                        "file": e["file"],
                        "stated_time": e.get("stated_time"),
                        "judge_time": r.get("time"),
                        "time_agree": ta,
                        "stated_space": e.get("stated_space"),
                        "judge_space": r.get("space"),
                        "space_agree": sa,
                        "space_agree_excluding_sort": agree_excluding_sort(e, r),
                        "time_how": r.get("time_how"),
                    }
                )
        per[lang] = {
            "time_agree": t_ok,
            "time_n": t_n,
            "time_pct": round(100 * t_ok / t_n, 1) if t_n else None,
            "space_agree": s_ok,
            "space_n": s_n,
            "space_pct": round(100 * s_ok / s_n, 1) if s_n else None,
            "space_agree_excluding_sort": s_ok_nosort,
            "space_pct_excluding_sort": round(100 * s_ok_nosort / s_n, 1) if s_n else None,
            "time_judge_right": t_right,
            "time_pct_judge_right": round(100 * t_right / t_n, 1) if t_n else None,
            "space_judge_right": s_right,
            "space_pct_judge_right": round(100 * s_right / s_n, 1) if s_n else None,
            "not_stated": unstated,
            "optimal_marked_failed": opt_failed,
        }
        p = per[lang]
        print(
            f"{lang:<11} {t_ok:>4}/{t_n:<4}{_pct(p['time_pct'])} {s_ok:>4}/{s_n:<4}"
            f"{_pct(p['space_pct'])} {s_ok_nosort:>6}/{s_n:<4}{_pct(p['space_pct_excluding_sort'])}"
            f" {unstated:>11} {opt_failed:>15}"
        )
    print(
        f"{'':<11} {'time right':>12} {'space right':>12}   (judge right: the true class where "
        "the author's is demonstrably wrong, STATED_WRONG; space also excl. the sort convention)"
    )
    for lang, p in per.items():
        print(
            f"{lang:<11} {p['time_judge_right']:>4}/{p['time_n']:<4}"
            f"{_pct(p['time_pct_judge_right'])} {p['space_judge_right']:>4}/{p['space_n']:<4}"
            f"{_pct(p['space_pct_judge_right'])}"
        )
    for (file, aspect), (true, why) in STATED_WRONG.items():
        print(f"   stated wrong: {file} ({aspect}, truly {true}): {why}")
    print(
        "space 'excl. sort conv.': a disagreement whose static class comes from a library "
        "sort's buffer alone (the judge's evidence) counts as agreeing when the author states "
        "in-place sort space (O(1) or O(log n))"
    )
    print(f"\n{len(mismatches)} disagreements (see --out JSON for each)")
    for m in mismatches[:40]:
        print(
            f"   {m['file']}: time {m['stated_time']} vs {m['judge_time']}"
            f"{'' if m['time_agree'] is not False else ' ✗'}; space {m['stated_space']} vs "
            f"{m['judge_space']}{'' if m['space_agree'] is not False else ' ✗'}"
        )
    return {"per_language": per, "disagreements": mismatches}


def _pct(p: float | None) -> str:
    return f"{p:>5.1f}%" if p is not None else "    - "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--lang", action="append", choices=LANGS, help="repeatable")
    ap.add_argument("--slug", action="append", help="repeatable")
    ap.add_argument("--author", action="append", help="repeatable (doocs, walkccc, ...)")
    ap.add_argument(
        "--group", choices=("accepted", "multi", "article", "broken", "all"), default="all"
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--judge", action="store_true", help="also run `coach feedback` (slow)")
    ap.add_argument("--judge-only", action="store_true", help="only the complexity figures")
    ap.add_argument(
        "--stated-only",
        action="store_true",
        help="with --judge: only files with a stated complexity",
    )
    ap.add_argument("--fresh", action="store_true", help="ignore cached results")
    ap.add_argument("--cached-only", action="store_true", help="report cached results only")
    ap.add_argument("--rerun-failures", action="store_true", help="run cached failures again")
    ap.add_argument("--out", type=Path, help="write the results as JSON")
    args = ap.parse_args()

    global CACHED_ONLY, RERUN_FAILURES
    CACHED_ONLY, RERUN_FAILURES = args.cached_only, args.rerun_failures
    manifest = json.loads((args.corpus / "manifest.json").read_text())
    sel = [
        e
        for e in manifest
        if (not args.lang or e["language"] in args.lang)
        and (not args.slug or e["slug"] in args.slug)
        and (not args.author or e["author"] in args.author)
        and (args.group == "all" or group_of(e) == args.group)
    ]
    results: dict[str, Any] = {"corpus": str(args.corpus), "files": len(sel)}
    kinds = ([] if args.judge_only else ["run"]) + (
        ["judge"] if args.judge or args.judge_only else []
    )
    for kind in kinds:
        todo = sel
        if kind == "judge" and args.stated_only:
            todo = [e for e in sel if e.get("stated_time") or e.get("stated_space")]
        rows = _run_all(args.corpus, todo, kind, args.jobs, args.fresh)
        results[kind] = report_runs(rows) if kind == "run" else report_judge(rows)
        results[f"{kind}_rows"] = [{"file": e["file"], **r} for e, r in rows]
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")
        print(f"\nwrote {args.out}")


def _run_all(corpus: Path, sel: list[dict], kind: str, jobs: int, fresh: bool) -> list:
    rows: list[tuple[dict, dict]] = []
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_one, corpus, e, kind, fresh): e for e in sel}
        for i, fut in enumerate(as_completed(futures), 1):
            e = futures[fut]
            r = fut.result()
            rows.append((e, r))
            if r["verdict"] != "AC" or i % 25 == 0:
                print(
                    f"[{kind} {i}/{len(sel)} {time.monotonic() - start:.0f}s] {e['file']} "
                    f"({e['language']}): {r['verdict']} {r.get('cause', '')[:120]}",
                    file=sys.stderr,
                    flush=True,
                )
    rows.sort(key=lambda er: er[0]["file"])
    return rows


if __name__ == "__main__":
    main()
