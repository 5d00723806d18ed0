"""A fast SMTP sink for benchmarks: aiosmtpd on 127.0.0.1, counts and parses every message.

Run: python bench/smtp_sink.py PORT OUTFILE [PROCESSES]. Several processes share the port
(SO_REUSEPORT), so the sink is not the bottleneck. On SIGTERM each writes one line per
message (recipient, To, List-Unsubscribe https URL, full-parse verdict) to OUTFILE.<n> and
exits."""

import asyncio
import os
import signal
import sys
from email import message_from_bytes, policy
from email.parser import BytesHeaderParser

from aiosmtpd.smtp import SMTP

HEADERS = BytesHeaderParser(policy=policy.compat32)
FULL_EVERY = int(os.environ.get("SINK_FULL_EVERY", "20"))


class Sink:
    def __init__(self):
        self.records = []
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        headers = HEADERS.parsebytes(data)
        unsubscribe = headers.get("List-Unsubscribe", "")
        https = unsubscribe.split(",")[0].strip().strip("<>")
        # Headers of every message are parsed; every FULL_EVERY-th message is also parsed in
        # full (both parts present, this reader's link in each).
        full = ""
        if self.count % FULL_EVERY == 0:
            message = message_from_bytes(data, policy=policy.default)
            html, text = message.get_body(("html",)), message.get_body(("plain",))
            both = html is not None and text is not None
            full = (
                "ok"
                if both and https in html.get_content() and https in text.get_content()
                else "bad"
            )
        self.count += 1
        for rcpt in envelope.rcpt_tos:
            self.records.append(f"{rcpt}\t{headers.get('To', '')}\t{https}\t{full}")
        return "250 OK"


async def main(port: int, outfile: str):
    sink = Sink()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="sink.local", enable_SMTPUTF8=True),
        host="127.0.0.1",
        port=port,
        reuse_address=True,
        reuse_port=True,
    )
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    print("ready", flush=True)
    await stop.wait()
    await asyncio.sleep(0.2)
    server.close()
    with open(outfile, "w") as out:
        out.write("\n".join(sink.records) + ("\n" if sink.records else ""))


def serve(port: int, outfile: str, processes: int) -> None:
    children = []
    for number in range(processes):
        pid = os.fork()
        if pid == 0:
            asyncio.run(main(port, f"{outfile}.{number}"))
            os._exit(0)
        children.append(pid)

    def stop(signum, frame):
        for child in children:
            os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        while True:
            try:
                os.waitpid(child, 0)
                break
            except InterruptedError:
                continue


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 2)
