"""Over SSH, as on a dev box (issue 14, item 11): a real `sshd` (Debian's openssh-server) on a
free loopback port, started by the test with its own host key and authorized_keys in tmp_path,
running as the current user; `ssh -tt` inside tmux logs in with TERM=xterm (16 colours), once
plainly and once with NO_COLOR=1 (sent with SendEnv, accepted by the server as a person's own
environment would be), and runs a short interview with the keyboard only: start, paste code into
the editor, run the tests, quit. The screen must stay readable: the panes' text is there, no
24-bit colour escape reaches a 16-colour terminal, and no letter is drawn in its own background
colour.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_driver import tmux_session
from tui_support import GOOD

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
COACH = Path(sys.executable).parent / "coach"

pytestmark = [
    pytest.mark.skipif(
        not Path(SSHD).exists(),
        reason="openssh-server is not installed (apt-get install openssh-server; "
        "scripts/setup.sh installs it)",
    ),
    pytest.mark.skipif(shutil.which("ssh") is None, reason="openssh-client is not installed"),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.slow,  # an sshd, a login and the real coach process: seconds
]


class Sshd:
    """An sshd of this test only: loopback, a free port, keys and config in ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()
        self.host_key = root / "host_ed25519"
        self.client_key = root / "client_ed25519"
        for key in (self.host_key, self.client_key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
            )
        (root / "authorized_keys").write_text(self.client_key.with_suffix(".pub").read_text())
        self.log = root / "sshd.log"
        self.port, self.proc = self._start()
        host_pub = self.host_key.with_suffix(".pub").read_text().split()
        (root / "known_hosts").write_text(f"[127.0.0.1]:{self.port} {host_pub[0]} {host_pub[1]}\n")

    def _start(self) -> tuple[int, subprocess.Popen[bytes]]:
        if os.geteuid() == 0:
            # sshd started as root insists on its privilege-separation directory (empty, 0755)
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        for _ in range(5):  # another process may take the free port before sshd binds it
            port = free_port()
            config = self.root / "sshd_config"
            config.write_text(
                f"Port {port}\nListenAddress 127.0.0.1\nHostKey {self.host_key}\n"
                f"AuthorizedKeysFile {self.root / 'authorized_keys'}\n"
                f"PidFile {self.root / 'sshd.pid'}\n"
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                "PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nUsePAM no\n"
                "StrictModes no\nAcceptEnv NO_COLOR\nPrintMotd no\nPrintLastLog no\n"
            )
            with self.log.open("ab") as log:
                proc = subprocess.Popen(
                    [SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
                )
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    return port, proc
                except OSError:
                    time.sleep(0.1)
            proc.kill()
            proc.wait()
        raise AssertionError(f"sshd did not start:\n{self.log.read_text()}")

    def ssh_command(self, remote: str, *, no_color: bool) -> str:
        options = [
            "-F", "/dev/null", "-tt", "-p", str(self.port), "-i", str(self.client_key),
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
            "-o", f"UserKnownHostsFile={self.root / 'known_hosts'}",
            "-o", "StrictHostKeyChecking=yes",
        ]  # fmt: skip
        env = "env -u COLUMNS -u LINES -u COLORTERM TERM=xterm"
        if no_color:
            env += " NO_COLOR=1"
            options += ["-o", "SendEnv=NO_COLOR"]
        quoted = remote.replace("'", "'\\''")
        return f"{env} ssh {' '.join(options)} {getpass.getuser()}@127.0.0.1 '{quoted}'"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    server = Sshd(tmp_path / "sshd")
    try:
        yield server
    finally:
        server.stop()


SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def same_colour_letters(screen: str) -> list[str]:
    """Letters and digits whose foreground and background colour are the same: invisible.

    Reads ``tmux capture-pane -e`` output: SGR sequences set the colours of what follows."""
    fg: str | None = None
    bg: str | None = None
    reverse = False
    invisible: list[str] = []
    for line in screen.splitlines():
        pos = 0
        for match in [*SGR.finditer(line), None]:
            end = match.start() if match else len(line)
            shown_fg, shown_bg = (bg, fg) if reverse else (fg, bg)
            invisible += [
                c
                for c in line[pos:end]
                if c.isalnum() and shown_fg is not None and shown_fg == shown_bg
            ]
            if match is None:
                break
            pos = match.end()
            codes = match.group(1).replace(":", ";").split(";") if match.group(1) else ["0"]
            i = 0
            while i < len(codes):
                code = int(codes[i] or 0)
                if code == 0:
                    fg = bg = None
                    reverse = False
                elif code == 7:
                    reverse = True
                elif code == 27:
                    reverse = False
                elif 30 <= code <= 37 or 90 <= code <= 97:
                    fg = str(code % 60 - 30 + (8 if code >= 90 else 0))
                elif 40 <= code <= 47 or 100 <= code <= 107:
                    bg = str(code % 60 - 40 + (8 if code >= 100 else 0))
                elif code == 39:
                    fg = None
                elif code == 49:
                    bg = None
                elif code in (38, 48):
                    extended = (
                        codes[i + 2] if codes[i + 1] == "5" else ";".join(codes[i + 2 : i + 5])
                    )
                    if code == 38:
                        fg = extended
                    else:
                        bg = extended
                    i += 2 if codes[i + 1] == "5" else 4
                i += 1
    return invisible


@pytest.mark.parametrize("no_color", [False, True], ids=["xterm-16-colours", "no-color"])
def test_an_interview_over_ssh_stays_readable(
    sshd: Sshd, coach_home: Path, tmp_path: Path, no_color: bool
) -> None:
    remote = (
        f"cd {tmp_path} && COACH_HOME={coach_home} "
        f"COACH_SANDBOX_CACHE={os.environ['COACH_SANDBOX_CACHE']} "
        f"exec {COACH} interview two-sum --lang python"
    )
    with tmux_session(f"coach-ssh-{os.getpid()}-{int(no_color)}") as tmux:
        tmux("respawn-pane", "-k", "-t", "coach", sshd.ssh_command(remote, no_color=no_color))
        tmux.wait_for("start coding.", timeout=90)  # logged in; the greeting has streamed
        colours = tmux("capture-pane", "-p", "-e", "-t", "coach")
        assert "Two Sum" in tmux.screen() and "^r Run" in tmux.screen()

        # the editor by keyboard, a bracketed paste through ssh
        tmux.paste_code(tmp_path / "solution.py", GOOD, "return [seen[target - x], i]")

        tmux("send-keys", "-t", "coach", "C-r")
        screen = tmux.wait_for("3/3 passed", timeout=90)
        assert "✓ AC" in screen
        results = tmux("capture-pane", "-p", "-e", "-t", "coach")

        tmux.quit(30, "the ssh session did not end after ctrl+q")
        after = tmux.screen()

    for capture in (colours, results):
        # TERM=xterm declares 16 colours: no 256-colour or 24-bit escape may reach it
        assert not re.search(r"\x1b\[(?:[0-9;]*;)?[34]8;[25];", capture), "beyond 16 colours"
        assert same_colour_letters(capture) == [], "letters drawn in their background colour"
        # NO_COLOR: Textual draws in greys only (its monochrome filter); otherwise in colour
        assert bool(hues(capture)) is not no_color, sorted(hues(capture))
    assert "Traceback" not in after and "\x1b[" not in after  # left a clean shell screen


GREYS = {"30", "37", "90", "97", "40", "47", "100", "107"}


def hues(screen: str) -> set[str]:
    """The 16-colour SGR codes in ``screen`` that are not black, white or grey."""
    codes = {c for m in SGR.finditer(screen) for c in m.group(1).split(";") if c}
    colour = {str(n) for n in (*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108))}
    return (codes & colour) - GREYS
