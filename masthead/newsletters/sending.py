"""The sending engine.

An issue is sent in three steps:
1. `deliveries_create`: one Delivery row per (issue, receiving subscriber), in one
   INSERT ... SELECT (ON CONFLICT DO NOTHING, so running it twice adds nothing).
2. Sender tasks (`send_batches`, several in parallel on separate workers) loop: claim a batch
   of due rows (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's single writer
   serialises the same transaction), set a lease on them, open one SMTP connection, send each
   message and mark its row sent right after the server accepted it.
3. A watchdog task comes back every NEWSLETTER_WATCH_SECONDS while the issue is sending: if
   rows are due and no lease is alive (every sender died, e.g. SIGKILL), it starts a sender.

Why at most one duplicate per killed worker: a row is marked sent in its own commit
immediately after the SMTP server accepted it, so a worker killed at any instant leaves at
most one message accepted but not marked; that row's lease then expires and another worker
sends it again. Rows claimed but not yet sent are simply sent later: nobody is missed.

Failures: 4xx (and lost connections) go back to the queue with exponential backoff until
NEWSLETTER_MAX_ATTEMPTS, then count as a soft bounce; 5xx are recorded as failed and count as
a hard bounce. services.bounce_record decides when the address is suppressed."""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import time
import uuid
import weakref
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from . import conf
from .models import Bounce, Delivery, Issue, Subscriber, Subscription
from .pipeline import send_pipelined, supports_pipelining
from .rendering import RenderedIssue, render_issue
from .services import bounce_record
from .signals import issue_sent

logger = logging.getLogger(__name__)


def deliveries_create(*, issue: Issue) -> int:
    """Create the queued Delivery rows of an issue for everyone receiving its newsletter now.
    Idempotent. Returns the issue's total number of rows. Side effect: writes rows."""
    table = Delivery._meta.db_table
    subscriptions = Subscription._meta.db_table
    subscribers = Subscriber._meta.db_table
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (issue_id, subscriber_id, state, attempts, next_attempt_at,
                                 claimed_by, last_error)
            SELECT %s, s.subscriber_id, %s, 0, %s, '', ''
            FROM {subscriptions} s JOIN {subscribers} r ON r.id = s.subscriber_id
            WHERE s.newsletter_id = %s AND s.status = %s AND r.paused = %s
              AND r.suppressed_at IS NULL
            ORDER BY s.subscriber_id
            ON CONFLICT (issue_id, subscriber_id) DO NOTHING
            """,  # noqa: S608 - table names come from model metadata, values are parameters
            [issue.pk, Delivery.QUEUED, now, issue.newsletter_id, Subscription.ACTIVE, False],
        )
    total = Delivery.objects.filter(issue=issue).count()
    Issue.objects.filter(pk=issue.pk).update(recipients_total=total)
    return total


def _worker_name() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim_batch(*, issue_id: int, worker: str, size: int) -> list[tuple[int, int, str, int]]:
    """Claim up to `size` due rows (queued and due, or claimed with an expired lease) for
    `worker`. Returns (delivery id, subscriber id, email, attempts). Side effect: sets the
    lease on the claimed rows, committed before returning."""
    now = timezone.now()
    lease = now + timedelta(seconds=conf.get("LEASE_SECONDS"))
    if connection.vendor == "postgresql":
        return _claim_postgresql(issue_id=issue_id, worker=worker, size=size, now=now, lease=lease)
    due = Q(state=Delivery.QUEUED, next_attempt_at__lte=now) | Q(
        state=Delivery.CLAIMED, claimed_until__lt=now
    )
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(due, issue_id=issue_id)
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:size]
        )
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids).update(
            state=Delivery.CLAIMED, claimed_by=worker, claimed_until=lease
        )
    rows = Delivery.objects.filter(pk__in=ids, claimed_by=worker).values_list(
        "id", "subscriber_id", "subscriber__email", "attempts"
    )
    return sorted(rows)


def _claim_postgresql(*, issue_id: int, worker: str, size: int, now, lease) -> list:
    """The same claim as one statement: lock the due rows (skipping rows another worker holds
    locked), set the lease, return them with the addresses."""
    table = Delivery._meta.db_table
    subscribers = Subscriber._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH due AS MATERIALIZED (
                SELECT id FROM {table}
                WHERE issue_id = %s AND ((state = %s AND next_attempt_at <= %s)
                                         OR (state = %s AND claimed_until < %s))
                ORDER BY next_attempt_at, id
                LIMIT %s
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE {table} d SET state = %s, claimed_by = %s, claimed_until = %s
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.subscriber_id, d.attempts
            )
            SELECT c.id, c.subscriber_id, s.email, c.attempts
            FROM claimed c JOIN {subscribers} s ON s.id = c.subscriber_id
            ORDER BY c.id
            """,  # noqa: S608 - table names come from model metadata, values are parameters
            [
                issue_id,
                Delivery.QUEUED,
                now,
                Delivery.CLAIMED,
                now,
                size,
                Delivery.CLAIMED,
                worker,
                lease,
            ],
        )
        return [tuple(row) for row in cursor.fetchall()]


class _Pacer:
    """Spaces messages to at most `rate` per second (0: no limit) for this sender."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


@dataclass
class BatchResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def smtp_code(error: Exception, address: str) -> int | None:
    """The SMTP reply code an error carries for `address`; None for a lost connection."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, _ = error.recipients.get(address, next(iter(error.recipients.values()), (None, b"")))
        return code
    return getattr(error, "smtp_code", None)


class _PreparedSentMark:
    """PostgreSQL: the 'sent' mark as a server-side prepared statement run straight through
    libpq (psycopg's documented `pq` layer). Same statement and autocommit semantics as the
    generic path; this costs about a fifth of the client CPU of a Django cursor execute and
    spares the server parsing and planning, which matters at one mark per message."""

    NAME = b"masthead_newsletters_delivery_sent"
    _prepared: weakref.WeakSet = weakref.WeakSet()  # psycopg connections holding NAME

    def __init__(self, table: str):
        connection.ensure_connection()
        raw = connection.connection
        self.pgconn = raw.pgconn
        if raw not in self._prepared:
            sql = (
                f"UPDATE {table} SET state = '{Delivery.SENT}', sent_at = now(), "  # noqa: S608
                "claimed_until = NULL WHERE id = $1"
            )
            self._check(self.pgconn.prepare(self.NAME, sql.encode(), None))
            self._prepared.add(raw)

    def _check(self, result) -> None:
        # Imported here: this class only runs on PostgreSQL, and a web process on SQLite
        # never loads the driver (masthead/core/startup.py).
        from psycopg import errors as psycopg_errors
        from psycopg import pq

        if result.status != pq.ExecStatus.COMMAND_OK:
            raise psycopg_errors.error_from_result(result, encoding="utf-8")

    def sent(self, delivery_id: int) -> None:
        self._check(self.pgconn.exec_prepared(self.NAME, [b"%d" % delivery_id]))


class _Marks:
    """Writes each outcome in its own short statement, autocommitted: a 'sent' mark is durable
    before the next message goes out."""

    def __init__(self):
        self.table = Delivery._meta.db_table
        self.prepared = _PreparedSentMark(self.table) if connection.vendor == "postgresql" else None

    def _run(self, sql: str, params: list) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def sent(self, delivery_id: int, worker: str) -> None:
        if self.prepared is not None:
            self.prepared.sent(delivery_id)
            return
        self._run(
            f"UPDATE {self.table} SET state = %s, sent_at = %s, claimed_until = NULL "  # noqa: S608
            "WHERE id = %s",
            [Delivery.SENT, timezone.now(), delivery_id],
        )

    def retry(self, delivery_id: int, attempts: int, error: str) -> bool:
        """Back to the queue with backoff; False when out of attempts (then failed)."""
        attempts += 1
        if attempts >= conf.get("MAX_ATTEMPTS"):
            self.failed(delivery_id, attempts, error)
            return False
        delay = conf.get("RETRY_BASE_SECONDS") * 2 ** (attempts - 1)
        self._run(
            f"UPDATE {self.table} SET state = %s, attempts = %s, next_attempt_at = %s, "  # noqa: S608
            "claimed_until = NULL, last_error = %s WHERE id = %s",
            [
                Delivery.QUEUED,
                attempts,
                timezone.now() + timedelta(seconds=delay),
                error[:500],
                delivery_id,
            ],
        )
        return True

    def renew(self, issue_id: int, worker: str, lease: int) -> None:
        self._run(
            f"UPDATE {self.table} SET claimed_until = %s "  # noqa: S608
            "WHERE issue_id = %s AND state = %s AND claimed_by = %s",
            [timezone.now() + timedelta(seconds=lease), issue_id, Delivery.CLAIMED, worker],
        )

    def failed(self, delivery_id: int, attempts: int, error: str) -> None:
        self._run(
            f"UPDATE {self.table} SET state = %s, attempts = %s, claimed_until = NULL, "  # noqa: S608
            "last_error = %s WHERE id = %s",
            [Delivery.FAILED, attempts, error[:500], delivery_id],
        )


def _backend():
    path = conf.get("EMAIL_BACKEND") or None
    return get_connection(path, fail_silently=False)


def _open(backend) -> None:
    backend.open()
    conn = getattr(backend, "connection", None)
    sock = getattr(conn, "sock", None)
    if sock is not None:
        conn.ehlo_or_helo_if_needed()  # learn the server's extensions (PIPELINING)
        # Each SMTP command waits for its reply: don't let Nagle's algorithm delay them.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _reopen(backend) -> None:
    try:
        backend.close()
    except (smtplib.SMTPException, OSError):
        backend.connection = None
    _open(backend)


def send_batch(
    *, rendered: RenderedIssue, rows, worker: str, pacer: _Pacer, on_sent=None
) -> BatchResult:
    """Send one claimed batch over one connection (reopened if it breaks). Side effects: SMTP
    traffic, row marks, hard-bounce counts."""
    result = BatchResult()
    marks = _Marks()
    backend = _backend()
    # SMTP-family backends get the message as bytes assembled from the issue's MIME template,
    # over the connection the backend opened (host, port, TLS, auth from settings), pipelined
    # when the server offers it; any other backend (anymail, locmem, console...) gets a
    # complete EmailMessage.
    fast = isinstance(backend, SMTPBackend)
    envelope_from = parseaddr(sanitize_address(rendered.from_email, "utf-8"))[1]
    prepare = getattr(backend, "prepare_raw", None)
    handled: set[int] = set()

    lease = conf.get("LEASE_SECONDS")
    renewed_at = time.monotonic()

    def record(row, ok: bool, code: int | None, text: str) -> None:
        nonlocal renewed_at
        delivery_id, subscriber_id, _, attempts = row
        handled.add(delivery_id)
        if time.monotonic() - renewed_at > lease / 3:
            # A slow batch (a rate limit, a slow server) keeps its claim while it works.
            marks.renew(rendered.issue_id, worker, lease)
            renewed_at = time.monotonic()
        if ok:
            marks.sent(delivery_id, worker)
            result.sent += 1
            if on_sent:
                on_sent()
        elif code is not None and 500 <= code < 600:
            marks.failed(delivery_id, attempts + 1, f"{code} {text}")
            bounce_record(
                subscriber_id=subscriber_id,
                kind=Bounce.HARD,
                source=Bounce.SMTP,
                detail=f"{code} {text}",
            )
            result.failed += 1
        elif marks.retry(delivery_id, attempts, f"{code or ''} {text}".strip()):
            result.retried += 1
        else:  # temporary failures until out of attempts: a soft bounce
            bounce_record(
                subscriber_id=subscriber_id,
                kind=Bounce.SOFT,
                source=Bounce.SMTP,
                detail=f"{code or ''} {text}".strip(),
            )
            result.failed += 1

    def raw_for(row) -> bytes:
        raw = rendered.raw(to=row[2], subscriber_id=row[1])
        return prepare(raw) if prepare else raw

    def pending():
        for row in rows:
            if row[0] not in handled:
                pacer.wait()
                yield row, row[2], raw_for(row)

    _open(backend)
    try:
        while fast and supports_pipelining(backend.connection):
            try:
                send_pipelined(
                    backend.connection,
                    envelope_from,
                    pending(),
                    lambda row, outcome: record(row, outcome.ok, outcome.code, outcome.text),
                )
                break
            except (smtplib.SMTPException, OSError):
                _reopen(backend)  # the row in flight was put back for a retry
        for row in rows:
            if row[0] in handled:
                continue
            delivery_id, subscriber_id, address, attempts = row
            pacer.wait()
            try:
                if fast:
                    backend.connection.sendmail(envelope_from, [address], raw_for(row))
                else:
                    backend.send_messages([rendered.email(to=address, subscriber_id=subscriber_id)])
            except (smtplib.SMTPException, OSError) as error:
                code = smtp_code(error, address)
                record(row, False, code, str(error))
                if code is None or code == 421:  # the connection is gone: a new one
                    _reopen(backend)
                continue
            record(row, True, 250, "")
    finally:
        backend.close()
    return result


def send_batches(*, issue_id: int, max_batches: int | None = None, on_sent=None) -> BatchResult:
    """Claim and send batches of an issue until none is due. Safe to run in any number of
    processes at once. Side effects: as send_batch; marks the issue sent when done."""
    issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
    total = BatchResult()
    if issue is None or issue.status != Issue.SENDING:
        return total
    if connection.vendor == "postgresql":
        # A 'sent' mark only needs to survive this worker dying, not the database server
        # crashing, so commits need not wait for the disk: several times faster.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    rendered = render_issue(issue)
    worker = _worker_name()
    senders = max(1, conf.get("SENDERS"))
    rate = conf.get("SEND_RATE") / senders
    pacer = _Pacer(rate)
    size = conf.get("BATCH_SIZE")
    if rate > 0:  # a rate-limited batch must finish well within its lease
        size = max(1, min(size, int(rate * conf.get("LEASE_SECONDS") / 2)))
    batches = 0
    while max_batches is None or batches < max_batches:
        rows = claim_batch(issue_id=issue_id, worker=worker, size=size)
        if not rows:
            break
        batches += 1
        result = send_batch(
            rendered=rendered, rows=rows, worker=worker, pacer=pacer, on_sent=on_sent
        )
        total.sent += result.sent
        total.retried += result.retried
        total.failed += result.failed
    issue_finish_if_done(issue_id=issue_id)
    return total


def issue_finish_if_done(*, issue_id: int) -> bool:
    """Mark the issue sent when no row is queued or claimed. Side effect: writes the issue."""
    open_rows = Delivery.objects.filter(
        issue_id=issue_id, state__in=[Delivery.QUEUED, Delivery.CLAIMED]
    ).exists()
    if open_rows:
        return False
    finished = Issue.objects.filter(pk=issue_id, status=Issue.SENDING).update(
        status=Issue.SENT, finished_at=timezone.now()
    )
    if finished:  # only the sender whose update marked it: the signal goes once
        issue_sent.send(
            sender=Issue, issue=Issue.objects.select_related("newsletter").get(pk=issue_id)
        )
    return bool(finished)


def needs_sender(*, issue_id: int) -> bool:
    """True when rows are due but no lease is alive: every sender has stopped or died."""
    now = timezone.now()
    rows = Delivery.objects.filter(issue_id=issue_id)
    alive = rows.filter(state=Delivery.CLAIMED, claimed_until__gte=now).exists()
    if alive:
        return False
    return rows.filter(
        Q(state=Delivery.QUEUED, next_attempt_at__lte=now)
        | Q(state=Delivery.CLAIMED, claimed_until__lt=now)
    ).exists()


@dataclass
class Progress:
    total: int
    sent: int
    failed: int
    queued: int
    sending: int
    retrying: int
    rate: float  # messages per second since the first message
    eta_seconds: float | None
    status: str

    @property
    def done(self) -> int:
        """Rows with a final outcome: sent or failed."""
        return self.sent + self.failed

    @property
    def pending(self) -> int:
        """Rows still to send: queued (including those waiting to retry) or being sent."""
        return self.queued + self.sending

    @property
    def percent(self) -> float:
        """Share of the rows processed (sent or failed), not of the rows sent."""
        return 100.0 * self.done / self.total if self.total else 100.0

    @property
    def summary(self) -> str:
        """One honest line: "Sent 2 of 3, 1 failed" (plus what is still pending)."""
        parts = [f"Sent {self.sent} of {self.total}"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.pending:
            parts.append(f"{self.pending} pending")
        return ", ".join(parts)


def issue_progress(issue: Issue) -> Progress:
    """Counts by state (one grouped query on an indexed column) and the sending rate."""
    counts = dict(
        Delivery.objects.filter(issue=issue)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    retrying = Delivery.objects.filter(issue=issue, state=Delivery.QUEUED, attempts__gt=0).count()
    span = Delivery.objects.filter(issue=issue, state=Delivery.SENT).aggregate(
        first=Min("sent_at"), last=Max("sent_at")
    )
    sent = counts.get(Delivery.SENT, 0)
    total = sum(counts.values())
    rate = 0.0
    if sent > 1 and span["first"] and span["last"] and span["last"] > span["first"]:
        rate = (sent - 1) / (span["last"] - span["first"]).total_seconds()
    remaining = counts.get(Delivery.QUEUED, 0) + counts.get(Delivery.CLAIMED, 0)
    eta = remaining / rate if rate else None
    return Progress(
        total=total,
        sent=sent,
        failed=counts.get(Delivery.FAILED, 0),
        queued=counts.get(Delivery.QUEUED, 0),
        sending=counts.get(Delivery.CLAIMED, 0),
        retrying=retrying,
        rate=rate,
        eta_seconds=eta,
        status=issue.status,
    )
