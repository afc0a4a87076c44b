"""Build the external measuring corpus for issue 11 (judge fidelity) OUTSIDE the repository.

Third-party solutions never enter this repository: this script copies them, unchanged, from local
snapshots of public repositories into a corpus directory (default ``/work/corpus``) and writes
``manifest.json`` there. ``bench/judge_corpus.py`` then measures that directory.

Sources (each a bare git snapshot, e.g. fetched to ``/work/.mirror/<owner>+<name>/repo``):

* ``doocs/leetcode`` — all five languages; README_EN.md states time and space per solution.
* ``walkccc/LeetCode`` — Python, Java, C++; accepted solutions, no stated complexity.
* ``neetcode-gh/leetcode`` — per-language accepted solutions (``python/0001-two-sum.py``, ...),
  complexity only when a comment states it; plus ``articles/<slug>.md``: several approaches per
  problem with stated complexity, written for explanation (not claimed accepted on LeetCode).
* ``kamyu104/LeetCode-Solutions`` — C++ (and Go/Java where present) with ``// Time: / Space:``
  headers. Its ``Python/`` directory is Python 2 and is left out.
* ``AlgoMaster-io/leetcode-solutions`` — articles per language with several approaches each and
  stated complexity (not claimed accepted).

Each manifest entry says where the code came from, the complexity the author states (``null`` when
none is stated), whether the author claims it was accepted (``accepted_claim``) and whether it is
the optimal approach (``optimal``, with ``optimal_basis`` saying whether the author says so or it
is derived from the author's own stated complexities).

Usage: python bench/judge_corpus_build.py [--mirrors /work/.mirror] [--out /work/corpus]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

LANGS = {"python": "py", "java": "java", "cpp": "cpp", "go": "go", "javascript": "js"}


def git_show(repo: Path, path: str) -> str | None:
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], capture_output=True
    )
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None


def git_ls(repo: Path, path: str = "") -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD", "--", path],
        capture_output=True,
        text=True,
    )
    return out.stdout.splitlines()


def bank() -> dict[str, str]:
    """slug -> title of the bundled bank."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from coach_engine.problems import ProblemBank

    b = ProblemBank()
    return {p.slug: p.title for p in (b.get(s) for s in b.slugs())}


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.lower())


def entry(slug, lang, author, repo, path, code, time=None, space=None, **extra) -> dict:
    return {
        "slug": slug,
        "language": lang,
        "author": author,
        "source_repo": repo,
        "source_path": path,
        "code": code,
        "stated_time": time,
        "stated_space": space,
        "stated_source": extra.pop("stated_source", None if time is None else "author"),
        "accepted_claim": extra.pop("accepted_claim", True),
        "optimal": extra.pop("optimal", None),
        "optimal_basis": extra.pop("optimal_basis", None),
        **extra,
    }


# ----------------------------------------------------------------------------- complexity text

_TEX = [
    (r"\\times|\\cdot|×|\*", "*"),
    (r"\\log", "log"),
    (r"\\textit\{([^}]*)\}|\\text\{([^}]*)\}|\\mathit\{([^}]*)\}", r"\1\2\3"),
    (r"\\left|\\right|\\,|\\ ", ""),
    (r"\{|\}", ""),
]


def tex(s: str) -> str:
    for pat, rep in _TEX:
        s = re.sub(pat, rep, s)
    return re.sub(r"\s+", " ", s).strip()


def stated(text: str) -> tuple[str | None, str | None]:
    """(time, space) from prose like 'time complexity is $O(n)$, space complexity $O(1)$'."""
    t = s = None
    both = re.search(
        r"time and space complexit(?:y|ies)\s*(?:are|is)?\s*(?:both)?\s*\$?(O\([^$]*?\))\$?",
        text,
        re.I,
    )
    if both:
        t = s = tex(both.group(1))
    m = re.search(r"time complexity[^$O\n]{0,40}\$?(O\(.*?\))\$?(?=[\s,.;:]|$)", text, re.I)
    if m:
        t = tex(m.group(1))
    m = re.search(r"space complexity[^$O\n]{0,40}\$?(O\(.*?\))\$?(?=[\s,.;:]|$)", text, re.I)
    if m:
        s = tex(m.group(1))
    return t, s


def _rank(big_o: str | None) -> float:
    """A rough order of growth, only to pick an author's fastest solution as 'optimal'."""
    if not big_o:
        return 1e9
    b = big_o.replace(" ", "").lower()
    if re.search(r"\d\^|!|\^n|\^\(", b) and not re.search(r"\^[2-3]\)|\^2|\^3", b):
        return 1e6
    score = 0.0
    score += 2 * len(re.findall(r"\^2", b)) + 3 * len(re.findall(r"\^3", b))
    score += b.count("*") + 1
    score += 0.5 * b.count("log")
    if b in ("o(1)",):
        score = 0
    elif re.fullmatch(r"o\(log\w*\)", b):
        score = 0.5
    return score


def mark_optimal(group: list[dict], basis: str) -> None:
    """Among one author's solutions of one problem (all its languages: an approach written in
    one language only still sets the bar), mark those with the fastest stated time."""
    known = [e for e in group if e["stated_time"]]
    if not known:
        return
    best = min(_rank(e["stated_time"]) for e in known)
    for e in known:
        e["optimal"] = _rank(e["stated_time"]) == best
        e["optimal_basis"] = basis


# ----------------------------------------------------------------------------- sources


def doocs(repo: Path, titles: dict[str, str]) -> Iterator[dict]:
    want = {_key(t): s for s, t in titles.items()}
    dirs = {}
    for p in git_ls(repo, "solution"):
        parts = p.split("/")
        if len(parts) == 4 and parts[3] == "README_EN.md":
            name = parts[2].split(".", 1)[1]
            if _key(name) in want:
                dirs[want[_key(name)]] = "/".join(parts[:3])
    fence = {"python": "python", "java": "java", "cpp": "cpp", "go": "go", "javascript": "js"}
    for slug, d in sorted(dirs.items()):
        readme = git_show(repo, f"{d}/README_EN.md") or ""
        files = set(git_ls(repo, d))
        sections = re.findall(r"<!-- solution:start -->(.*?)<!-- solution:end -->", readme, re.S)
        per_lang: dict[str, list[dict]] = {}
        for k, sec in enumerate(sections, 1):
            prose = sec.split("<!-- tabs:start -->")[0]
            heading = re.search(r"^### (.*)$", prose, re.M)
            t, s = stated(prose)
            for lang, tag in fence.items():
                m = re.search(rf"```{tag}\n(.*?)```", sec, re.S)
                if not m:
                    continue
                code = m.group(1)
                fname = f"{d}/Solution{'' if k == 1 else k}.{LANGS[lang]}"
                path = fname if fname in files else f"{d}/README_EN.md#solution-{k}"
                if fname in files:
                    code = git_show(repo, fname) or code
                e = entry(
                    slug,
                    lang,
                    "doocs",
                    "doocs/leetcode",
                    path,
                    code,
                    t,
                    s,
                    approach=heading.group(1) if heading else None,
                )
                per_lang.setdefault(lang, []).append(e)
        every = [e for group in per_lang.values() for e in group]
        mark_optimal(every, "derived: lowest stated time among this author's solutions")
        yield from every


def walkccc(repo: Path, titles: dict[str, str]) -> Iterator[dict]:
    want = {_key(t): s for s, t in titles.items()}
    ext = {"py": "python", "java": "java", "cpp": "cpp", "go": "go", "js": "javascript"}
    for p in git_ls(repo, "solutions"):
        parts = p.split("/")
        if len(parts) != 3:
            continue
        name = parts[1].split(". ", 1)[-1]
        slug = want.get(_key(name))
        lang = ext.get(parts[2].rsplit(".", 1)[-1])
        if slug and lang:
            yield entry(
                slug,
                lang,
                "walkccc",
                "walkccc/LeetCode",
                p,
                git_show(repo, p) or "",
                stated_source="none: walkccc states no complexity",
            )


def comment_complexity(code: str) -> tuple[str | None, str | None]:
    """The ``Time: O(..)`` / ``Space: O(..)`` a comment states, when the file states exactly one
    (files stating several belong to several solutions; which one runs is not obvious)."""
    t = set(
        re.findall(r"(?:#|//|\*)\s*Time(?:\s*complexity)?\s*[:=-]?\s*(O\([^)\n]*\)+)", code, re.I)
    )
    s = set(
        re.findall(r"(?:#|//|\*)\s*Space(?:\s*complexity)?\s*[:=-]?\s*(O\([^)\n]*\)+)", code, re.I)
    )
    return (t.pop() if len(t) == 1 else None, s.pop() if len(s) == 1 else None)


def neetcode(repo: Path, titles: dict[str, str]) -> Iterator[dict]:
    dirs = {"python": "py", "java": "java", "cpp": "cpp", "go": "go", "javascript": "js"}
    for lang, ext in dirs.items():
        for p in git_ls(repo, lang):
            m = re.fullmatch(rf"{lang}/\d+-(.+)\.{ext}", p)
            if m and m.group(1) in titles:
                code = git_show(repo, p) or ""
                t, s = comment_complexity(code)
                if len(re.findall(r"\bclass\s+Solution\w*", code)) > 1:
                    t = s = None  # Solution, Solution1, ...: the comment may be another's
                yield entry(
                    m.group(1),
                    lang,
                    "neetcode",
                    "neetcode-gh/leetcode",
                    p,
                    code,
                    t,
                    s,
                    stated_source="author comment" if t or s else "none stated",
                )
    # articles: several approaches, each with '### Time & Space Complexity'
    tags = {
        "python": "python",
        "java": "java",
        "cpp": "cpp",
        "go": "go",
        "javascript": "javascript",
    }
    for slug in titles:
        p = f"articles/{slug}.md"
        text = git_show(repo, p)
        if not text:
            continue
        parts = re.split(r"^## (\d+\..*)$", text, flags=re.M)
        approaches = list(zip(parts[1::2], parts[2::2], strict=True))
        per_lang: dict[str, list[dict]] = {}
        for k, (title, body) in enumerate(approaches, 1):
            t = re.search(r"Time complexity:\s*\$?(O\(.*?\))\$?\s*$", body, re.M | re.I)
            s = re.search(r"Space complexity:\s*\$?(O\(.*?\))\$?\s*$", body, re.M | re.I)
            for lang, tag in tags.items():
                m = re.search(rf"```{tag}\n(.*?)```", body, re.S)
                if m:
                    e = entry(
                        slug,
                        lang,
                        "neetcode-article",
                        "neetcode-gh/leetcode",
                        f"{p}#{k}",
                        m.group(1),
                        tex(t.group(1)) if t else None,
                        tex(s.group(1)) if s else None,
                        accepted_claim=None,
                        approach=title.strip(),
                        last_approach=k == len(approaches),
                    )
                    per_lang.setdefault(lang, []).append(e)
        every = [e for group in per_lang.values() for e in group]
        mark_optimal(every, "derived: lowest stated time among the article's approaches")
        yield from every


def kamyu(repo: Path, titles: dict[str, str]) -> Iterator[dict]:
    for d, lang, ext in (("C++", "cpp", "cpp"), ("Golang", "go", "go"), ("Java", "java", "java")):
        for slug in titles:
            p = f"{d}/{slug}.{ext}"
            code = git_show(repo, p)
            if code:
                t, s = comment_complexity(code)
                yield entry(
                    slug,
                    lang,
                    "kamyu104",
                    "kamyu104/LeetCode-Solutions",
                    p,
                    code,
                    t,
                    s,
                    optimal=True if t else None,
                    optimal_basis="author: the file's first class is the one the header "
                    "states; kamyu104 lists the best approach first"
                    if t
                    else None,
                )


def algomaster(repo: Path, titles: dict[str, str]) -> Iterator[dict]:
    dirs = {
        "python": "python",
        "java": "java",
        "cpp": "c++",
        "go": "go",
        "javascript": "javascript",
    }
    tags = {
        "python": "python",
        "java": "java",
        "cpp": "cpp",
        "go": "go",
        "javascript": "javascript",
    }
    for lang, d in dirs.items():
        for slug in titles:
            p = f"{d}/{slug}.md"
            text = git_show(repo, p)
            if not text:
                continue
            parts = re.split(r"^## (.*)$", text, flags=re.M)
            approaches = [
                (h, b)
                for h, b in zip(parts[1::2], parts[2::2], strict=True)
                if "```" in b and h.strip().lower() != "approaches"
            ]
            group = []
            for k, (title, body) in enumerate(approaches, 1):
                m = re.search(rf"```{tags[lang]}\n(.*?)```", body, re.S)
                if not m:
                    continue
                t = re.search(r"Time Complexity:?\**:?\s*\$?(O\(.*?\))", body, re.I)
                s = re.search(r"Space Complexity:?\**:?\s*\$?(O\(.*?\))", body, re.I)
                group.append(
                    entry(
                        slug,
                        lang,
                        "algomaster",
                        "AlgoMaster-io/leetcode-solutions",
                        f"{p}#{k}",
                        m.group(1),
                        tex(t.group(1)) if t else None,
                        tex(s.group(1)) if s else None,
                        accepted_claim=None,
                        approach=title.strip(),
                        last_approach=k == len(approaches),
                    )
                )
            mark_optimal(group, "derived: lowest stated time among the article's approaches")
            yield from group


# Files that are not what LeetCode accepted: they compile with no compiler (read and checked by
# hand). They stay in the corpus, marked, and out of the AC percentage.
NOT_SUBMITTABLE = {
    "solution/0700-0799/0746.Min Cost Climbing Stairs/Solution3.go": "uses `n`, never declared",
    "cpp/0104-maximum-depth-of-binary-tree.cpp": "class not closed with ';' (file ends at '}')",
    "java/0347-top-k-frequent-elements.java": "Solution1..3 but no Solution; unbalanced braces",
    "java/0125-valid-palindrome.java": "a bare method with no enclosing class",
}


def kind_of(e: dict) -> str:
    """'article' (explanatory approach), 'multi-solution file' (several definitions of the
    solution in one file, as a collection, not as one LeetCode submission), 'not submittable'
    (see NOT_SUBMITTABLE) or 'submission'."""
    if e["accepted_claim"] is None and e["author"] in ("neetcode-article", "algomaster"):
        return "article"
    if e["source_path"] in NOT_SUBMITTABLE:
        e["excluded_reason"] = NOT_SUBMITTABLE[e["source_path"]]
        return "not submittable"
    code, lang = e["code"], e["language"]
    if lang in ("java", "cpp", "python"):
        n = len(re.findall(r"^\s*(?:public\s+)?class\s+Solution\b", code, re.M))
    elif lang == "go":
        n = len(re.findall(r"^func\s+\w+\(", code, re.M)) and max(
            Counter(re.findall(r"^func\s+(\w+)\(", code, re.M)).values()
        )
    else:
        names = re.findall(r"^(?:var|let|const|function)\s+(\w+)", code, re.M)
        n = max(Counter(names).values(), default=1)
    return "multi-solution file" if n > 1 else "submission"


SOURCES = {
    "doocs+leetcode": doocs,
    "walkccc+LeetCode": walkccc,
    "neetcode-gh+leetcode": neetcode,
    "kamyu104+LeetCode-Solutions": kamyu,
    "AlgoMaster-io+leetcode-solutions": algomaster,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=Path("/work/corpus"))
    args = ap.parse_args()
    titles = bank()
    manifest, counters = [], {}
    for name, fn in SOURCES.items():
        repo = args.mirrors / name / "repo"
        if not repo.exists():
            print(f"skip {name}: no snapshot at {repo}", file=sys.stderr)
            continue
        for e in fn(repo, titles):
            if not e["code"].strip():
                continue
            e["kind"] = kind_of(e)
            if e["kind"] in ("multi-solution file", "not submittable"):
                e["accepted_claim"] = None  # a compilation, not one submission
            key = (e["slug"], e["author"])
            counters[key] = counters.get(key, 0) + 1
            rel = f"{e['slug']}/{e['author']}-{counters[key]}.{LANGS[e['language']]}"
            target = args.out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            code = e.pop("code")
            if not target.exists() or target.read_text(encoding="utf-8") != code:
                target.write_text(code, encoding="utf-8")
            manifest.append({"file": rel, **e})
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    langs = sorted({e["language"] for e in manifest})
    print(f"{len(manifest)} files, {len({e['slug'] for e in manifest})} problems")
    for lang in langs:
        n = sum(e["language"] == lang for e in manifest)
        print(f"  {lang}: {n}")


if __name__ == "__main__":
    main()
