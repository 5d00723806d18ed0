"""A real HTTP receiver on loopback (a port of MASTHEAD_TEST_PORTS), in a thread, that checks
each request's Standard Webhooks signature with the endpoint's secret, written here from the
spec (not with the library the sender uses), and records what came."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def ports() -> range:
    first, last = (int(n) for n in os.environ.get("MASTHEAD_TEST_PORTS", "8720-8729").split("-"))
    return range(first, last + 1)


def spec_signature(secret: str, message_id: str, timestamp: str, body: bytes) -> str:
    """v1 signature as the spec defines it: base64(HMAC-SHA256(key=base64decode(secret
    without "whsec_"), msg=f"{id}.{timestamp}.{body}"))."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify(secret: str, headers, body: bytes) -> bool:
    message_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (message_id and timestamp and signatures and timestamp.isdigit()):
        return False
    expected = spec_signature(secret, message_id, timestamp, body)
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    verified: bool

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    url: str = ""
    port: int = 0
    secret: str = ""
    # Status codes to answer, in turn; the last one repeats.
    statuses: list[int] = field(default_factory=lambda: [200])
    hang: bool = False
    # Answer a header line at a time, each well within the timeout, never finishing.
    drip: bool = False
    requests: list[Received] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> int:
        with self.lock:
            index = min(len(self.requests) - 1, len(self.statuses) - 1)
            return self.statuses[index]

    def of_type(self, event_type: str) -> list[Received]:
        return [r for r in self.requests if r.json.get("type") == event_type]


def _handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            with receiver.lock:
                receiver.requests.append(
                    Received(self.path, headers, body, verify(receiver.secret, headers, body))
                )
            if receiver.hang:
                receiver.release.wait(30)
                return
            if receiver.drip:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for _ in range(300):
                    if receiver.release.wait(0.1):
                        return
                    try:
                        self.wfile.write(b"X-Still-Thinking: yes\r\n")
                        self.wfile.flush()
                    except OSError:
                        return
                return
            status = receiver.answer()
            payload = b'{"ok": true}' if status < 300 else b"receiver says no"
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


def start(tls=None) -> tuple[Receiver, ThreadingHTTPServer]:
    """Serve on the first free port; `tls`: an ssl.SSLContext to serve https with."""
    receiver = Receiver()
    for port in ports():
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), _handler(receiver))
        except OSError:
            continue
        server.daemon_threads = True
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        receiver.port = port
        scheme = "https" if tls is not None else "http"
        receiver.url = f"{scheme}://127.0.0.1:{port}/hooks/masthead"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return receiver, server
    raise RuntimeError("No free port for the test webhook receiver in MASTHEAD_TEST_PORTS")
