"""The heap trim of web processes (masthead/core/memory.py)."""

import threading

from masthead.core.memory import FreezeWhenWarm, TrimFreedMemory, _glibc_malloc_trim


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


def test_what_the_first_requests_built_is_frozen_once():
    frozen = []
    app = FreezeWhenWarm(hello, after=3, freeze=lambda: frozen.append(1))
    for _ in range(10):
        assert app({}, lambda *args: None) == [b"hello"]
    assert frozen == [1]


def test_freezing_exempts_live_objects_from_collections_and_can_be_off():
    import gc

    before = gc.get_freeze_count()
    kept = [[n] for n in range(1000)]  # noqa: F841 - alive across the freeze
    app = FreezeWhenWarm(hello, after=1)
    try:
        app({}, lambda *args: None)
        assert gc.get_freeze_count() >= before + 1000
    finally:
        gc.unfreeze()  # this test process is not a web process
    off = FreezeWhenWarm(hello, after=0, freeze=lambda: 1 / 0)
    for _ in range(5):
        off({}, lambda *args: None)
