"""The heap trim of web processes (masthead/core/memory.py)."""

import threading

from masthead.core.memory import TrimFreedMemory, _glibc_malloc_trim


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


def test_the_heap_is_trimmed_in_the_background_after_every_n_requests():
    trimmed = threading.Semaphore(0)
    app = TrimFreedMemory(hello, every=3, min_seconds=0, trim=trimmed.release)
    for _ in range(7):
        assert app({}, lambda *args: None) == [b"hello"]
    # Requests 3 and 6 asked for a trim; the thread runs them, not the requests.
    assert trimmed.acquire(timeout=5)
    assert app._thread.name == "malloc-trim" and app._thread.daemon


def test_trims_are_asked_for_at_most_once_in_min_seconds():
    """At thousands of requests a second, "every 200" would be many trims a second."""
    asked = []
    app = TrimFreedMemory(hello, every=2, min_seconds=3600, trim=lambda: None)
    app._ask = lambda original=app._ask: (asked.append(1), original())
    for _ in range(50):
        app({}, lambda *args: None)
    assert len(asked) == 1


def test_no_trim_and_no_thread_when_turned_off():
    app = TrimFreedMemory(hello, every=0, trim=lambda: None)
    for _ in range(5):
        assert app({}, lambda *args: None) == [b"hello"]
    assert app._thread is None


def test_glibc_trim_runs_on_this_machine():
    trim = _glibc_malloc_trim()
    assert trim is not None  # CI and production run on glibc (Debian)
    trim()
