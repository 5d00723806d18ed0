"""`manage.py serve` says the site is serving only once the web server answers."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from masthead.core.management.commands.serve import web_answers, worker_commands


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


def test_make_run_narrates_in_a_worker_of_its_own():
    """A narration takes minutes: the worker that publishes on schedule must not wait for it."""
    general, narrator = worker_commands(task_workers=1, narration_workers=1)
    assert general[general.index("--queue-name") + 1] == "*"
    assert general[general.index("--exclude-queues") + 1] == "narration"
    assert narrator[narrator.index("--queue-name") + 1] == "narration"
    (only,) = worker_commands(task_workers=1, narration_workers=0)
    assert "--exclude-queues" not in only
