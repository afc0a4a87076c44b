/*
 * coach-rexec: the supervisor that runs inside the sandbox, between the isolation layer and the
 * candidate's process. Built by sandbox/isolation/helper.py with gcc on first use.
 *
 * Why a helper inside: bubblewrap hides the payload's rusage from the host, so CPU time and peak
 * RSS must be read by the payload's parent, inside the namespaces. Being that parent it also:
 *   - applies the rlimits after the namespaces exist (RLIMIT_NPROC then counts the sandbox's own
 *     user namespace, not every process of the host uid, and bwrap itself is not limited);
 *   - relays the driver's result lines (fd 3) to the host and, at each line, records the child's
 *     CPU time and VmHWM, so each test gets its own CPU time and the peak memory so far;
 *   - kills the child when one test uses more CPU than allowed (per-test CPU watchdog);
 *   - kills every descendant left behind (it is a child subreaper).
 *
 * usage: coach-rexec [-m FD] [-r FD] [-c MS] [-s MS] [-t SEC] [-d B] [-f B] [-n N] [-o N] [-k B]
 *                    [-g FD] [-x] [-U UID] [-p] [-R] [-b N] [-L FD] [-i FD|PATH] [-E K=V]...
 *                    -- argv...
 *        coach-rexec -W FD [-m FD] [-r FD] [-L FD]   (a warm sandbox, waiting for its one run)
 *   -m FD  write measurement JSON lines to FD: a start record, one per relayed result line, then a
 *          final record (FD may also be an absolute file path, for backends without fd passing)
 *   -r FD  relay: the child gets a pipe as fd 3, whose bytes are copied to FD (or a file path)
 *   -c MS  CPU allowed per test (between two result lines), 0 = no watchdog
 *   -s MS  extra CPU allowed before the first result line (runtime start-up)
 *   -R     the first line is the driver's ready line, not a result: -s runs until the second
 *   -b N   relay at most N bytes of result lines; past them the child is killed ("overflow")
 *   -t/-d/-f/-n/-o/-k  RLIMIT_CPU (s), _DATA, _FSIZE, _NPROC, _NOFILE, _STACK for the child
 *   -g FD  read one byte from FD before doing anything (the host moves us into a cgroup first)
 *   -x     exec argv directly after the gate, without supervising
 *   -U UID become UID (gid UID, no supplementary groups) before exec'ing argv, with -x: Coach
 *          running as root starts bwrap as the unprivileged sandbox uid this way, because
 *          Python's subprocess cannot use vfork when asked to change uid and forks its whole
 *          address space instead (measured: 3-5 ms a run, more than this exec)
 *   -p     one process: the child may start threads but no process (fork, vfork, clone without
 *          CLONE_THREAD fail with EPERM; clone3 with ENOSYS, so libc falls back to clone), so
 *          the CPU time read at each result line is all the program used; it also dies with us
 *   -L FD  lifeline: the read end of a pipe whose only writer is Coach. When Coach dies, even
 *          in the middle of starting the sandbox (before bwrap's --die-with-parent is armed: a
 *          measured race), the pipe hangs up and we kill the child and exit, ending the sandbox
 *   -i FD  the test cases, one per line (FD, or an absolute file path that is opened and
 *          unlinked before the child starts). The child's stdin is a pipe fed one case at a
 *          time: case k is written only after the result line of case k-1 has arrived and been
 *          stamped (case 0 after the ready line with -R), and stdin ends after the last result.
 *          So no case's input exists in the sandbox before the previous test's time is measured:
 *          a program cannot move work for a later case into an earlier test's window
 *   -E K=V the child's environment is exactly the -E entries (repeatable; none: inherited)
 *   -W FD  warm: the sandbox was started before its run was known (sandbox/isolation/warm.py).
 *          Wait on the socket FD for the run's request: the options above and the argv as
 *          NUL-terminated strings up to the end of the stream, and the cases' fd (-i) passed
 *          along with SCM_RIGHTS; then run it exactly as if they had been given here. A
 *          {"warm":1} record on -m says it is waiting. If the lifeline hangs up first, exit
 *          without running anything
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static long long cpu_us(clockid_t clk) {
    struct timespec t;
    if (clock_gettime(clk, &t) != 0) return -1;
    return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static long hwm_kb(pid_t pid) {
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *p = strstr(buf, "VmHWM:");
    return p ? strtol(p + 6, NULL, 10) : -1;
}

#if defined(__x86_64__)
#define COACH_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define COACH_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

/* Forbid process creation in the calling process and everything it execs: threads only.
 * A classic BPF filter, stacked on the sandbox's own; each rule is a self-contained pair. */
static int forbid_processes(void) {
#ifdef COACH_AUDIT_ARCH
    struct sock_filter f[24];
    unsigned n = 0;
#define COACH_OP(c, k) f[n++] = (struct sock_filter)BPF_STMT(c, k)
#define COACH_JMP(c, k, t, e) f[n++] = (struct sock_filter)BPF_JUMP(c, k, t, e)
#define COACH_DENY(nr, err)                                  \
    COACH_JMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1);         \
    COACH_OP(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err))
    COACH_OP(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    COACH_JMP(BPF_JMP | BPF_JEQ | BPF_K, COACH_AUDIT_ARCH, 1, 0);
    COACH_OP(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    COACH_OP(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
    COACH_JMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1); /* x32 numbers */
    COACH_OP(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
#endif
#ifdef __NR_fork
    COACH_DENY(__NR_fork, EPERM);
#endif
#ifdef __NR_vfork
    COACH_DENY(__NR_vfork, EPERM);
#endif
#ifdef __NR_clone3
    COACH_DENY(__NR_clone3, ENOSYS);
#else
    COACH_DENY(435, ENOSYS);
#endif
    COACH_JMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3);
    COACH_OP(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])); /* low word */
    COACH_JMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0);
    COACH_OP(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
    COACH_OP(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
#undef COACH_DENY
#undef COACH_JMP
#undef COACH_OP
    struct sock_fprog prog = {(unsigned short)n, f};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
#else
    errno = ENOSYS; /* an architecture this filter does not know: refuse to run unguarded */
    return -1;
#endif
}

static void write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        buf += w;
        len -= (size_t)w;
    }
}

/* Per-line records, batched: a flood of newlines costs one write per chunk, not per line. */
static char mbuf[1 << 16];
static size_t mlen;

static void meas_flush(int fd) {
    if (fd >= 0 && mlen) write_all(fd, mbuf, mlen);
    mlen = 0;
}

static void meas_line(int fd, int line, long long cpu, long hwm, long long wall) {
    if (fd < 0) return;
    if (mlen + 128 > sizeof mbuf) meas_flush(fd);
    mlen += (size_t)snprintf(mbuf + mlen, sizeof mbuf - mlen,
                             "{\"line\":%d,\"cpu_us\":%lld,\"hwm_kb\":%ld,\"wall_us\":%lld}\n",
                             line, cpu, hwm, wall);
}

static int open_out(const char *arg) {
    if (arg[0] != '/') return atoi(arg);
    return open(arg, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
}

static void set_limit(int resource, unsigned long long value) {
    if (value == 0) return;
    struct rlimit r = {value, value};
    if (resource == RLIMIT_CPU) r.rlim_max = value + 1; /* SIGXCPU at soft, SIGKILL at hard */
    if (setrlimit(resource, &r) != 0) {
        perror("coach-rexec: setrlimit");
        _exit(126);
    }
}

/* Kill every descendant still alive (orphans are re-parented to us: we are a subreaper). */
static void kill_leftovers(void) {
    char path[64], buf[8192];
    snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
    long long deadline = now_us() + 3000000;
    while (now_us() < deadline) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
        if (fd >= 0) close(fd);
        if (n > 0) {
            buf[n] = 0;
            for (char *p = buf; *p;) {
                long pid = strtol(p, &p, 10);
                if (pid > 0) kill((pid_t)pid, SIGKILL);
                while (*p == ' ' || *p == '\n') p++;
            }
        }
        if (waitpid(-1, NULL, n > 0 ? 0 : WNOHANG) < 0 && errno == ECHILD) return;
        if (n <= 0) usleep(1000);
    }
}

/* The options, file-scope so that a warm helper (-W) can parse a second set from its run's
 * request after waiting for it. */
static int meas = -1, results = -1, gate = -1, exec_only = 0, life = -1, one = 0, ready = 0;
static int cases = -1, warm = -1;
static long long relay_cap = 0;
static long become = -1;
static long long case_ms = 0, startup_ms = 0;
static unsigned long long lim_cpu = 0, lim_data = 0, lim_fsize = 0, lim_nproc = 0, lim_nofile = 0,
                          lim_stack = 0;
#define MAX_ENV 512
static char *child_env[MAX_ENV + 1];
static int n_env = 0;

/* Parse argv's options; return optind, or -1 on a bad option. */
static int parse_options(int argc, char **argv) {
    int opt;
    optind = 0; /* glibc: a full re-initialisation, so a second pass starts afresh */
    while ((opt = getopt(argc, argv, "+m:r:c:s:t:d:f:n:o:k:g:xpRb:L:i:U:W:E:")) != -1) {
        switch (opt) {
        case 'm': meas = open_out(optarg); break;
        case 'r': results = open_out(optarg); break;
        case 'c': case_ms = atoll(optarg); break;
        case 's': startup_ms = atoll(optarg); break;
        case 't': lim_cpu = strtoull(optarg, NULL, 10); break;
        case 'd': lim_data = strtoull(optarg, NULL, 10); break;
        case 'f': lim_fsize = strtoull(optarg, NULL, 10); break;
        case 'n': lim_nproc = strtoull(optarg, NULL, 10); break;
        case 'o': lim_nofile = strtoull(optarg, NULL, 10); break;
        case 'k': lim_stack = strtoull(optarg, NULL, 10); break;
        case 'g': gate = atoi(optarg); break;
        case 'x': exec_only = 1; break;
        case 'U': become = atol(optarg); break;
        case 'p': one = 1; break;
        case 'R': ready = 1; break;
        case 'b': relay_cap = atoll(optarg); break;
        case 'L': life = atoi(optarg); break;
        case 'W': warm = atoi(optarg); break;
        case 'E':
            if (n_env >= MAX_ENV || strchr(optarg, '=') == NULL) return -1;
            child_env[n_env++] = optarg;
            break;
        case 'i':
            if (optarg[0] == '/') {
                cases = open(optarg, O_RDONLY | O_CLOEXEC);
                if (cases < 0 || unlink(optarg) != 0) {
                    perror("coach-rexec: cases");
                    return -1;
                }
            } else {
                cases = atoi(optarg);
            }
            break;
        default: return -1;
        }
    }
    return optind;
}

/* -W: wait, idle, for this sandbox's one run. The request is the run's options and argv as
 * NUL-terminated strings, read to the end of the stream, with the cases' fd (if any) passed
 * alongside (SCM_RIGHTS). Only Coach holds the socket's other end. Returns the new argv
 * (argv[0] kept) and its length in *argc, or NULL when Coach went away or the request is bad. */
static char **await_run(int sock, char *argv0, int *argc) {
    static char req[1 << 20];
    size_t len = 0;
    int passed = -1;
    fcntl(sock, F_SETFD, FD_CLOEXEC);
    for (;;) {
        struct pollfd p[2] = {{sock, POLLIN, 0}, {life, POLLIN, 0}};
        if (poll(p, life >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR) continue;
            return NULL;
        }
        if (life >= 0 && p[1].revents && !p[0].revents) return NULL; /* Coach is gone */
        if (!p[0].revents) continue;
        struct iovec iov = {req + len, sizeof req - 1 - len};
        union {
            char buf[CMSG_SPACE(sizeof(int) * 4)];
            struct cmsghdr align;
        } u;
        struct msghdr mh;
        memset(&mh, 0, sizeof mh);
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        mh.msg_control = u.buf;
        mh.msg_controllen = sizeof u.buf;
        ssize_t r = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return NULL;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
            int nfd = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            int *fds = (int *)CMSG_DATA(c);
            for (int k = 0; k < nfd; k++) {
                if (passed < 0) passed = fds[k];
                else close(fds[k]);
            }
        }
        if (r == 0) break;
        len += (size_t)r;
        if (len >= sizeof req - 1) return NULL; /* far beyond any real request */
    }
    close(sock);
    if (len == 0 || req[len - 1] != 0) return NULL;
    int n = 1;
    for (size_t i = 0; i < len; i++) n += req[i] == 0;
    char **av = calloc((size_t)n + 1, sizeof *av);
    if (av == NULL) return NULL;
    int k = 0;
    av[k++] = argv0;
    char *s = req;
    for (size_t i = 0; i < len; i++)
        if (req[i] == 0) {
            av[k++] = s;
            s = req + i + 1;
        }
    av[k] = NULL;
    *argc = k;
    if (passed >= 0) cases = passed;
    return av;
}

int main(int argc, char **argv) {
    int overflow = 0;
    long long relayed = 0;
    if (parse_options(argc, argv) < 0) return 125;
    if (warm >= 0) {
        int sock = warm;
        warm = -1;
        if (meas >= 0) dprintf(meas, "{\"warm\":1}\n"); /* set up and waiting: ready */
        argv = await_run(sock, argv[0], &argc);
        if (argv == NULL) return 0; /* nothing to run: the sandbox ends */
        if (parse_options(argc, argv) < 0 || warm >= 0 || exec_only || gate >= 0) return 125;
    }
    if (optind >= argc) {
        fprintf(stderr, "coach-rexec: no command\n");
        return 125;
    }
    char **cmd = argv + optind;
    if (gate >= 0) {
        char b;
        while (read(gate, &b, 1) < 0 && errno == EINTR) {}
        close(gate);
    }
    if (exec_only) {
        if (become >= 0) {
            gid_t g = (gid_t)become;
            if (setgroups(0, NULL) != 0 || setgid(g) != 0 || setuid((uid_t)become) != 0 ||
                getuid() != (uid_t)become || getegid() != g) {
                perror("coach-rexec: cannot become the sandbox user");
                return 126;
            }
        }
        execvp(cmd[0], cmd);
        fprintf(stderr, "coach-rexec: cannot run %s: %s\n", cmd[0], strerror(errno));
        return 127;
    }
    signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_DUMPABLE, 0); /* the child cannot open our fds through /proc */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (meas >= 0) fcntl(meas, F_SETFD, FD_CLOEXEC);
    if (results >= 0) fcntl(results, F_SETFD, FD_CLOEXEC);
    if (life >= 0) fcntl(life, F_SETFD, FD_CLOEXEC);
    int rp[2] = {-1, -1}, cp[2] = {-1, -1};
    if (results >= 0 && pipe2(rp, O_CLOEXEC) != 0) {
        perror("coach-rexec: pipe");
        return 125;
    }
    FILE *cases_in = NULL;
    if (cases >= 0) {
        fcntl(cases, F_SETFD, FD_CLOEXEC); /* never the child's */
        cases_in = fdopen(cases, "r");
        if (cases_in == NULL || pipe2(cp, O_CLOEXEC) != 0) {
            perror("coach-rexec: cases");
            return 125;
        }
        fcntl(cp[1], F_SETPIPE_SZ, 1 << 20); /* fewer wake-ups for a big case; best effort */
        fcntl(cp[1], F_SETFL, O_NONBLOCK);   /* a child that does not read cannot block us */
    }
    long long t0 = now_us();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        perror("coach-rexec: fork");
        return 125;
    }
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);
        if (rp[1] >= 0) {
            if (rp[1] == 3) fcntl(3, F_SETFD, 0);
            else if (dup2(rp[1], 3) < 0) _exit(126);
        }
        if (cp[0] >= 0 && dup2(cp[0], 0) < 0) _exit(126);
        set_limit(RLIMIT_CORE, 1); /* 1 byte: effectively no core files */
        set_limit(RLIMIT_DATA, lim_data);
        set_limit(RLIMIT_FSIZE, lim_fsize);
        set_limit(RLIMIT_NPROC, lim_nproc);
        set_limit(RLIMIT_NOFILE, lim_nofile);
        set_limit(RLIMIT_STACK, lim_stack);
        set_limit(RLIMIT_CPU, lim_cpu);
        if (one) {
            prctl(PR_SET_PDEATHSIG, SIGKILL); /* no supervisor, no run */
            if (getppid() != parent) _exit(126); /* the supervisor died already */
            if (forbid_processes() != 0) {
                perror("coach-rexec: seccomp");
                _exit(126);
            }
        }
        if (n_env > 0) { /* -E: exactly this environment (a warm sandbox's run brings its own) */
            clearenv();
            for (int k = 0; k < n_env; k++) putenv(child_env[k]);
        }
        execvp(cmd[0], cmd);
        fprintf(stderr, "coach-rexec: cannot run %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    if (rp[1] >= 0) close(rp[1]);
    if (cp[0] >= 0) close(cp[0]);
    int feed = cp[1], fed = 0;
    char *case_buf = NULL;
    size_t case_cap = 0;
    ssize_t case_len = 0, case_off = 0;
    if (meas >= 0) dprintf(meas, "{\"start\":%d}\n", (int)pid);
    clockid_t clk;
    if (clock_getcpuclockid(pid, &clk) != 0) clk = (clockid_t)-1;
    int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
    int relay = rp[0], lines = 0, watchdog = 0, status = 0;
    long long window_start = 0, allowance = (case_ms + startup_ms) * 1000;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    static char buf[65536];
    for (;;) {
        /* hand over the next case once the previous one's result line has arrived */
        while (feed >= 0) {
            if (case_off == case_len) {
                if (fed >= lines + (ready ? 0 : 1)) break;
                case_len = getline(&case_buf, &case_cap, cases_in);
                case_off = 0;
                if (case_len <= 0) { /* no cases left: the driver reads end of input */
                    close(feed);
                    feed = -1;
                    case_len = 0;
                    break;
                }
                fed++;
            }
            ssize_t w = write(feed, case_buf + case_off, (size_t)(case_len - case_off));
            if (w > 0) { case_off += w; continue; }
            if (w < 0 && (errno == EAGAIN || errno == EINTR)) break;
            close(feed); /* the child closed its stdin: nobody to feed */
            feed = -1;
        }
        struct pollfd p[4];
        int n = 0, relay_i = -1, life_i = -1;
        if (relay >= 0) { relay_i = n; p[n].fd = relay; p[n].events = POLLIN; n++; }
        if (pfd >= 0) { p[n].fd = pfd; p[n].events = POLLIN; n++; }
        if (life >= 0) { life_i = n; p[n].fd = life; p[n].events = POLLIN; n++; }
        if (feed >= 0 && case_off < case_len) { p[n].fd = feed; p[n].events = POLLOUT; n++; }
        int timeout = (case_ms > 0 || pfd < 0) ? 10 : -1;
        if (poll(p, (nfds_t)n, timeout) < 0 && errno != EINTR) break;
        if (life_i >= 0 && p[life_i].revents) { /* Coach is gone: nobody to report to */
            kill(pid, SIGKILL);
            kill_leftovers();
            return 0;
        }
        if (relay_i >= 0 && p[relay_i].revents) {
            ssize_t r = read(relay, buf, sizeof buf);
            if (r > 0 && relay_cap > 0 && relayed + r > relay_cap) { /* a flood: stop it */
                r = (ssize_t)(relay_cap - relayed);
                overflow = 1;
                kill(pid, SIGKILL);
            }
            relayed += r > 0 ? r : 0;
            if (r <= 0) { close(relay); relay = -1; }
            else {
                write_all(results, buf, (size_t)r);
                int ended = 0; /* lines ending in this chunk share one measurement */
                for (ssize_t i = 0; i < r; i++) ended += buf[i] == '\n';
                if (ended) {
                    long long c = clk != (clockid_t)-1 ? cpu_us(clk) : -1;
                    long hwm = meas >= 0 ? hwm_kb(pid) : -1;
                    long long wall = now_us() - t0;
                    for (int k = 0; k < ended; k++) meas_line(meas, lines + k + 1, c, hwm, wall);
                    meas_flush(meas);
                    lines += ended;
                    if (!(ready && lines == 1)) { /* the ready line keeps the start-up window */
                        if (c >= 0) window_start = c;
                        allowance = case_ms * 1000;
                    }
                }
            }
        }
        pid_t w = wait4(pid, &status, WNOHANG, &ru);
        if (w == pid) break;
        if (case_ms > 0 && !watchdog && clk != (clockid_t)-1) {
            long long c = cpu_us(clk);
            if (c >= 0 && c - window_start > allowance) {
                kill(pid, SIGKILL);
                watchdog = 1;
            }
        }
    }
    long long wall = now_us() - t0;
    long long total_cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
                          ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    if (relay >= 0) { /* lines written just before the exit */
        fcntl(relay, F_SETFL, O_NONBLOCK);
        ssize_t r;
        while ((r = read(relay, buf, sizeof buf)) > 0) {
            if (relay_cap > 0 && relayed + r > relay_cap) {
                r = (ssize_t)(relay_cap - relayed);
                overflow = 1;
            }
            relayed += r;
            if (r <= 0) break;
            write_all(results, buf, (size_t)r);
            for (ssize_t i = 0; i < r; i++)
                if (buf[i] == '\n') meas_line(meas, ++lines, total_cpu, ru.ru_maxrss, wall);
            meas_flush(meas);
        }
        close(relay);
    }
    if (feed >= 0) close(feed);
    kill_leftovers();
    if (meas >= 0)
        dprintf(meas,
                "{\"exit\":%d,\"signal\":%d,\"cpu_us\":%lld,\"maxrss_kb\":%ld,\"wall_us\":%lld,"
                "\"watchdog\":%d,\"lines\":%d,\"overflow\":%d}\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                WIFSIGNALED(status) ? WTERMSIG(status) : 0, total_cpu, ru.ru_maxrss, wall,
                watchdog, lines, overflow);
    return 0;
}
