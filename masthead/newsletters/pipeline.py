"""SMTP command pipelining (RFC 2920) over a connection opened by Django's SMTP backend.

smtplib waits for a reply after every command: MAIL, RCPT, DATA, then the message, four
round trips per message. When the server advertises PIPELINING, this sends the end of one
message and the envelope of the next (MAIL, RCPT, DATA) in one write, so each message costs
one round trip. The order of events per message is unchanged: its final reply is read, and
the caller records the outcome, before the next message's content is sent. So at any instant
at most one message can have been accepted without being recorded."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class Outcome:
    ok: bool
    code: int | None  # None: the connection failed, the server's verdict is unknown
    text: str


def _quote(raw: bytes) -> bytes:
    # Dot-stuffing (RFC 5321 4.5.2): a line starting with "." gets another one. Lines end in
    # CRLF, so "\n." finds every such line but the first: plain byte replaces, as fast as a copy.
    data = raw.replace(b"\n.", b"\n..")
    if data.startswith(b"."):
        data = b"." + data
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _envelope(sender: str, recipient: str, reset: bool) -> bytes:
    group = f"MAIL FROM:<{sender}>\r\nRCPT TO:<{recipient}>\r\nDATA\r\n".encode("ascii")
    return (b"RSET\r\n" + group) if reset else group


def supports_pipelining(conn: smtplib.SMTP) -> bool:
    return bool(conn.does_esmtp and conn.has_extn("pipelining"))


def send_pipelined(
    conn: smtplib.SMTP,
    sender: str,
    messages: Iterable[tuple[object, str, bytes]],
    on_outcome: Callable[[object, Outcome], None],
) -> None:
    """Send (key, recipient, raw message) items; call on_outcome(key, outcome) for each, in
    order, as soon as its final reply is known. Raises SMTPServerDisconnected (or OSError)
    when the connection breaks; the item in flight then gets an Outcome with code None."""
    items = iter(messages)
    current = next(items, None)
    if current is None:
        return
    reset = False
    conn.send(_envelope(sender, current[1], reset))
    while current is not None:
        key, recipient, raw = current
        try:
            if reset:
                conn.getreply()
            mail_code, mail_text = conn.getreply()
            rcpt_code, rcpt_text = conn.getreply()
            data_code, data_text = conn.getreply()
        except (smtplib.SMTPException, OSError) as error:
            on_outcome(key, Outcome(False, None, str(error)))
            raise
        upcoming = next(items, None)
        if data_code != 354:
            reset = True
            code, text = (
                (mail_code, mail_text)
                if mail_code != 250
                else (rcpt_code, rcpt_text)
                if rcpt_code not in (250, 251)
                else (data_code, data_text)
            )
            on_outcome(key, Outcome(False, code, text.decode(errors="replace")))
            if upcoming is not None:
                conn.send(_envelope(sender, upcoming[1], reset))
            current = upcoming
            continue
        if mail_code != 250 or rcpt_code not in (250, 251):  # 354 anyway: end it, empty
            conn.send(b".\r\n")
            conn.getreply()
            reset = True
            code, text = (mail_code, mail_text) if mail_code != 250 else (rcpt_code, rcpt_text)
            on_outcome(key, Outcome(False, code, text.decode(errors="replace")))
            if upcoming is not None:
                conn.send(_envelope(sender, upcoming[1], reset))
            current = upcoming
            continue
        reset = False
        payload = _quote(raw)
        if upcoming is not None:
            payload += _envelope(sender, upcoming[1], reset)
        conn.send(payload)
        try:
            code, text = conn.getreply()
        except (smtplib.SMTPException, OSError) as error:
            on_outcome(key, Outcome(False, None, str(error)))
            raise
        if code != 250:
            # The next envelope is already on its way; the server treats it as a new
            # transaction (the failed one ended with the data).
            on_outcome(key, Outcome(False, code, text.decode(errors="replace")))
        else:
            on_outcome(key, Outcome(True, code, ""))
        current = upcoming
