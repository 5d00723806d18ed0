import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import redis.connection
from django.conf import settings as django_settings


@pytest.fixture(autouse=True)
def _caches_on(settings):
    """As in production (the test settings already say so; these tests depend on it)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def switch():
    """The test URLconf's /t/switch/ view (ops/tests/urls.py): answers with the text and
    status the test sets; reset after."""
    from masthead.ops.tests import urls as test_urls

    test_urls.switch.text, test_urls.switch.status = "first", 200
    yield test_urls.switch
    test_urls.switch.text, test_urls.switch.status = "first", 200


class _PurgeRecorder(BaseHTTPRequestHandler):
    received: list = []

    def do_PURGE(self):  # noqa: N802 - HTTP method name
        self.received.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge(settings):
    """A real HTTP server on loopback standing in for Varnish: it records PURGE requests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    _PurgeRecorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield _PurgeRecorder.received
    server.shutdown()


class Trips:
    """Counts what this process sends to Redis: one entry per round trip (a pipeline or an
    MGET is one), with the commands it held."""

    def __init__(self):
        self.sent: list[list[str]] = []
        self.thread = threading.get_ident()

    def record(self, packed) -> None:
        if threading.get_ident() != self.thread:
            return  # the tag announcements' listener (announce.py), not the request
        chunks = packed if isinstance(packed, list | tuple) else [packed]
        data = b"".join(bytes(chunk) for chunk in chunks)
        # RESP: each command is "*<n>\r\n$<len>\r\n<NAME>\r\n..."; keep the names.
        names = [
            part.split(b"\r\n")[2].decode()
            for part in data.split(b"*")[1:]
            if b"\r\n$" in part[:12]
        ]
        self.sent.append(names)

    def __len__(self) -> int:
        return len(self.sent)


def _local_redis() -> str:
    """The machine's Redis (CI and every workstation here run one on 6379), in a database
    of this test worker's own: the tests empty it. Skips when none answers."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    url = f"redis://127.0.0.1:6379/{10 + int(worker or 0) % 6}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip("no REDIS_URL and no Redis on 127.0.0.1:6379: round trips need a real one")
    return url


@pytest.fixture
def on_redis(settings, monkeypatch):
    """The shared store on Redis (emptied before and after), and a count of round trips."""
    url = django_settings.REDIS_URL or _local_redis()
    settings.CACHES = {
        "default": {
            "BACKEND": "masthead.caching.store.FailSafeRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "masthead-test",
        }
    }
    from masthead.caching.local import clear_all
    from masthead.caching.store import shared

    shared().clear()
    clear_all()
    trips = Trips()
    send = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        trips.record(command)
        return send(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    yield trips
    shared().clear()
    clear_all()
