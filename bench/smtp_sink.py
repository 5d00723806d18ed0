"""A fast SMTP sink for benchmarks on 127.0.0.1: counts and parses every message.

Run: python bench/smtp_sink.py PORT OUTFILE [PROCESSES]. Several processes share the port
(SO_REUSEPORT). On SIGTERM each writes one line per message to OUTFILE.<n> and exits:
recipient, To, List-Unsubscribe https URL, verdict of the per-message check, verdict of the
deep check ("" when the message was not sampled).

Why not aiosmtpd (which the test suite uses): it reads DATA line by line through coroutines
and cost about 3 ms of CPU per 18 kB message here, more than the whole sending side; on a
2-core machine the sink would be the bottleneck. This is a small asyncio protocol speaking
the subset of SMTP a sender uses (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, with
PIPELINING), which finds the end of DATA with one search per read.

Every message is parsed while it is received: its header block (unfolded, split into
fields: To, Message-ID, Date, MIME-Version, Content-Type with its boundary, List-Unsubscribe
with an https URL and a mailto, List-Unsubscribe-Post), and its body split on the MIME
boundary, which must give exactly a text/plain and a text/html part, each carrying the
reader's unsubscribe link. That parse is written here rather than done with the `email`
package, whose parser costs ~160 us per message, half the sink's CPU, on a machine where the
sink shares two cores with the senders and the database. So that the fast parse is not taken
on trust, one message in SINK_DEEP_EVERY (default 100) is kept whole and, after the run,
parsed by `email` with `policy.default`: its To and List-Unsubscribe must equal what the fast
parse found, and both decoded parts must carry the link."""

import asyncio
import os
import re
import signal
import sys
import time
from email import message_from_bytes, policy

DEEP_EVERY = int(os.environ.get("SINK_DEEP_EVERY", "100"))
EHLO = (
    b"250-sink.local\r\n250-SIZE 33554432\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n"
    b"250-PIPELINING\r\n250 HELP\r\n"
)
END = b"\r\n.\r\n"


BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)
REQUIRED = ("to", "from", "subject", "date", "message-id", "mime-version", "content-type")


def header_fields(head: bytes) -> dict[str, str] | None:
    """{lower-case name: value} of a header block; RFC 5322 unfolding (a line break followed
    by white space is removed). None when a line is not a field or a field is repeated."""
    text = head.decode("utf-8", "surrogateescape")
    fields = {}
    for line in text.replace("\r\n ", " ").replace("\r\n\t", "\t").split("\r\n"):
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.rstrip() or " " in name:
            return None
        name = name.lower()
        if name in fields:
            return None
        fields[name] = value.strip()
    return fields


def unsubscribe_links(value: str) -> tuple[str, str]:
    https, _, mailto = " ".join(value.split()).partition(",")
    return https.strip().strip("<>"), mailto.strip().strip("<>")


def check(data: bytes) -> tuple[str, str, str]:
    """(To, https unsubscribe URL, "ok" or what is wrong) for one message."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return "", "", "no body"
    fields = header_fields(head)
    if fields is None:
        return "", "", "header syntax"
    to = fields.get("to", "")
    https, mailto = unsubscribe_links(fields.get("list-unsubscribe", ""))
    if not https.startswith("https://") or not mailto.startswith("mailto:"):
        return to, https, "List-Unsubscribe"
    if fields.get("list-unsubscribe-post") != "List-Unsubscribe=One-Click":
        return to, https, "List-Unsubscribe-Post"
    if not all(fields.get(name) for name in REQUIRED):
        return to, https, "missing header"
    content_type = fields["content-type"]
    boundary = BOUNDARY.search(content_type)
    if not content_type.lower().startswith("multipart/alternative;") or not boundary:
        return to, https, "Content-Type"
    # A delimiter is CRLF "--" boundary (RFC 2046 5.1.1); the body starts with the first one.
    parts = (b"\r\n" + body).split(b"\r\n--" + boundary.group(1).encode())
    # preamble, plain, html, "--" and the epilogue
    if len(parts) != 4 or not parts[3].startswith(b"--"):
        return to, https, "parts"
    link = https.encode()
    for part, kind in ((parts[1], b"text/plain"), (parts[2], b"text/html")):
        part_head, _, part_body = part.partition(b"\r\n\r\n")
        if b"Content-Type: " + kind not in part_head or link not in part_body:
            return to, https, "part " + kind.decode()
    return to, https, "ok"


def deep_check(data: bytes, to: str, https: str) -> str:
    """The standard parser's verdict on a message, and whether it agrees with check()."""
    message = message_from_bytes(data, policy=policy.default)
    html, text = message.get_body(("html",)), message.get_body(("plain",))
    if html is None or text is None:
        return "bad"
    if message["To"] != to or unsubscribe_links(message["List-Unsubscribe"])[0] != https:
        return "disagrees"
    return "ok" if https in html.get_content() and https in text.get_content() else "bad"


class Store:
    def __init__(self):
        self.records: list[list[str]] = []
        self.deep: list[tuple[int, bytes]] = []

    def add(self, rcpts: list[str], data: bytes) -> None:
        to, https, verdict = check(data)
        number = len(self.records)
        if number % DEEP_EVERY == 0:
            self.deep.append((number, data))
        for rcpt in rcpts:
            self.records.append([rcpt, to, https, verdict, ""])

    def finish(self) -> None:
        for number, data in self.deep:
            record = self.records[number]
            record[4] = deep_check(data, record[1], record[2])


class SMTPSink(asyncio.Protocol):
    def __init__(self, store: Store):
        self.store = store
        self.buffer = bytearray()
        self.in_data = False
        self.scanned = 0  # bytes of DATA already searched for its end
        self.rcpts: list[str] = []

    def connection_made(self, transport):
        self.transport = transport
        transport.write(b"220 sink.local ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        replies = []
        while buffer:
            if self.in_data:
                if buffer.startswith(b".\r\n"):  # an empty message
                    content_end, consumed = 0, 3
                else:
                    found = buffer.find(END, max(0, self.scanned - 4))
                    if found < 0:
                        self.scanned = len(buffer)
                        break
                    content_end, consumed = found + 2, found + 5
                raw = bytes(buffer[:content_end]).replace(b"\r\n..", b"\r\n.")
                if raw.startswith(b".."):
                    raw = raw[1:]
                del buffer[:consumed]
                self.scanned = 0
                self.store.add(self.rcpts, raw)
                self.rcpts = []
                self.in_data = False
                replies.append(b"250 OK\r\n")
                continue
            end = buffer.find(b"\r\n")
            if end < 0:
                break
            line = bytes(buffer[:end])
            del buffer[: end + 2]
            verb = line[:4].upper()
            if verb == b"EHLO":
                replies.append(EHLO)
            elif verb in (b"HELO", b"NOOP"):
                replies.append(b"250 OK\r\n")
            elif verb == b"MAIL":
                self.rcpts = []
                replies.append(b"250 OK\r\n")
            elif verb == b"RCPT":
                address = line.partition(b":")[2].strip().split(b" ")[0].strip(b"<>")
                self.rcpts.append(address.decode("utf-8", "replace"))
                replies.append(b"250 OK\r\n")
            elif verb == b"RSET":
                self.rcpts = []
                replies.append(b"250 OK\r\n")
            elif verb == b"DATA":
                self.in_data = True
                replies.append(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif verb == b"QUIT":
                replies.append(b"221 Bye\r\n")
                self.transport.write(b"".join(replies))
                self.transport.close()
                return
            else:
                replies.append(b"502 Command not implemented\r\n")
        if replies:
            self.transport.write(b"".join(replies))


async def main(port: int, outfile: str):
    store = Store()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTPSink(store),
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
    store.finish()
    with open(outfile, "w") as out:
        out.writelines("\t".join(record) + "\n" for record in store.records)


def serve(port: int, outfile: str, processes: int) -> None:
    starter = os.getppid()
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
    running = set(children)
    while running:
        # A sink left behind by a killed benchmark would share the port (SO_REUSEPORT) with
        # the next run's sink and take some of its messages: stop when the starter is gone.
        if os.getppid() != starter:
            stop(signal.SIGTERM, None)
            starter = os.getppid()
        for child in list(running):
            if os.waitpid(child, os.WNOHANG)[0]:
                running.discard(child)
        time.sleep(0.2)


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 2)
