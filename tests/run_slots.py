"""Holding the sandbox run queue's worker slot from another thread, so a test can watch what
waits behind it (queued events, the per-user cap, a dropped waiter) with no timing involved.

Importable from any test (``from run_slots import slot_held``), as ``samples`` is.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from coach_engine.run_queue import RunQueue, RunScope


@contextmanager
def slot_held(queue: RunQueue, owner: str = "holder") -> Iterator[threading.Event]:
    """Hold one of ``queue``'s slots as ``owner`` (in another thread) until the returned event
    is set or the block ends; the slot is taken when the block starts."""
    release, held = threading.Event(), threading.Event()

    def hold() -> None:
        with queue.slot(RunScope(owner=owner)):
            held.set()
            release.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    try:
        yield release
    finally:
        release.set()
        thread.join()
