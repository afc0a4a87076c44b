# ruff: noqa: E501 - candidate programs in five languages, kept readable as written
"""Candidate programs that try to forge a verdict rather than escape: ``int solve(int n)``.

``FORGERIES[kind][language]`` returns ``2 * n`` (the right answer) after burning about
``BURN_MS`` of CPU — far more than the tests' time limit — while trying to keep that CPU out of
the test's measured time:

* ``clock``: replace the clock the driver times the call with (Python ``time.thread_time_ns``,
  ``process.cpuUsage``, C++ ``clock_gettime`` interposed for the whole binary);
* ``thread``: burn in a second thread while the calling thread waits (the drivers time only the
  calling thread, Go its own process);
* ``child``: burn in a child process (fork, spawn, re-exec) while the caller waits;
* ``init``: burn before the first test (Go ``init()``, a C++ static constructor, module-level
  Python and JavaScript, a Java static initializer) and answer from there;
* ``early_lines``: write the ready line and correct results for every test into fd 3 at once,
  silence the driver's own lines, then burn (CPU after the last line). They read the inputs
  from ``cases.json``, which no longer exists (the supervisor feeds one case at a time,
  ``hostile/lookahead.py``): kept as written, they now fail at load.

``WRITE_LINE[language]`` is ``string attack(string arg)``: it writes one crafted line to fd 3,
``arg`` being ``count|exit|prefix|unit|suffix`` (``prefix + unit * count + suffix``; ``exit`` 1
exits the process right after, so every restarted process writes it again).
"""

from __future__ import annotations

import textwrap

BURN_MS = 1500

_PY_BURN = f"""
def _burn(ms={BURN_MS}):
    import time
    end = time.process_time() + ms / 1000
    x = 0
    while time.process_time() < end:
        for i in range(10000):
            x += i
    return x
"""

_JS_REQ = "const req = typeof require === 'function' ? require : process.mainModule.require;\n"
_JS_BURN = f"""
{_JS_REQ}
function burn(ms = {BURN_MS}) {{
  const fs = (typeof req === 'function' ? req : require)('fs');
  const cpu = () => {{
    const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;  // utime + stime, in 10 ms ticks
  }};
  let x = 0;
  const end = cpu() + ms;
  while (cpu() < end) for (let i = 0; i < 1e6; i++) x += i;
  return x;
}}
"""

_CPP_BURN = f"""
#include <ctime>
#include <thread>
#include <unistd.h>
#include <sys/wait.h>
#include <string>
static long long coach_proc_ms() {{
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}}
static volatile long long sink;
static void burn(long long ms = {BURN_MS}) {{
    long long end = coach_proc_ms() + ms;
    while (coach_proc_ms() < end)
        for (int i = 0; i < 100000; i++) sink += i;
}}
"""

_JAVA_BURN = f"""
    static volatile long sink;
    static long procMs() {{
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1_000_000;
    }}
    static void burn() {{
        long end = procMs() + {BURN_MS};
        while (procMs() < end) for (int i = 0; i < 1_000_000; i++) sink += i;
    }}
"""

_GO_BURN = f"""
var coachSink int

func burn() {{
    end := procMs() + {BURN_MS}
    for procMs() < end {{
        for i := 0; i < 1000000; i++ {{
            coachSink += i
        }}
    }}
}}

func procMs() int64 {{
    var ru syscall.Rusage
    syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
    return (ru.Utime.Nano() + ru.Stime.Nano()) / 1e6
}}
"""


def _py(body: str, top: str = "") -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 8)
    return f"{_PY_BURN}\n{textwrap.dedent(top)}\nclass Solution:\n    def solve(self, n: int) -> int:\n{inner}\n"


def _js(body: str, top: str = "") -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), "  ")
    return f"{_JS_BURN}\n{textwrap.dedent(top)}\nvar solve = function(n) {{\n{inner}\n}};\n"


def _cpp(body: str, top: str = "", after: str = "") -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 8)
    return (f"{_CPP_BURN}\n{textwrap.dedent(top)}\nclass Solution {{\npublic:\n"
            f"    int solve(int n) {{\n{inner}\n    }}\n}};\n{textwrap.dedent(after)}")  # fmt: skip


def _java(body: str, members: str = "") -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 8)
    extra = textwrap.indent(textwrap.dedent(members).strip("\n"), " " * 4)
    return (f"class Solution {{\n{_JAVA_BURN}\n{extra}\n    public int solve(int n) {{\n{inner}\n"
            f"    }}\n}}\n")  # fmt: skip


def _go(body: str, top: str = "", imports: tuple[str, ...] = ()) -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
    head = "".join(f'import "{p}"\n' for p in ("syscall", *imports))
    return f"{head}{_GO_BURN}\n{textwrap.dedent(top)}\nfunc solve(n int) int {{\n{inner}\n}}\n"


FORGERIES: dict[str, dict[str, str]] = {
    "clock": {
        "python": _py(
            "_burn()\nreturn 2 * n", top="import time\ntime.thread_time_ns = lambda: 0\n"
        ),
        "javascript": _js(
            "burn();\nreturn 2 * n;", top="process.cpuUsage = () => ({ user: 0, system: 0 });\n"
        ),
        # interpose libc's clock: the driver's runtime, linked into the same binary, calls ours
        "cpp": _cpp(
            "burn();\nreturn 2 * n;",
            top="""
            #include <sys/syscall.h>
            extern "C" int clock_gettime(clockid_t clk, struct timespec* t) noexcept {
                if (clk == CLOCK_THREAD_CPUTIME_ID) {
                    t->tv_sec = t->tv_nsec = 0;
                    return 0;
                }
                return (int)syscall(SYS_clock_gettime, clk, t);
            }
            """,
        ),
    },
    "thread": {
        "python": _py("""
            import threading
            t = threading.Thread(target=_burn)
            t.start()
            t.join()
            return 2 * n
        """),
        "javascript": _js(
            """
            const { Worker } = req('worker_threads');
            const done = new Int32Array(new SharedArrayBuffer(4));
            const src = 'const req = require;' + burn.toString() + `
              const d = new Int32Array(require('worker_threads').workerData);
              burn(); Atomics.store(d, 0, 1); Atomics.notify(d, 0);`;
            new Worker(src, { eval: true, workerData: done.buffer });
            Atomics.wait(done, 0, 0);
            return 2 * n;
            """
        ),
        "java": _java("""
            Thread t = new Thread(Solution::burn);
            t.start();
            try { t.join(); } catch (InterruptedException e) { throw new RuntimeException(e); }
            return 2 * n;
        """),
        "cpp": _cpp("std::thread t([] { burn(); });\nt.join();\nreturn 2 * n;"),
        "go": _go(
            """
            done := make(chan bool)
            go func() {
                runtime.LockOSThread()
                burn()
                done <- true
            }()
            <-done
            return 2 * n
        """,
            imports=("runtime",),
        ),  # fmt: skip
    },
    "child": {
        "python": _py("""
            import os
            pid = os.fork()
            if pid == 0:
                _burn()
                os._exit(0)
            os.waitpid(pid, 0)
            return 2 * n
        """),
        "javascript": _js(
            """
            const cp = req('child_process');
            cp.execFileSync(process.execPath, ['-e', 'const req = require;' + burn + ';burn()']);
            return 2 * n;
            """
        ),
        "java": _java("""
            try {
                Process p = new ProcessBuilder("/bin/sh", "-c",
                    "i=0; while [ $i -lt 3000000 ]; do i=$((i+1)); done").start();
                p.waitFor();
            } catch (Exception e) { throw new RuntimeException(e); }
            return 2 * n;
        """),
        "cpp": _cpp(
            """
            pid_t pid = fork();
            if (pid == 0) { burn(); _exit(0); }
            if (pid < 0) throw std::runtime_error("fork failed");
            waitpid(pid, nullptr, 0);
            return 2 * n;
        """,
            top="#include <stdexcept>\n",
        ),  # fmt: skip
        "go": _go(
            """
            // re-exec this very binary as the burner: the parent only waits
            if os.Getenv("COACH_BURNER") != "" {
                burn()
                os.Exit(0)
            }
            cmd := exec.Command("/proc/self/exe")
            cmd.Env = []string{"COACH_BURNER=1"}
            if err := cmd.Run(); err != nil {
                panic(err)
            }
            return 2 * n
        """,
            imports=("os", "os/exec"),
        ),  # fmt: skip
    },
    "init": {
        "python": _py("return 2 * n", top="_burn()\n"),
        "javascript": _js("return 2 * n;", top="burn();\n"),
        "java": _java("return 2 * n;", members="static { burn(); }"),
        "cpp": _cpp("return 2 * n;", top="static int coach_forged = (burn(), 1);\n"),
        "go": _go("return 2 * n", top="func init() { burn() }\n"),
    },
    "early_lines": {
        # init-time: the ready line and every result at once, the driver's own lines silenced
        "python": _py(
            "_burn()\nreturn 2 * n",
            top="""
            import json, os
            _cases = json.load(open("cases.json"))["cases"]
            _fd = os.dup(3)
            os.write(_fd, b'{"ready":true}\\n' + b"".join(
                b'{"i":%d,"ok":true,"out":%d,"cpu_us":0,"wall_us":0}\\n' % (i, 2 * c[0])
                for i, c in enumerate(_cases)))
            os.dup2(os.open("/dev/null", os.O_WRONLY), 3)
            """,
        ),
        "javascript": _js(
            "burn();\nreturn 2 * n;",
            top="""
            {
              const fs = req('fs');
              const cases = JSON.parse(fs.readFileSync('cases.json', 'utf8')).cases;
              fs.writeSync(3, '{"ready":true}\\n' + cases.map((c, i) =>
                `{"i":${i},"ok":true,"out":${2 * c[0]},"cpu_us":0,"wall_us":0}\\n`).join(''));
              fs.writeSync = () => 0;
            }
            """,
        ),
        "cpp": _cpp(
            "burn();\nreturn 2 * n;",
            top="""
            #include <fstream>
            #include <sstream>
            #include <fcntl.h>
            static int coach_forged = [] {
                std::ifstream in("cases.json");
                std::stringstream ss;
                ss << in.rdbuf();
                std::string s = ss.str(), out = "{\\"ready\\":true}\\n";
                int i = 0;
                for (size_t p = 0; p + 1 < s.size(); p++) {
                    if (s[p] != '[' || !(isdigit(s[p + 1]) || s[p + 1] == '-')) continue;
                    long v = std::stol(s.substr(p + 1));
                    out += "{\\"i\\":" + std::to_string(i++) + ",\\"ok\\":true,\\"out\\":" +
                           std::to_string(2 * v) + ",\\"cpu_us\\":0,\\"wall_us\\":0}\\n";
                }
                if (write(3, out.data(), out.size()) < 0) return 0;
                dup2(open("/dev/null", O_WRONLY), 3);
                return 1;
            }();
            """,
        ),
        "go": _go(
            "burn()\nreturn 2 * n",
            top="""
            func init() {
                data, _ := os.ReadFile("cases.json")
                var doc struct{ Cases [][]int `json:"cases"` }
                json.Unmarshal(data, &doc)
                out := "{\\"ready\\":true}\\n"
                for i, c := range doc.Cases {
                    out += fmt.Sprintf("{\\"i\\":%d,\\"ok\\":true,\\"out\\":%d,\\"cpu_us\\":0,\\"wall_us\\":0}\\n", i, 2*c[0])
                }
                os.NewFile(3, "results").WriteString(out)
                coachResults, _ = os.OpenFile("/dev/null", os.O_WRONLY, 0)
            }
            """,
            imports=("os", "fmt", "encoding/json"),
        ),
        "java": _java(
            "burn();\nreturn 2 * n;",
            members="""
            static {
                try {
                    String s = new String(java.nio.file.Files.readAllBytes(
                        java.nio.file.Path.of("cases.json")));
                    StringBuilder out = new StringBuilder("{\\"ready\\":true}\\n");
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\[(-?\\\\d+)\\\\]")
                        .matcher(s);
                    for (int i = 0; m.find(); i++)
                        out.append("{\\"i\\":" + i + ",\\"ok\\":true,\\"out\\":"
                            + 2 * Long.parseLong(m.group(1)) + ",\\"cpu_us\\":0,\\"wall_us\\":0}\\n");
                    try (java.io.FileOutputStream f = new java.io.FileOutputStream("/proc/self/fd/3", true)) {
                        f.write(out.toString().getBytes());
                    }
                } catch (Exception e) { throw new RuntimeException(e); }
            }
            """,
        ),
    },
}


HONEST: dict[str, str] = {  # the same work, nothing hidden: TLE
    "python": _py("_burn()\nreturn 2 * n"),
    "javascript": _js("burn();\nreturn 2 * n;"),
    "java": _java("burn();\nreturn 2 * n;"),
    "cpp": _cpp("burn();\nreturn 2 * n;"),
    "go": _go("burn()\nreturn 2 * n"),
}


def _line_py() -> str:
    return textwrap.dedent("""
        class Solution:
            def attack(self, arg: str) -> str:
                import os
                count, stop, prefix, unit, suffix = arg.split("|")
                data = (prefix + unit * int(count) + suffix + "\\n").encode()
                while data:
                    data = data[os.write(3, data):]
                if stop == "1":
                    os._exit(0)
                return "x"
    """)


WRITE_LINE: dict[str, str] = {
    "python": _line_py(),
    "javascript": textwrap.dedent("""
        var attack = function(arg) {
          const fs = (typeof require === 'function' ? require : process.mainModule.require)('fs');
          const [count, stop, prefix, unit, suffix] = arg.split('|');
          const buf = Buffer.from(prefix + unit.repeat(Number(count)) + suffix + '\\n');
          for (let off = 0; off < buf.length;) {
            try { off += fs.writeSync(3, buf, off); } catch (e) { if (e.code !== 'EAGAIN') throw e; }
          }
          if (stop === '1') process.exit(0);
          return 'x';
        };
    """),
    "java": textwrap.dedent("""
        class Solution {
            public String attack(String arg) throws Exception {
                String[] p = arg.split("\\\\|", -1);
                String line = p[2] + p[3].repeat(Integer.parseInt(p[0])) + p[4] + "\\n";
                try (java.io.FileOutputStream f = new java.io.FileOutputStream("/proc/self/fd/3", true)) {
                    f.write(line.getBytes());
                }
                if (p[1].equals("1")) Runtime.getRuntime().halt(0);
                return "x";
            }
        }
    """),
    "cpp": textwrap.dedent("""
        #include <string>
        #include <unistd.h>
        class Solution {
        public:
            std::string attack(std::string arg) {
                std::string part[5];
                size_t at = 0;
                for (int k = 0; k < 4; k++) {
                    size_t bar = arg.find('|', at);
                    part[k] = arg.substr(at, bar - at);
                    at = bar + 1;
                }
                part[4] = arg.substr(at);
                std::string line = part[2];
                for (long i = std::stol(part[0]); i > 0; i--) line += part[3];
                line += part[4] + "\\n";
                for (size_t off = 0; off < line.size();) {
                    ssize_t w = write(3, line.data() + off, line.size() - off);
                    if (w <= 0) break;
                    off += w;
                }
                if (part[1] == "1") _exit(0);
                return "x";
            }
        };
    """),
    "go": textwrap.dedent("""
        import "os"

        func attack(arg string) string {
            p := strings.SplitN(arg, "|", 5)
            count, _ := strconv.Atoi(p[0])
            os.NewFile(3, "r").WriteString(p[2] + strings.Repeat(p[3], count) + p[4] + "\\n")
            if p[1] == "1" {
                os.Exit(0)
            }
            return "x"
        }
    """),
}
