# ruff: noqa: E501 - the programs are other languages' source, kept readable
"""Hostile programs against the sandbox's integrity (issue 12): the answer key, the supervisor,
memory beyond the limit. ``ATTACKS[attack][language]`` is the candidate's code.

* ``answer_key``: a two-sum "solution" that searches the whole filesystem for the bank's
  ``tests.json`` (and reference solutions), prints what it found (``FOUND n [...]``), and returns
  the expected answer when a ``tests.json`` holds it, else ``[-1, -1]`` (WA).
* ``supervisor`` (``string attack(string arg)``): signals, limits, traces, reschedules and opens
  PID 1 (the sandbox's supervisor, ``coach-rexec``) every way the language allows, prints one
  ``name:ok`` or ``name:<error>`` per attempt, then returns ``done`` (``arg`` = ``return``) or
  spins forever (``arg`` = ``spin``), which only a working supervisor turns into TLE.
* ``memory_children`` (``arg`` = ``"<children> <MiB>"``): children that each touch MiB of memory,
  all alive at once; returns how many got there (``/tmp/held`` counts them).
* ``memory_unlimited``: one process holding memory that RLIMIT_DATA does not count (memfd,
  SysV shared memory); returns the MiB it holds.
"""

from __future__ import annotations

import textwrap

from hostile.programs import cpp, go, java, js, py

SEARCH_NAMES = "tests.json, reference.* under a solutions/ directory"

ANSWER_KEY: dict[str, str] = {
    "python": textwrap.dedent("""
        import os

        _TEXTS = None


        def _scan():
            global _TEXTS
            if _TEXTS is None:
                hits, _TEXTS = [], []
                for top, dirs, files in os.walk("/"):
                    if top == "/":
                        dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev")]
                    for name in files:
                        path = os.path.join(top, name)
                        if name == "tests.json" or (name.startswith("reference.")
                                                    and "/solutions/" in path):
                            hits.append(path)
                        if name == "tests.json":
                            try:
                                with open(path) as f:
                                    _TEXTS.append(f.read())
                            except OSError:
                                pass
                print("FOUND", len(hits), hits[:5])
            return _TEXTS


        class Solution:
            def twoSum(self, nums: List[int], target: int) -> List[int]:
                key = '"args":[[' + ",".join(map(str, nums)) + "]," + str(target) + '],"expected":['
                for text in _scan():
                    i = text.find(key)
                    if i >= 0:
                        j = text.index("]", i + len(key))
                        return [int(x) for x in text[i + len(key):j].split(",")]
                return [-1, -1]
    """).lstrip(),
    "cpp": textwrap.dedent("""
        #include <ftw.h>
        static std::vector<std::string> g_hits, g_texts;
        static bool g_scanned = false;
        static int visit(const char* p, const struct stat*, int type, struct FTW* f) {
            const char* base = p + f->base;
            if (type == FTW_D && f->level == 1 &&
                (!strcmp(base, "proc") || !strcmp(base, "sys") || !strcmp(base, "dev")))
                return FTW_SKIP_SUBTREE;
            if (type != FTW_F) return FTW_CONTINUE;
            bool key = !strcmp(base, "tests.json");
            if (key || (!strncmp(base, "reference.", 10) && strstr(p, "/solutions/"))) {
                g_hits.push_back(p);
                if (key) {
                    std::ifstream in(p);
                    std::stringstream ss;
                    ss << in.rdbuf();
                    g_texts.push_back(ss.str());
                }
            }
            return FTW_CONTINUE;
        }
        class Solution {
        public:
            vector<int> twoSum(vector<int>& nums, int target) {
                if (!g_scanned) {
                    g_scanned = true;
                    nftw("/", visit, 32, FTW_PHYS | FTW_ACTIONRETVAL);
                    printf("FOUND %zu", g_hits.size());
                    for (size_t i = 0; i < g_hits.size() && i < 5; i++)
                        printf(" %s", g_hits[i].c_str());
                    printf("\\n");
                    fflush(stdout);
                }
                std::string key = "\\"args\\":[[";
                for (size_t i = 0; i < nums.size(); i++)
                    key += (i ? "," : "") + std::to_string(nums[i]);
                key += "]," + std::to_string(target) + "],\\"expected\\":[";
                for (auto& t : g_texts) {
                    size_t i = t.find(key);
                    if (i == std::string::npos) continue;
                    vector<int> out;
                    std::stringstream ss(t.substr(i + key.size(), t.find(']', i + key.size())
                                                                   - i - key.size()));
                    std::string item;
                    while (std::getline(ss, item, ',')) out.push_back(std::stoi(item));
                    return out;
                }
                return {-1, -1};
            }
        };
    """).lstrip(),
    "go": textwrap.dedent("""
        import "io/fs"
        import "path/filepath"

        var keyHits, keyTexts []string
        var keyScanned bool

        func scanKeys() {
            if keyScanned {
                return
            }
            keyScanned = true
            filepath.WalkDir("/", func(p string, d fs.DirEntry, err error) error {
                if d == nil {
                    return nil
                }
                if d.IsDir() {
                    if err != nil || p == "/proc" || p == "/sys" || p == "/dev" {
                        return filepath.SkipDir
                    }
                    return nil
                }
                name := d.Name()
                key := name == "tests.json"
                if key || (strings.HasPrefix(name, "reference.") && strings.Contains(p, "/solutions/")) {
                    keyHits = append(keyHits, p)
                    if b, e := os.ReadFile(p); key && e == nil {
                        keyTexts = append(keyTexts, string(b))
                    }
                }
                return nil
            })
            shown := keyHits
            if len(shown) > 5 {
                shown = shown[:5]
            }
            fmt.Println("FOUND", len(keyHits), shown)
        }

        func twoSum(nums []int, target int) []int {
            scanKeys()
            parts := make([]string, len(nums))
            for i, x := range nums {
                parts[i] = strconv.Itoa(x)
            }
            key := `"args":[[` + strings.Join(parts, ",") + `],` + strconv.Itoa(target) + `],"expected":[`
            for _, t := range keyTexts {
                if i := strings.Index(t, key); i >= 0 {
                    rest := t[i+len(key):]
                    out := []int{}
                    for _, s := range strings.Split(rest[:strings.Index(rest, "]")], ",") {
                        v, _ := strconv.Atoi(s)
                        out = append(out, v)
                    }
                    return out
                }
            }
            return []int{-1, -1}
        }
    """).lstrip(),
    "java": textwrap.dedent("""
        class Solution {
            static List<String> hits = null;
            static List<String> texts = new ArrayList<>();

            static void scan() {
                if (hits != null) return;
                hits = new ArrayList<>();
                try {
                    java.nio.file.Files.walkFileTree(java.nio.file.Paths.get("/"),
                        new java.nio.file.SimpleFileVisitor<java.nio.file.Path>() {
                            public java.nio.file.FileVisitResult preVisitDirectory(
                                    java.nio.file.Path d, java.nio.file.attribute.BasicFileAttributes a) {
                                String s = d.toString();
                                return s.equals("/proc") || s.equals("/sys") || s.equals("/dev")
                                    ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                                    : java.nio.file.FileVisitResult.CONTINUE;
                            }
                            public java.nio.file.FileVisitResult visitFile(
                                    java.nio.file.Path f, java.nio.file.attribute.BasicFileAttributes a) {
                                String name = f.getFileName() == null ? "" : f.getFileName().toString();
                                boolean key = name.equals("tests.json");
                                if (key || (name.startsWith("reference.")
                                            && f.toString().contains("/solutions/"))) {
                                    hits.add(f.toString());
                                    if (key) {
                                        try {
                                            texts.add(new String(java.nio.file.Files.readAllBytes(f)));
                                        } catch (Exception e) { }
                                    }
                                }
                                return java.nio.file.FileVisitResult.CONTINUE;
                            }
                            public java.nio.file.FileVisitResult visitFileFailed(
                                    java.nio.file.Path f, java.io.IOException e) {
                                return java.nio.file.FileVisitResult.CONTINUE;
                            }
                        });
                } catch (Exception e) { }
                System.out.println("FOUND " + hits.size() + " " + hits.subList(0, Math.min(5, hits.size())));
                System.out.flush();
            }

            public int[] twoSum(int[] nums, int target) {
                scan();
                StringBuilder key = new StringBuilder("\\"args\\":[[");
                for (int i = 0; i < nums.length; i++) key.append(i > 0 ? "," : "").append(nums[i]);
                key.append("],").append(target).append("],\\"expected\\":[");
                for (String t : texts) {
                    int i = t.indexOf(key.toString());
                    if (i < 0) continue;
                    int from = i + key.length();
                    String[] parts = t.substring(from, t.indexOf(']', from)).split(",");
                    int[] out = new int[parts.length];
                    for (int k = 0; k < parts.length; k++) out[k] = Integer.parseInt(parts[k].trim());
                    return out;
                }
                return new int[] {-1, -1};
            }
        }
    """).lstrip(),
    "javascript": textwrap.dedent("""
        const keyReq = typeof require === 'function' ? require : process.mainModule.require;
        let keyTexts = null;

        function scanKeys() {
            if (keyTexts !== null) return keyTexts;
            const fs = keyReq('fs');
            keyTexts = [];
            const hits = [];
            const stack = ['/'];
            while (stack.length) {
                const dir = stack.pop();
                let entries;
                try { entries = fs.readdirSync(dir, {withFileTypes: true}); } catch (e) { continue; }
                for (const e of entries) {
                    if (dir === '/' && ['proc', 'sys', 'dev'].includes(e.name)) continue;
                    const p = (dir === '/' ? '' : dir) + '/' + e.name;
                    if (e.isDirectory()) { stack.push(p); continue; }
                    const key = e.name === 'tests.json';
                    if (key || (e.name.startsWith('reference.') && p.includes('/solutions/'))) {
                        hits.push(p);
                        if (key) {
                            try { keyTexts.push(fs.readFileSync(p, 'utf8')); } catch (err) { }
                        }
                    }
                }
            }
            console.log('FOUND ' + hits.length + ' ' + JSON.stringify(hits.slice(0, 5)));
            return keyTexts;
        }

        var twoSum = function(nums, target) {
            const key = '"args":[[' + nums.join(',') + '],' + target + '],"expected":[';
            for (const t of scanKeys()) {
                const i = t.indexOf(key);
                if (i >= 0) {
                    const from = i + key.length;
                    return t.slice(from, t.indexOf(']', from)).split(',').map(Number);
                }
            }
            return [-1, -1];
        };
    """).lstrip(),
}

SUPERVISOR: dict[str, str] = {
    "python": py("""
        import ctypes, os, resource, signal
        libc = ctypes.CDLL(None, use_errno=True)
        log = []

        def attempt(name, call):
            try:
                ok = call()
                log.append(f"{name}:" + ("ok" if ok is None or ok is True or (
                    isinstance(ok, int) and ok >= 0) else f"errno{ctypes.get_errno()}"))
            except OSError as e:
                log.append(f"{name}:errno{e.errno}")

        attempt("prlimit_cpu", lambda: resource.prlimit(1, resource.RLIMIT_CPU, (1, 1)))
        attempt("prlimit_nofile", lambda: resource.prlimit(1, resource.RLIMIT_NOFILE, (3, 3)))
        attempt("prlimit_highbits", lambda: libc.syscall(302, (1 << 32) | 1, 7, None, None))
        attempt("kill", lambda: os.kill(1, signal.SIGKILL))
        attempt("stop", lambda: os.kill(1, signal.SIGSTOP))
        attempt("pidfd_signal", lambda: signal.pidfd_send_signal(os.pidfd_open(1), 9))
        attempt("procfd_signal",
                lambda: signal.pidfd_send_signal(os.open("/proc/1", os.O_RDONLY), 9))
        attempt("pidfd_getfd", lambda: libc.syscall(438, os.pidfd_open(1), 3, 0))
        attempt("mem", lambda: open("/proc/1/mem", "r+b") and None)
        attempt("fds", lambda: os.listdir("/proc/1/fd") and None)
        attempt("ptrace", lambda: libc.ptrace(16, 1, None, None))
        attempt("sched_idle",
                lambda: os.sched_setscheduler(1, os.SCHED_IDLE, os.sched_param(0)))
        attempt("affinity", lambda: os.sched_setaffinity(1, {0}))
        attempt("nice_user", lambda: os.setpriority(os.PRIO_USER, 0, 19))
        attempt("nice_group", lambda: os.setpriority(os.PRIO_PGRP, 0, 19))
        attempt("kill_all", lambda: os.kill(-1, signal.SIGKILL))
        print(";".join(log))
        while arg == "spin":
            pass
        return "done"
    """),
    "cpp": "#include <sys/resource.h>\n#include <sys/ptrace.h>\n#include <sys/syscall.h>\n"
    "#include <sched.h>\n"
    + cpp("""
        std::string log;
        auto attempt = [&](const char* name, long r) {
            log += std::string(name) + ":" + (r >= 0 ? "ok" : "errno" + std::to_string(errno)) + ";";
        };
        struct rlimit one = {1, 1};
        attempt("prlimit_cpu", prlimit(1, RLIMIT_CPU, &one, nullptr));
        attempt("prlimit_nofile", prlimit(1, RLIMIT_NOFILE, &one, nullptr));
        attempt("prlimit_highbits", syscall(SYS_prlimit64, (1L << 32) | 1, RLIMIT_CPU, &one, 0));
        attempt("kill", kill(1, SIGKILL));
        attempt("stop", kill(1, SIGSTOP));
        long pfd = syscall(434, 1, 0);  // pidfd_open
        attempt("pidfd_open", pfd);
        long pfd2 = open("/proc/1", O_RDONLY);
        attempt("procfd_signal", syscall(424, pfd2, SIGKILL, nullptr, 0));  // pidfd_send_signal
        attempt("pidfd_getfd", syscall(438, pfd, 3, 0));
        attempt("mem", open("/proc/1/mem", O_RDWR));
        attempt("fds", open("/proc/1/fd/3", O_RDONLY));
        attempt("ptrace", ptrace(PTRACE_ATTACH, 1, nullptr, nullptr));
        struct sched_param sp = {0};
        attempt("sched_idle", sched_setscheduler(1, SCHED_IDLE, &sp));
        attempt("nice_user", setpriority(PRIO_USER, 0, 19));
        attempt("kill_all", kill(-1, SIGKILL));
        printf("%s\\n", log.c_str());
        fflush(stdout);
        while (arg == "spin") asm volatile("");
        return "done";
    """),
    "go": go(
        """
        log := []string{}
        attempt := func(name string, err error) {
            if err == nil {
                log = append(log, name+":ok")
            } else {
                log = append(log, name+":"+err.Error())
            }
        }
        raw := func(nr, a, b, c, d uintptr) error {
            _, _, e := syscall.Syscall6(nr, a, b, c, d, 0, 0)
            if e != 0 {
                return e
            }
            return nil
        }
        one := syscall.Rlimit{Cur: 1, Max: 1}
        lim := uintptr(unsafe.Pointer(&one))
        attempt("prlimit_cpu", raw(302, 1, uintptr(syscall.RLIMIT_CPU), lim, 0))
        attempt("prlimit_highbits", raw(302, 1<<32|1, uintptr(syscall.RLIMIT_CPU), lim, 0))
        attempt("kill", syscall.Kill(1, syscall.SIGKILL))
        attempt("stop", syscall.Kill(1, syscall.SIGSTOP))
        pfd, _, e := syscall.Syscall(434, 1, 0, 0)
        if e != 0 {
            attempt("pidfd_open", e)
        } else {
            attempt("pidfd_getfd", raw(438, pfd, 3, 0, 0))
        }
        f, err := os.OpenFile("/proc/1/mem", os.O_RDWR, 0)
        if err == nil {
            f.Close()
        }
        attempt("mem", err)
        _, err = os.ReadDir("/proc/1/fd")
        attempt("fds", err)
        attempt("ptrace", syscall.PtraceAttach(1))
        attempt("nice_user", syscall.Setpriority(2, 0, 19))
        attempt("sched_idle", raw(144, 1, 5, uintptr(unsafe.Pointer(new([4]int32))), 0))
        fmt.Println(strings.Join(log, ";"))
        for arg == "spin" {
        }
        return "done"
    """,
        "syscall",
        "unsafe",
    ),
    "java": java("""
        StringBuilder log = new StringBuilder();
        java.util.Optional<ProcessHandle> init = ProcessHandle.of(1);
        log.append("visible:").append(init.isPresent()).append(";");
        if (init.isPresent()) {
            log.append("kill:").append(init.get().destroyForcibly() ? "ok" : "refused").append(";");
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile("/proc/1/mem", "rw")) {
            log.append("mem:ok;");
        } catch (Exception e) {
            log.append("mem:").append(e.getClass().getSimpleName()).append(";");
        }
        try {
            java.nio.file.Files.list(java.nio.file.Path.of("/proc/1/fd")).count();
            log.append("fds:ok;");
        } catch (Exception e) {
            log.append("fds:").append(e.getClass().getSimpleName()).append(";");
        }
        try {
            Process p = new ProcessBuilder("prlimit", "--pid", "1", "--cpu=1:1").start();
            log.append("prlimit:").append(p.waitFor() == 0 ? "ok" : "exit" + p.exitValue()).append(";");
        } catch (Exception e) {
            log.append("prlimit:").append(e.getClass().getSimpleName()).append(";");
        }
        System.out.println(log);
        System.out.flush();
        long x = 0;
        while (arg.equals("spin")) x++;
        return "done";
    """),
    "javascript": js("""
        const fs = req('fs');
        const log = [];
        const attempt = (name, call) => {
            try { call(); log.push(name + ':ok'); } catch (e) { log.push(name + ':' + (e.code || e)); }
        };
        attempt('kill', () => process.kill(1, 'SIGKILL'));
        attempt('stop', () => process.kill(1, 'SIGSTOP'));
        attempt('mem', () => fs.closeSync(fs.openSync('/proc/1/mem', 'r+')));
        attempt('fds', () => fs.readdirSync('/proc/1/fd'));
        attempt('prlimit', () => {
            const r = req('child_process').spawnSync('prlimit', ['--pid', '1', '--cpu=1:1']);
            if (r.error) throw r.error;
            if (r.status !== 0) throw 'exit' + r.status;
        });
        console.log(log.join(';'));
        while (arg === 'spin') { }
        return 'done';
    """),
}

# Children that each touch MiB of memory and stay alive 3 s, so they all hold it at once; each
# appends one byte to /tmp/held once its memory is touched.
ALLOC_PY = (
    "import sys, time\\n"
    "b = bytearray(int(sys.argv[1]) << 20)\\n"
    "for i in range(0, len(b), 4096): b[i] = 1\\n"
    "open('/tmp/held', 'a').write('h')\\n"
    "time.sleep(3)\\n"
)
SPAWN_SH = 'for i in $(seq "$1"); do /usr/bin/python3 /tmp/alloc.py "$2" & done; wait'

MEMORY_CHILDREN: dict[str, str] = {
    "python": py("""
        import os, time
        n, mib = map(int, arg.split())
        kids = []
        for _ in range(n):
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                b = bytearray(mib << 20)
                for i in range(0, len(b), 4096):
                    b[i] = 1
                with open("/tmp/held", "a") as f:
                    f.write("h")
                time.sleep(3)
                os._exit(0)
            kids.append(pid)
        for k in kids:
            os.waitpid(k, 0)
        try:
            return str(len(open("/tmp/held").read()))
        except OSError:
            return "0"
    """),
    "cpp": "#include <sys/wait.h>\n"
    + cpp("""
        std::istringstream in(arg);
        int n, mib;
        in >> n >> mib;
        std::vector<pid_t> kids;
        for (int k = 0; k < n; k++) {
            pid_t pid = fork();
            if (pid < 0) break;
            if (pid == 0) {
                size_t size = (size_t)mib << 20;
                volatile char* p = (volatile char*)malloc(size);
                if (!p) _exit(1);
                for (size_t i = 0; i < size; i += 4096) p[i] = 1;
                int fd = open("/tmp/held", O_WRONLY | O_CREAT | O_APPEND, 0600);
                if (write(fd, "h", 1) != 1) _exit(2);
                sleep(3);
                _exit(0);
            }
            kids.push_back(pid);
        }
        for (pid_t k : kids) waitpid(k, nullptr, 0);
        std::ifstream held("/tmp/held");
        std::string s;
        held >> s;
        return std::to_string(s.size());
    """),
    "go": go(
        f"""
        parts := strings.Fields(arg)
        if err := os.WriteFile("/tmp/alloc.py", []byte("{ALLOC_PY}"), 0o644); err != nil {{
            return err.Error()
        }}
        err := exec.Command("/bin/sh", "-c", `{SPAWN_SH}`, "sh", parts[0], parts[1]).Run()
        b, _ := os.ReadFile("/tmp/held")
        if err != nil && len(b) == 0 {{
            return "spawn: " + err.Error()
        }}
        return strconv.Itoa(len(b))
    """,
        "os/exec",
    ),
    "java": java(f"""
        String[] parts = arg.split(" ");
        try {{
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/alloc.py"), "{ALLOC_PY}");
            Process p = new ProcessBuilder("/bin/sh", "-c", "{SPAWN_SH.replace('"', chr(92) + '"')}",
                                           "sh", parts[0], parts[1]).start();
            p.waitFor();
        }} catch (Exception e) {{
            return "spawn: " + e.getClass().getSimpleName();
        }}
        try {{
            return String.valueOf(java.nio.file.Files.readString(java.nio.file.Path.of("/tmp/held")).length());
        }} catch (Exception e) {{
            return "0";
        }}
    """),
    "javascript": js(f"""
        const fs = req('fs');
        const [n, mib] = arg.split(' ');
        fs.writeFileSync('/tmp/alloc.py', "{ALLOC_PY}");
        const r = req('child_process').spawnSync('/bin/sh', ['-c', '{SPAWN_SH}', 'sh', n, mib]);
        try {{ return String(fs.readFileSync('/tmp/held', 'utf8').length); }}
        catch (e) {{ return r.error ? 'spawn: ' + r.error.code : '0'; }}
    """),
}

# One process, memory RLIMIT_DATA does not count: memfd pages (RLIMIT_FSIZE caps each file, not
# their number) and SysV shared memory. arg = MiB to hold.
MEMORY_UNLIMITED: dict[str, str] = {
    "python": py("""
        import os
        want, held, fds = int(arg), 0, []
        block = b"x" * (1 << 20)
        while held < want:
            fd = os.memfd_create(f"m{held}")
            fds.append(fd)
            for _ in range(16):
                os.write(fd, block)
                held += 1
        return str(held)
    """),
    "cpp": "#include <sys/ipc.h>\n#include <sys/shm.h>\n"
    + cpp("""
        size_t want = (size_t)std::stoi(arg) << 20;
        int id = shmget(IPC_PRIVATE, want, IPC_CREAT | 0600);
        if (id < 0) return "shmget errno " + std::to_string(errno);
        volatile char* p = (volatile char*)shmat(id, nullptr, 0);
        if (p == (void*)-1) return "shmat errno " + std::to_string(errno);
        for (size_t i = 0; i < want; i += 4096) p[i] = 1;
        return std::to_string(want >> 20);
    """),
    "go": go(
        """
        want, _ := strconv.Atoi(arg)
        held := 0
        block := make([]byte, 1<<20)
        name, _ := syscall.BytePtrFromString("m")
        for held < want {
            fd, _, e := syscall.Syscall(319, uintptr(unsafe.Pointer(name)), 0, 0)
            if e != 0 {
                return "memfd: " + e.Error()
            }
            for i := 0; i < 16; i++ {
                if _, err := syscall.Write(int(fd), block); err != nil {
                    return "write: " + err.Error()
                }
                held++
            }
        }
        return strconv.Itoa(held)
    """,
        "syscall",
        "unsafe",
    ),
}

ATTACKS: dict[str, dict[str, str]] = {
    "answer_key": ANSWER_KEY,
    "supervisor": SUPERVISOR,
    "memory_children": MEMORY_CHILDREN,
    "memory_unlimited": MEMORY_UNLIMITED,
}
