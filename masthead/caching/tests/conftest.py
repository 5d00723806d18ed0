import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture(autouse=True)
def _caches_on(settings):
    """As in production (the test settings already say so; these tests depend on it)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


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
