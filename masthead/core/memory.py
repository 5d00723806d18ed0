"""Give the memory a web process has freed back to the system every few hundred requests.

Rendering a page allocates many short-lived blocks: page HTML, rich text, query rows. With
several server threads their blocks interleave in glibc's heap, and after they are freed
glibc keeps most of those pages (it returns only the free space at the very top of its heap),
so each worker's resident size grows by 10-15 MB of free memory that only it can reuse
(docs/deploy.md, "Memory per web worker"). ``malloc_trim(0)`` hands the whole free pages
inside the heap back to the kernel (glibc 2.8 and later). It takes a few milliseconds, so a
background thread runs it, never a request; on a C library without it, nothing happens.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time
from collections.abc import Callable


def _glibc_malloc_trim() -> Callable[[], None] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None
    trim.argtypes = [ctypes.c_size_t]
    return lambda: trim(0)


class TrimFreedMemory:
    """WSGI wrapper: after every ``every`` requests, and at most once in ``min_seconds``, a
    background thread trims the heap. ``every`` 0 turns it off; ``trim`` is glibc's
    malloc_trim unless a caller passes one.

    The floor matters during a spike: a trim holds the allocator's locks for a few ms, and
    at thousands of hits a second "every 200 requests" would be many trims a second, each
    stalling the threads that allocate meanwhile."""

    def __init__(
        self,
        app,
        *,
        every: int,
        min_seconds: float = 2.0,
        trim: Callable[[], None] | None = None,
    ):
        self.app = app
        self.every = every
        self.min_seconds = min_seconds
        self.trim = trim if trim is not None else _glibc_malloc_trim()
        self.trims = 0
        self._served = 0
        self._next = 0.0  # monotonic time before which no trim is asked for
        self._due = threading.Event()
        self._lock = threading.Lock()
        self._thread = None

    def __call__(self, environ, start_response):
        if self.every > 0 and self.trim is not None:
            # Counted without the lock: a request lost to a race only delays a trim.
            self._served += 1
            if self._served >= self.every and time.monotonic() >= self._next:
                self._ask()
        return self.app(environ, start_response)

    def _ask(self) -> None:
        with self._lock:
            if self._served < self.every:
                return  # another thread asked meanwhile
            self._served = 0
            self._next = time.monotonic() + self.min_seconds
            # Started by the first trim, in the serving process (never a parent that forks).
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="malloc-trim", daemon=True)
                self._thread.start()
            self._due.set()

    def _run(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            self.trim()
            self.trims += 1


class FreezeWhenWarm:
    """WSGI wrapper: once, after ``after`` requests, collect the garbage and move every
    object left into the collector's permanent generation (``gc.freeze``), as start-up does
    for what loading made (``startup.freeze_loaded_objects``).

    A process's first requests compile templates, build URL resolvers and fill its copies:
    some 75,000 objects that live as long as it does, and every full collection walked them
    again (30-60 ms, every few seconds during a spike, with every thread stopped). Frozen
    objects are still freed when their last reference goes; only a reference cycle among
    them would be kept, such as one left by a request in flight at that moment: once, small.
    ``after`` 0 turns it off; ``freeze`` is for tests."""

    def __init__(self, app, *, after: int, freeze: Callable[[], None] | None = None):
        self.app = app
        self.after = after
        self.freeze = freeze if freeze is not None else _collect_and_freeze
        self._served = 0
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        if self.after > 0 and self._served < self.after:
            self._served += 1  # without the lock: a request lost to a race only delays it
            if self._served >= self.after:
                with self._lock:
                    if self.freeze is not None:
                        freeze, self.freeze = self.freeze, None
                        freeze()
        return self.app(environ, start_response)


def _collect_and_freeze() -> None:
    gc.collect()
    gc.freeze()
