"""Bounds on what a person hands Coach: files, streams, code, ids and counts.

A solution or transcript is read only from a regular file (a FIFO would block for ever,
``/dev/zero`` never ends) and only up to a size limit stated in the error; code is at most
``MAX_SOURCE_BYTES`` wherever it enters (static analysis of a 120 MB file needed 19.5 GB), and
inputs quoted back in an error message are clipped so a 100,000-character id stays one line.
Every failure is a ``ValidationError`` naming the problem and the fix.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import IO

from coach_engine.errors import ValidationError

MAX_SOURCE_BYTES = 1 << 20
"""A solution file: 1 MB (interview solutions are a few KB)."""
MAX_TRANSCRIPT_BYTES = 4 << 20
"""A transcript: 4 MB (a 45-minute interview is well under 100 KB)."""
MAX_ANSWER_BYTES = 1 << 20
"""A drill answer, from a file or standard input."""
MAX_ID_CHARS = 64
"""Longer than any id Coach makes (32 hex characters) or slug it ships."""
MAX_COUNT = 1_000_000
"""Page numbers, goal totals, hint counts: far above any real use, far below SQLite's 2^63."""


def clip(value: object, width: int = 80) -> str:
    """``repr``-like quoting of an input for an error message, at most ``width`` characters."""
    text = str(value)
    if len(text) > width:
        text = f"{text[: width - 20]}… ({len(text)} characters)"
    return repr(text)


def size_text(n: int) -> str:
    return f"{n / (1 << 20):.0f} MB" if n >= 1 << 20 else f"{n // 1024} KB"


def read_text_file(path: Path, *, what: str = "solution", limit: int = MAX_SOURCE_BYTES) -> str:
    """The UTF-8 text of the regular file ``path``, at most ``limit`` bytes.

    Raises:
        ValidationError: missing, not a regular file (directory, FIFO, device, socket), too
            big, not UTF-8, or unreadable — the message says which and what to do.
    """
    shown = clip(path, 200)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise ValidationError(f"no such file: {shown}", title="File not found") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ValidationError(
                f"the path {shown} is too long for the file system; give the {what}'s real path",
                title="File not found",
            ) from None
        raise ValidationError(f"cannot read {shown}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValidationError(f"{shown} is a directory; give the {what} file")
        if not stat.S_ISREG(st.st_mode):
            raise ValidationError(
                f"{shown} is not a regular file (a FIFO, device or socket); save the {what} "
                "to a file and give that",
                title="Not a regular file",
            )
        too_big = ValidationError(
            f"{shown} is larger than {size_text(limit)}, the most a {what} can be; give a "
            f"smaller file",
            title="File too large",
        )
        if st.st_size > limit:
            raise too_big
        try:
            data = f.read(limit + 1)  # the file may have grown since fstat
        except OSError as exc:
            raise ValidationError(f"cannot read {shown}: {exc.strerror}") from None
    if len(data) > limit:
        raise too_big
    return decode(data, shown)


def read_stream(stream: IO[bytes], *, what: str, limit: int) -> str:
    """Standard input (or another stream) as UTF-8 text, refusing more than ``limit`` bytes
    (``< /dev/zero`` stops at the limit instead of filling memory)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            f"standard input is larger than {size_text(limit)}, the most a {what} can be; "
            "give a smaller file",
            title="Input too large",
        )
    return decode(data, "standard input")


def decode(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{shown} is not UTF-8 text (byte {exc.start} is invalid); save it as UTF-8"
        ) from None


def check_code(code: str) -> str:
    """``code`` when it is within ``MAX_SOURCE_BYTES`` (UTF-8), else a ValidationError."""
    if len(code) > MAX_SOURCE_BYTES or len(code.encode("utf-8", "surrogatepass")) > (
        MAX_SOURCE_BYTES
    ):
        raise ValidationError(
            f"the code is larger than {size_text(MAX_SOURCE_BYTES)}, the most a solution can "
            "be; shorten it",
            title="Code too large",
        )
    return code


def check_id(value: str, kind: str, listing: str) -> None:
    """Refuse an id (or prefix) longer than any real one, without echoing all of it."""
    if len(value) > MAX_ID_CHARS:
        raise ValidationError(
            f"{kind} {clip(value, 40)} is longer than any {kind} id ({MAX_ID_CHARS} characters "
            f"at most); {listing} lists them",
            title=f"Unknown {kind}",
        )
