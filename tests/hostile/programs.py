"""Hostile candidate programs: ``string attack(string arg)`` in each language.

``PROGRAMS[attack][language]`` is the candidate's code. ``arg`` carries what the test set up:
a port, paths (one per line), pids (space-separated) or a marker. Each program returns what it
managed to do, so the tests can check both the verdict and that nothing escaped.
"""

from __future__ import annotations

import textwrap

CPP_HEAD = (
    "#include <unistd.h>\n#include <signal.h>\n#include <fcntl.h>\n#include <sys/socket.h>\n"
    "#include <netinet/in.h>\n#include <arpa/inet.h>\n#include <cerrno>\n#include <cstring>\n"
    "#include <sstream>\n#include <fstream>\n#include <iostream>\n#include <string>\n"
    "#include <vector>\n"
)
JS_REQUIRE = "const req = typeof require === 'function' ? require : process.mainModule.require;\n"


def py(body: str) -> str:
    return "class Solution:\n    def attack(self, arg: str) -> str:\n" + textwrap.indent(
        textwrap.dedent(body).strip("\n"), " " * 8
    )


def cpp(body: str) -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 8)
    head = "class Solution {\npublic:\n    std::string attack(std::string arg) {\n"
    return f"{CPP_HEAD}{head}{inner}\n    }}\n}};\n"


def java(body: str) -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 8)
    return f"class Solution {{\n    public String attack(String arg) {{\n{inner}\n    }}\n}}\n"


def js(body: str) -> str:
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
    return f"var attack = function(arg) {{\n{JS_REQUIRE}{inner}\n}};\n"


def go(body: str, *imports: str) -> str:
    """Go code; standard packages are imported for LeetCode-style code, others need ``imports``."""
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), "\t")
    head = "".join(f'import "{path}"\n' for path in imports)
    return f"{head}func attack(arg string) string {{\n{inner}\n}}\n"


PROGRAMS: dict[str, dict[str, str]] = {
    "fork_bomb": {  # arg: a process name, so the test can look for survivors
        "python": py("""
            import ctypes, os
            ctypes.CDLL(None).prctl(15, arg.encode(), 0, 0, 0)  # PR_SET_NAME, inherited
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
        """),
        "cpp": "#include <sys/prctl.h>\n"
        + cpp("""
            prctl(PR_SET_NAME, arg.c_str(), 0, 0, 0);
            while (true) fork();
            return "";
        """),
    },
    "thread_bomb": {  # arg: a process name (python, java: threads; go: OS threads)
        "python": py("""
            import ctypes, threading, time
            ctypes.CDLL(None).prctl(15, arg.encode(), 0, 0, 0)
            n = 0
            try:
                while n < 100000:
                    threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
                    n += 1
            except RuntimeError:
                pass
            return str(n)
        """),
        "java": java("""
            int n = 0;
            try {
                while (n < 100000) {
                    Thread t = new Thread(() -> {
                        try { Thread.sleep(30000); } catch (InterruptedException e) { }
                    });
                    t.setDaemon(true);
                    t.start();
                    n++;
                }
            } catch (Throwable e) { }
            return String.valueOf(n);
        """),
        "go": go(
            """
            for i := 0; i < 100000; i++ {
                go func() {
                    runtime.LockOSThread()
                    time.Sleep(time.Hour)
                }()
            }
            time.Sleep(3 * time.Second)
            return "spawned"
        """,
            "runtime",
        ),
    },
    "memory_bomb": {  # touches every page, so nothing is optimised away
        "python": py("""
            chunks = []
            while True:
                b = bytearray(1 << 24)
                for i in range(0, len(b), 4096):
                    b[i] = 1
                chunks.append(b)
        """),
        "cpp": cpp("""
            std::vector<char*> v;
            while (true) {
                char* p = new char[1 << 24];
                for (int i = 0; i < (1 << 24); i += 4096) ((volatile char*)p)[i] = 1;
                v.push_back(p);
            }
        """),
        "go": go("""
            var l [][]byte
            for {
                b := make([]byte, 1<<24)
                for i := 0; i < len(b); i += 4096 {
                    b[i] = 1
                }
                l = append(l, b)
            }
        """),
    },
    "disk_fill": {  # arg: a marker used in the file names
        "python": py("""
            import os
            out = []
            for d in ("/tmp", ".", os.environ.get("HOME", "/tmp"), "/dev/shm", "/"):
                n = 0
                try:
                    for k in range(64):
                        with open(os.path.join(d, f"coach-fill-{arg}-{k}"), "wb") as f:
                            for _ in range(16):
                                f.write(b"x" * (1 << 20))
                                n += 1 << 20
                except OSError as e:
                    out.append(f"{d}:{n >> 20}M:errno{e.errno}")
                    continue
                out.append(f"{d}:{n >> 20}M:ok")
            return ";".join(out)
        """),
        "cpp": cpp("""
            std::string path = "/tmp/coach-fill-" + arg;
            FILE* f = fopen(path.c_str(), "wb");
            if (!f) return "cannot open";
            std::vector<char> buf(1 << 20, 'x');
            for (int i = 0; i < 1024; i++) fwrite(buf.data(), 1, buf.size(), f);
            fclose(f);
            return "wrote 1 GiB";
        """),
    },
    "stdout_flood": {
        "python": py("""
            import sys
            block = "A" * 65536
            while True:
                sys.stdout.write(block)
                sys.stderr.write(block)
        """),
        "cpp": cpp("""
            std::string block(65536, 'A');
            while (true) { fwrite(block.data(), 1, block.size(), stdout); fflush(stdout); }
        """),
    },
    "tcp_connect": {  # arg: a port the test listens on at 127.0.0.1
        "python": py("""
            import socket
            out = []
            for fam, addr in ((socket.AF_INET, ("127.0.0.1", int(arg))),
                              (socket.AF_INET6, ("::1", int(arg))),
                              (socket.AF_INET, ("1.1.1.1", 80))):
                try:
                    s = socket.socket(fam, socket.SOCK_STREAM)
                    s.settimeout(1)
                    s.connect(addr)
                    out.append("connected")
                except OSError as e:
                    out.append(f"errno{e.errno}")
            return ",".join(out)
        """),
        "cpp": cpp("""
            int s = socket(AF_INET, SOCK_STREAM, 0);
            if (s < 0) return "socket errno " + std::to_string(errno);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_port = htons(std::stoi(arg));
            inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
            if (connect(s, (sockaddr*)&a, sizeof a) == 0) return "connected";
            return "connect errno " + std::to_string(errno);
        """),
        "go": go(
            """
            c, err := net.DialTimeout("tcp", "127.0.0.1:"+arg, time.Second)
            if err != nil {
                return err.Error()
            }
            c.Close()
            return "connected"
        """,
            "net",
        ),
        "javascript": js("""
            const cp = req('child_process');
            const code = "require('net').connect(" + Number(arg) + ",'127.0.0.1')" +
                ".on('connect',()=>{console.log('connected');process.exit(0)})" +
                ".on('error',e=>{console.log(e.code);process.exit(0)})";
            const r = cp.spawnSync(process.execPath, ['-e', code], {timeout: 3000});
            return String(r.stdout || r.error);
        """),
        "java": java("""
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(arg)), 1000);
                return "connected";
            } catch (Exception e) {
                return e.toString();
            }
        """),
    },
    "read_files": {  # arg: host paths, one per line
        "python": py("""
            import os
            out = []
            for p in arg.split("\\n") + ["/etc/shadow", "/etc/passwd", "/root"]:
                try:
                    if os.path.isdir(p):
                        out.append(f"{p}: {os.listdir(p)}")
                    else:
                        out.append(f"{p}: {open(p).read()}")
                except OSError as e:
                    out.append(f"{p}: errno{e.errno}")
            return "\\n".join(out)
        """),
        "cpp": cpp("""
            std::istringstream in(arg);
            std::string p, out;
            while (std::getline(in, p)) {
                std::ifstream f(p);
                std::stringstream ss;
                ss << f.rdbuf();
                out += p + ": " + (f ? ss.str() : "unreadable") + "\\n";
            }
            return out;
        """),
        "go": go("""
            out := ""
            for _, p := range strings.Split(arg, "\\n") {
                b, err := os.ReadFile(p)
                if err != nil {
                    out += p + ": " + err.Error() + "\\n"
                } else {
                    out += p + ": " + string(b) + "\\n"
                }
            }
            return out
        """),
        "javascript": js("""
            const fs = req('fs');
            return arg.split('\\n').map((p) => {
                try { return p + ': ' + fs.readFileSync(p, 'utf8'); }
                catch (e) { return p + ': ' + e.code; }
            }).join('\\n');
        """),
        "java": java("""
            StringBuilder out = new StringBuilder();
            for (String p : arg.split("\\n")) {
                try {
                    byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(p));
                    out.append(p).append(": ").append(new String(b));
                } catch (Exception e) {
                    out.append(p).append(": ").append(e);
                }
                out.append("\\n");
            }
            return out.toString();
        """),
    },
    "environment": {  # the host's API key must not be visible anywhere
        "python": py("""
            import os
            out = [repr(dict(os.environ))]
            for pid in ["self", "1"] + [p for p in os.listdir("/proc") if p.isdigit()]:
                for name in ("environ", "cmdline"):
                    try:
                        raw = open(f"/proc/{pid}/{name}", "rb").read()
                        out.append(raw.decode(errors="replace"))
                    except OSError as e:
                        out.append(f"{pid}/{name}: errno{e.errno}")
            return "\\n".join(out)
        """),
        "javascript": js("""
            const fs = req('fs');
            const out = [JSON.stringify(process.env)];
            const pids = fs.readdirSync('/proc').filter((x) => /^\\d+$/.test(x));
            for (const p of ['self', '1', ...pids]) {
                try { out.push(fs.readFileSync('/proc/' + p + '/environ', 'latin1')); }
                catch (e) { out.push(p + ': ' + e.code); }
            }
            return out.join('\\n');
        """),
        "go": go("""
            out := strings.Join(os.Environ(), "\\n")
            for _, p := range []string{"self", "1", "2"} {
                b, err := os.ReadFile("/proc/" + p + "/environ")
                if err == nil {
                    out += "\\n" + string(b)
                }
            }
            return out
        """),
    },
    "write_outside": {  # arg: host paths to create, one per line
        "python": py("""
            import os
            out = []
            for p in arg.split("\\n") + ["./pwn", "../pwn", "/pwn"]:
                try:
                    with open(p, "w") as f:
                        f.write("pwned")
                    out.append(f"{p}: written")
                except OSError as e:
                    out.append(f"{p}: errno{e.errno}")
            return "\\n".join(out)
        """),
        "cpp": cpp("""
            std::istringstream in(arg);
            std::string p, out;
            while (std::getline(in, p)) {
                std::ofstream f(p);
                f << "pwned";
                out += p + (f ? ": written\\n" : ": failed\\n");
            }
            return out;
        """),
    },
    "kill_others": {  # arg: pids of host processes (space-separated)
        "python": py("""
            import os, signal
            out = []
            for pid in [int(p) for p in arg.split()] + [1, -1]:
                try:
                    os.kill(pid, signal.SIGKILL)
                    out.append(f"{pid}: killed")
                except OSError as e:
                    out.append(f"{pid}: errno{e.errno}")
            os.kill(os.getppid(), signal.SIGKILL)
            return " ".join(out)
        """),
        "cpp": cpp("""
            std::istringstream in(arg);
            long pid;
            while (in >> pid) kill((pid_t)pid, SIGKILL);
            kill(1, SIGKILL);
            kill(-1, SIGKILL);
            kill(getppid(), SIGKILL);
            return "done";
        """),
    },
    "background": {  # arg: a unique number; a daemon runs `sleep <arg>` and must not survive
        "python": py("""
            import os
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execv("/bin/sleep", ["sleep", arg])
                os._exit(0)
            return "parent returned"
        """),
        "cpp": cpp("""
            if (fork() == 0) {
                setsid();
                if (fork() == 0) execl("/bin/sleep", "sleep", arg.c_str(), (char*)nullptr);
                _exit(0);
            }
            return "parent returned";
        """),
        "javascript": js("""
            const cp = req('child_process');
            const c = cp.spawn('/bin/sleep', [arg], {detached: true, stdio: 'ignore'});
            c.unref();
            return 'parent returned';
        """),
    },
    "sleep_forever": {
        "python": py("""
            import time
            time.sleep(10 ** 6)
            return ""
        """),
        "go": go("""
            time.Sleep(1000 * time.Hour)
            return ""
        """),
    },
    "kernel_surface": {  # namespaces, mounts, ptrace, netlink, keyrings: all must fail
        "python": py("""
            import ctypes, os, socket
            libc = ctypes.CDLL(None, use_errno=True)
            out = []
            calls = {
                "unshare(NEWUSER)": lambda: libc.unshare(0x10000000),
                "unshare(NEWNET)": lambda: libc.unshare(0x40000000),
                "mount": lambda: libc.mount(b"none", b"/tmp", b"tmpfs", 0, None),
                "ptrace(TRACEME)": lambda: libc.ptrace(0, 0, None, None),
                "keyctl": lambda: libc.syscall(250, 0, -3, 0),
                "bpf": lambda: libc.syscall(321, 0, None, 0),
            }
            for name, call in calls.items():
                out.append(f"{name}: {'ok' if call() == 0 else 'errno' + str(ctypes.get_errno())}")
            try:
                socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
                out.append("netlink: ok")
            except OSError as e:
                out.append(f"netlink: errno{e.errno}")
            return "; ".join(out)
        """),
    },
}


def count() -> int:
    """How many hostile programs there are, over all attacks and languages."""
    return sum(len(by_lang) for by_lang in PROGRAMS.values())
