"""One POST to a checked address: the connection goes to the IP that addresses.check_url
accepted (the Host header and TLS certificate check still use the URL's name), redirects
are not followed (a 3xx is an answer like any other), and one deadline bounds the whole
exchange, not just each read."""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
from dataclasses import dataclass

from .addresses import Target

USER_AGENT = "Masthead-Webhooks/1"


@dataclass
class Answer:
    status: int
    excerpt: str


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._ip = target.ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float, context: ssl.SSLContext):
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self._ip = target.ip

    def connect(self):
        raw = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _cut_off(connection: http.client.HTTPConnection, fired: threading.Event) -> None:
    """Called by the deadline timer: unblock a read that a slow receiver keeps alive."""
    fired.set()  # first: the reader that wakes up must know why
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def post(
    target: Target, *, body: bytes, headers: dict[str, str], timeout: float, excerpt_chars: int
) -> Answer:
    """POST `body`; the status and the start of the answer. Raises OSError (including
    timeouts and TLS errors) or http.client.HTTPException when no answer came."""
    if target.scheme == "https":
        connection = _PinnedHTTPS(target, timeout, ssl.create_default_context())
    else:
        connection = _PinnedHTTP(target, timeout)
    fired = threading.Event()
    deadline = threading.Timer(timeout, _cut_off, args=(connection, fired))
    deadline.daemon = True
    deadline.start()
    try:
        connection.request(
            "POST",
            target.path,
            body=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                **headers,
            },
        )
        response = connection.getresponse()
        # Only the start is kept: a receiver cannot make us read (or store) a large answer.
        raw = response.read(excerpt_chars * 4)
        if fired.is_set():
            raise TimeoutError(f"no complete answer within {timeout:g} s")
        return Answer(
            status=response.status, excerpt=raw.decode("utf-8", "replace")[:excerpt_chars]
        )
    except (OSError, http.client.HTTPException) as error:
        if fired.is_set():
            raise TimeoutError(f"no complete answer within {timeout:g} s") from error
        raise
    finally:
        deadline.cancel()
        connection.close()
