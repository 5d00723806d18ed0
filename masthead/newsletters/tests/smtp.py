"""A real SMTP server on loopback (aiosmtpd) for tests, in this process's thread."""

from __future__ import annotations

import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

PORTS = range(8230, 8290)  # our share of 8200-8299


class Recorder:
    """Keeps every message; can refuse chosen recipients with a given SMTP reply."""

    def __init__(self, pipelining: bool = False):
        self.pipelining = pipelining
        self.messages: list[tuple[Envelope, bytes]] = []
        self.refuse: dict[str, str] = {}  # address -> reply, e.g. "550 5.1.1 no such user"
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:  # aiosmtpd handles pipelined commands; it just doesn't say so
            return [*responses[:-1], "250-PIPELINING", responses[-1]]
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refuse.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope, bytes(envelope.original_content or envelope.content)))
        return "250 Message accepted"

    def parsed(self):
        with self.lock:
            raw = [data for _, data in self.messages]
        return [message_from_bytes(data, policy=policy.default) for data in raw]

    def recipients(self) -> list[str]:
        with self.lock:
            return [rcpt for envelope, _ in self.messages for rcpt in envelope.rcpt_tos]


class SMTPServer:
    def __init__(self, pipelining: bool = False):
        self.handler = Recorder(pipelining)
        self.port: int | None = None
        self.controller: Controller | None = None

    def __enter__(self):
        # Bind by starting: probing a port first left a moment in which the other test worker
        # could take the same one.
        for port in PORTS:
            controller = Controller(self.handler, hostname="127.0.0.1", port=port)
            try:
                controller.start()
            except (OSError, RuntimeError):
                continue
            self.controller, self.port = controller, port
            return self
        raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")

    def __exit__(self, *exc):
        self.controller.stop()
