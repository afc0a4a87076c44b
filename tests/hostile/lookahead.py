# ruff: noqa: E501 - candidate programs in five languages, kept readable as written
"""Candidate programs that move work between tests: ``int solve(int n)`` returns ``2 * n``
after ``n * UNIT_MS`` of CPU, the honest cost of that input.

With every test's input in the sandbox from the start (a ``cases.json``), a program could do a
later test's work in an earlier test's window, where the supervisor's per-test CPU reading
charged it to the wrong test: an expensive test passed, or the judge's timing saw a flat
curve. The supervisor now hands over one case at a time (``ExecSpec.feed``), so each program
below finds nothing to work ahead on and pays each test's work in that test.

* ``read_ahead``: at each call, learn the other tests' inputs (``cases.json``, bytes waiting
  on stdin, in Python the driver's own list up the stack) and spread the run's whole work
  evenly over the tests: each test under the limit, the expensive one included;
* ``precompute``: at load time (module top, static initializer, ``init()``, a static
  constructor) learn the inputs (not from stdin: a read there would take the first case from
  the driver, which then waits for it until the wall-clock limit: TLE); on the first call (the judge's warm-up) do every test's work
  and answer the rest from a table, in no time;
* ``cache``: answers kept across tests in globals, keyed by input: a repeated input costs
  nothing the second time, which is honest (the work was charged where it was done).
"""

from __future__ import annotations

import textwrap

UNIT_MS = 100

_PY = f"""
import json, os, re, select, sys, time

def _burn(ms):
    end = time.process_time() + ms / 1000
    x = 0
    while time.process_time() < end:
        for i in range(10000):
            x += i

def _learn(peek=True):
    \"\"\"Every test's input this process can get at, in order, or [].\"\"\"
    try:
        with open("cases.json") as f:
            return [int(v) for v in re.findall(r"-?\\d+", f.read())]
    except OSError:
        pass
    frame = sys._getframe()
    while frame is not None:  # the driver's list of cases, if it holds one
        for v in list(frame.f_locals.values()):
            if isinstance(v, list) and len(v) > 1 and all(
                    isinstance(c, list) and len(c) == 1 and type(c[0]) is int for c in v):
                return [c[0] for c in v]
        frame = frame.f_back
    got = b""
    while peek and select.select([0], [], [], 0)[0]:
        chunk = os.read(0, 1 << 16)
        if not chunk:
            break
        got += chunk
    return [int(v) for v in re.findall(rb"-?\\d+", got)]

UNIT = {UNIT_MS}
"""

_PY_KINDS = {
    "read_ahead": """
class Solution:
    def solve(self, n: int) -> int:
        known = _learn()
        _burn(sum(known) * UNIT / len(known) if known else n * UNIT)
        return 2 * n
""",
    "precompute": """
_known = _learn(peek=False)
_table = None

class Solution:
    def solve(self, n: int) -> int:
        global _table
        if _table is None:
            _known.extend(_learn())
            _burn(sum(_known) * UNIT)
            _table = {v: 2 * v for v in _known}
        if n in _table:
            return _table[n]
        _burn(n * UNIT)
        return 2 * n
""",
    "cache": """
_memo = {}

class Solution:
    def solve(self, n: int) -> int:
        if n not in _memo:
            _burn(n * UNIT)
            _memo[n] = 2 * n
        return _memo[n]
""",
}

_JS = f"""
const req = typeof require === 'function' ? require : process.mainModule.require;
const fs = req('fs');
const UNIT = {UNIT_MS};
function cpuMs() {{
  const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}}
function burn(ms) {{
  let x = 0;
  const end = cpuMs() + ms;
  while (cpuMs() < end) for (let i = 0; i < 1e6; i++) x += i;
  return x;
}}
function learn(peek = true) {{
  let text = '';
  try {{
    text = fs.readFileSync('cases.json', 'utf8');
  }} catch (e) {{
    if (!peek) return [];
    // bytes waiting on stdin, through a second, non-blocking open of the same pipe
    try {{
      const fd = fs.openSync('/proc/self/fd/0', fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const buf = Buffer.alloc(1 << 16);
      for (;;) {{
        let n = 0;
        try {{ n = fs.readSync(fd, buf, 0, buf.length, null); }} catch (e2) {{ break; }}
        if (n <= 0) break;
        text += buf.subarray(0, n).toString();
      }}
      fs.closeSync(fd);
    }} catch (e3) {{}}
  }}
  return (text.match(/-?\\d+/g) || []).map(Number);
}}
"""

_JS_KINDS = {
    "read_ahead": """
var solve = function(n) {
  const known = learn();
  burn(known.length ? known.reduce((a, b) => a + b, 0) * UNIT / known.length : n * UNIT);
  return 2 * n;
};
""",
    "precompute": """
const known = learn(false);
let table = null;
var solve = function(n) {
  if (table === null) {
    known.push(...learn());
    burn(known.reduce((a, b) => a + b, 0) * UNIT);
    table = new Map(known.map((v) => [v, 2 * v]));
  }
  if (table.has(n)) return table.get(n);
  burn(n * UNIT);
  return 2 * n;
};
""",
    "cache": """
const memo = new Map();
var solve = function(n) {
  if (!memo.has(n)) {
    burn(n * UNIT);
    memo.set(n, 2 * n);
  }
  return memo.get(n);
};
""",
}

_CPP = f"""
#include <ctime>
#include <fstream>
#include <poll.h>
#include <regex>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>
static const long long UNIT = {UNIT_MS};
static volatile long long coach_sink;
static long long coach_cpu_ms() {{
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}}
static void burn(long long ms) {{
    long long end = coach_cpu_ms() + ms;
    while (coach_cpu_ms() < end)
        for (int i = 0; i < 100000; i++) coach_sink += i;
}}
static std::vector<long long> learn(bool peek = true) {{
    std::string text;
    std::ifstream in("cases.json");
    if (in) {{
        std::stringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }} else if (peek) {{
        pollfd p{{0, POLLIN, 0}};
        char buf[1 << 16];
        while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {{
            ssize_t n = read(0, buf, sizeof buf);
            if (n <= 0) break;
            text.append(buf, (size_t)n);
        }}
    }}
    std::vector<long long> out;
    std::regex num("-?[0-9]+");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), num); it != std::sregex_iterator(); ++it)
        out.push_back(std::stoll(it->str()));
    return out;
}}
"""

_CPP_KINDS = {
    "read_ahead": """
class Solution {
public:
    int solve(int n) {
        auto known = learn();
        long long sum = 0;
        for (auto v : known) sum += v;
        burn(known.empty() ? n * UNIT : sum * UNIT / (long long)known.size());
        return 2 * n;
    }
};
""",
    "precompute": """
#include <map>
static std::vector<long long> coach_known = learn(false);  // a static constructor: before main
static std::map<long long, int>* coach_table = nullptr;
class Solution {
public:
    int solve(int n) {
        if (!coach_table) {
            for (auto v : learn()) coach_known.push_back(v);
            long long sum = 0;
            for (auto v : coach_known) sum += v;
            burn(sum * UNIT);
            coach_table = new std::map<long long, int>();
            for (auto v : coach_known) (*coach_table)[v] = (int)(2 * v);
        }
        auto it = coach_table->find(n);
        if (it != coach_table->end()) return it->second;
        burn(n * UNIT);
        return 2 * n;
    }
};
""",
    "cache": """
#include <map>
static std::map<int, int> coach_memo;
class Solution {
public:
    int solve(int n) {
        auto it = coach_memo.find(n);
        if (it != coach_memo.end()) return it->second;
        burn(n * UNIT);
        return coach_memo[n] = 2 * n;
    }
};
""",
}

_JAVA = f"""
    static final long UNIT = {UNIT_MS};
    static volatile long sink;
    static long cpuMs() {{
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1_000_000;
    }}
    static void burn(long ms) {{
        long end = cpuMs() + ms;
        while (cpuMs() < end) for (int i = 0; i < 1_000_000; i++) sink += i;
    }}
    static List<Long> learn(boolean peek) {{
        String text = "";
        try {{
            text = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("cases.json")));
        }} catch (Exception e) {{
            if (!peek) return new ArrayList<>();
            try {{
                StringBuilder sb = new StringBuilder();
                while (System.in.available() > 0) sb.append((char) System.in.read());
                text = sb.toString();
            }} catch (Exception e2) {{}}
        }}
        List<Long> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\\\d+").matcher(text);
        while (m.find()) out.add(Long.parseLong(m.group()));
        return out;
    }}
"""

_JAVA_KINDS = {
    "read_ahead": """
    public int solve(int n) {
        List<Long> known = learn(true);
        long sum = 0;
        for (long v : known) sum += v;
        burn(known.isEmpty() ? n * UNIT : sum * UNIT / known.size());
        return 2 * n;
    }
""",
    "precompute": """
    static List<Long> known = learn(false);  // the static initializer: at class load
    static Map<Long, Integer> table = null;
    public int solve(int n) {
        if (table == null) {
            known.addAll(learn(true));
            long sum = 0;
            for (long v : known) sum += v;
            burn(sum * UNIT);
            table = new HashMap<>();
            for (long v : known) table.put(v, (int) (2 * v));
        }
        Integer hit = table.get((long) n);
        if (hit != null) return hit;
        burn(n * UNIT);
        return 2 * n;
    }
""",
    "cache": """
    static Map<Integer, Integer> memo = new HashMap<>();
    public int solve(int n) {
        Integer hit = memo.get(n);
        if (hit != null) return hit;
        burn(n * UNIT);
        memo.put(n, 2 * n);
        return 2 * n;
    }
""",
}

_GO = f"""
import (
    "os"
    "regexp"
    "strconv"
    "syscall"
)

const unit = {UNIT_MS}

var sink int

func cpuMs() int64 {{
    var ru syscall.Rusage
    syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
    return (ru.Utime.Nano() + ru.Stime.Nano()) / 1e6
}}

func burn(ms int64) {{
    end := cpuMs() + ms
    for cpuMs() < end {{
        for i := 0; i < 1000000; i++ {{
            sink += i
        }}
    }}
}}

func learn(peek bool) []int64 {{
    data, err := os.ReadFile("cases.json")
    if err != nil && peek {{
        // bytes waiting on stdin, through a second, non-blocking open of the same pipe
        fd, err2 := syscall.Open("/proc/self/fd/0", syscall.O_RDONLY|syscall.O_NONBLOCK, 0)
        if err2 == nil {{
            buf := make([]byte, 1<<16)
            for {{
                n, err3 := syscall.Read(fd, buf)
                if n <= 0 || err3 != nil {{
                    break
                }}
                data = append(data, buf[:n]...)
            }}
            syscall.Close(fd)
        }}
    }}
    var out []int64
    for _, s := range regexp.MustCompile(`-?[0-9]+`).FindAllString(string(data), -1) {{
        v, _ := strconv.ParseInt(s, 10, 64)
        out = append(out, v)
    }}
    return out
}}
"""

_GO_KINDS = {
    "read_ahead": """
func solve(n int) int {
    known := learn(true)
    var sum int64
    for _, v := range known {
        sum += v
    }
    if len(known) > 0 {
        burn(sum * unit / int64(len(known)))
    } else {
        burn(int64(n) * unit)
    }
    return 2 * n
}
""",
    "precompute": """
var known []int64
var table map[int64]int

func init() { known = learn(false) } // before main

func solve(n int) int {
    if table == nil {
        known = append(known, learn(true)...)
        var sum int64
        for _, v := range known {
            sum += v
        }
        burn(sum * unit)
        table = map[int64]int{}
        for _, v := range known {
            table[v] = int(2 * v)
        }
    }
    if v, ok := table[int64(n)]; ok {
        return v
    }
    burn(int64(n) * unit)
    return 2 * n
}
""",
    "cache": """
var memo = map[int]int{}

func solve(n int) int {
    if v, ok := memo[n]; ok {
        return v
    }
    burn(int64(n) * unit)
    memo[n] = 2 * n
    return 2 * n
}
""",
}


def _java(members: str) -> str:
    return f"class Solution {{\n{_JAVA}\n{textwrap.dedent(members)}\n}}\n"


LOOKAHEAD: dict[str, dict[str, str]] = {
    kind: {
        "python": _PY + _PY_KINDS[kind],
        "javascript": _JS + _JS_KINDS[kind],
        "cpp": _CPP + _CPP_KINDS[kind],
        "java": _java(_JAVA_KINDS[kind]),
        "go": _GO + _GO_KINDS[kind],
    }
    for kind in ("read_ahead", "precompute", "cache")
}
