"""Reading bounce reports that arrive after a message was accepted: delivery status
notifications (RFC 3464 `multipart/report` emails, parsed with the standard library's
`email` package, which understands `message/delivery-status`) and the tracking events of
email providers (normalised by django-anymail). Both become `Report`s, which
`services.bounce_record` stores and turns into suppressions. Nothing here writes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email.message import Message
from email.utils import parseaddr

from anymail.signals import AnymailTrackingEvent, EventType, RejectReason

from .models import Bounce

_SMTP_TEMPORARY = re.compile(r"^\s*4\d\d\b|\b4\.\d{1,3}\.\d{1,3}\b")


@dataclass(frozen=True)
class Report:
    email: str
    kind: str  # Bounce.HARD, Bounce.SOFT or Bounce.COMPLAINT
    event_id: str
    detail: str


def _address(field: str) -> str:
    """The address of a DSN recipient field: "rfc822; reader@example.com" (RFC 3464 2.3.2)."""
    _, _, value = field.partition(";")
    return parseaddr((value or field).strip())[1].strip().lower()


def _delivery_status(message: Message) -> Message | None:
    if message.get_content_type() != "multipart/report":
        return None
    if (message.get_param("report-type") or "").lower() != "delivery-status":
        return None
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            return part
    return None


def dsn_reports(message: Message, *, raw: bytes = b"") -> list[Report]:
    """The failed recipients of a delivery status notification: "failed" with a 5.x.x status is
    a hard bounce, with 4.x.x (the sender gave up after temporary failures) a soft one.
    "delayed", "delivered", "relayed" and "expanded" are not bounces. Returns [] for any message
    that is not an RFC 3464 report. The event id is the notification's Message-ID (or a hash of
    its bytes) and the recipient, so the same notification read twice counts once."""
    status_part = _delivery_status(message)
    if status_part is None:
        return []
    blocks = status_part.get_payload()
    if not isinstance(blocks, list) or len(blocks) < 2:
        return []
    reference = str(message.get("Message-ID", "")).strip()
    if not reference:
        reference = "sha256:" + hashlib.sha256(raw or message.as_bytes()).hexdigest()
    reports = []
    for block in blocks[1:]:  # the first block describes the message, the rest one recipient each
        if str(block.get("Action", "")).strip().lower() != "failed":
            continue
        email = _address(str(block.get("Final-Recipient") or block.get("Original-Recipient", "")))
        if "@" not in email:
            continue
        status = str(block.get("Status", "")).strip()
        kind = Bounce.SOFT if status.startswith("4") else Bounce.HARD
        diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
        reports.append(
            Report(
                email=email,
                kind=kind,
                event_id=f"{reference}|{email}",
                detail=f"{status} {diagnostic}".strip(),
            )
        )
    return reports


def _provider_says_soft(event: AnymailTrackingEvent) -> bool:
    """Anymail reports hard and soft bounces alike as "bounced"; the provider's own event or
    the server's reply tells them apart."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if raw.get("Type") in {"SoftBounce", "Transient", "DnsError"}:  # Postmark
        return True
    bounce = raw.get("bounce")
    if isinstance(bounce, dict) and bounce.get("bounceType") == "Transient":  # Amazon SES
        return True
    data = raw.get("event-data")
    if isinstance(data, dict) and data.get("severity") == "temporary":  # Mailgun
        return True
    return bool(_SMTP_TEMPORARY.search(str(event.mta_response or "")))


def tracking_report(event: AnymailTrackingEvent, esp_name: str) -> Report | None:
    """A provider's tracking event as a bounce report, or None when it is not one (deliveries,
    opens, clicks, and "deferred": the provider is still trying)."""
    email = parseaddr(str(event.recipient or ""))[1].strip().lower()
    if "@" not in email:
        return None
    if event.event_type == EventType.COMPLAINED:
        kind = Bounce.COMPLAINT
    elif event.event_type == EventType.BOUNCED:
        kind = Bounce.SOFT if _provider_says_soft(event) else Bounce.HARD
    elif event.event_type == EventType.REJECTED and event.reject_reason in (
        RejectReason.INVALID,
        RejectReason.BOUNCED,
    ):
        kind = Bounce.HARD  # the provider refused to send to an address it knows is dead
    else:
        return None
    event_id = f"{esp_name}:{event.event_id}" if event.event_id else ""
    detail = " ".join(str(part) for part in (event.description, event.mta_response) if part)
    return Report(email=email, kind=kind, event_id=event_id, detail=" ".join(detail.split()))
