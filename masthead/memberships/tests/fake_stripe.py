"""A tiny stand-in for Stripe's HTTP API (customers, Checkout sessions, billing portal
sessions, cancelling subscriptions), served on loopback so the real `stripe` library talks to
it over real HTTP. Also signs webhook payloads the way Stripe does (t=...,v1=HMAC-SHA256)."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

PORTS = range(8400, 8500)  # this helper's own range


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


class FakeStripe:
    def __init__(self, api_key: str):
        self.api_key = api_key
        self.requests: list[dict] = []
        self.known_prices: set[str] = set()
        self.reject_sessions = False
        self.subscriptions: set[str] = set()  # live subscriptions a DELETE may cancel
        self.failing = False  # answer every call with a 500, as during an outage
        self._ids = itertools.count(1)
        self._server = self._bind()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _bind(self) -> ThreadingHTTPServer:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_DELETE(self):
                self.do_POST()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                params = dict(parse_qsl(body, keep_blank_values=True))
                fake.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "params": params,
                        "headers": dict(self.headers),
                    }
                )
                status, data = fake.answer(self.path, params, self.headers)
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.send_header("Request-Id", f"req_{next(fake._ids)}")
                self.end_headers()
                self.wfile.write(raw)

        for port in PORTS:
            try:
                return ThreadingHTTPServer(("127.0.0.1", port), Handler)
            except OSError:
                continue
        raise RuntimeError("no free port in 8400-8499 for the fake Stripe server")

    @staticmethod
    def _error(status: int, message: str, kind: str = "invalid_request_error"):
        return status, {"error": {"type": kind, "message": message}}

    def answer(self, path: str, params: dict, headers) -> tuple[int, dict]:
        if headers.get("Authorization") != f"Bearer {self.api_key}":
            return self._error(401, "Invalid API Key provided", "invalid_request_error")
        if self.failing:
            return self._error(500, "An unknown error occurred", "api_error")
        n = next(self._ids)
        if path.startswith("/v1/subscriptions/"):
            sub = path.removeprefix("/v1/subscriptions/")
            if sub not in self.subscriptions:
                return self._error(404, f"No such subscription: '{sub}'")
            self.subscriptions.discard(sub)
            return 200, {"id": sub, "object": "subscription", "status": "canceled"}
        if path == "/v1/customers":
            return 200, {"id": f"cus_test{n}", "object": "customer", "email": params.get("email")}
        if path == "/v1/checkout/sessions":
            if self.reject_sessions:
                return self._error(400, "The Checkout session could not be created.")
            price = params.get("line_items[0][price]")
            if params.get("mode") == "subscription" and price not in self.known_prices:
                return self._error(400, f"No such price: '{price}'")
            return 200, {
                "id": f"cs_test_{n}",
                "object": "checkout.session",
                "mode": params.get("mode"),
                "url": f"https://checkout.stripe.test/c/pay/cs_test_{n}",
            }
        if path == "/v1/billing_portal/sessions":
            if not params.get("customer"):
                return self._error(400, "Missing required param: customer.")
            return 200, {
                "id": f"bps_{n}",
                "object": "billing_portal.session",
                "url": f"https://billing.stripe.test/p/session/bps_{n}",
            }
        return self._error(404, f"Unrecognized request URL (POST: {path}).")

    def calls(self, path: str) -> list[dict]:
        return [request["params"] for request in self.requests if request["path"] == path]

    def reset(self) -> None:
        self.requests.clear()
        self.known_prices.clear()
        self.reject_sessions = False
        self.subscriptions.clear()
        self.failing = False

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
