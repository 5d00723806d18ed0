"""`manage.py serve` says the site is serving only once the web server answers."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from masthead.core.management.commands.serve import web_answers


class NotFound(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = HTTPServer(("127.0.0.1", 0), NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_port_nobody_listens_on_is_not_serving():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert not web_answers(f"http://127.0.0.1:{port}/healthz")


def test_any_http_answer_means_serving(http_server):
    assert web_answers(f"{http_server}/healthz")
