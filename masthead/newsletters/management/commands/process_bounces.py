import mailbox
import sys
from email import message_from_bytes, policy
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.newsletters.bounces import dsn_reports
from masthead.newsletters.models import Bounce
from masthead.newsletters.services import bounce_record


class Command(BaseCommand):
    help = (
        "Record the bounces in delivery status notifications (RFC 3464): from a Maildir "
        "(--maildir, e.g. the mailbox of the Return-Path address, run from cron; each message "
        "read is marked seen and not read again), from files, or one message piped on standard "
        'input (an MTA alias: bounces: "|manage.py process_bounces"). Other mail is skipped; '
        "a notification read twice counts once."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Message files; none: standard input.")
        parser.add_argument("--maildir", help="Read the unseen messages of this Maildir.")

    def handle(self, *args, files, maildir, **options):
        counts = {"messages": 0, "reports": 0, "recorded": 0}
        if maildir:
            self._maildir(Path(maildir), counts)
        elif files:
            for name in files:
                try:
                    raw = Path(name).read_bytes()
                except OSError as error:
                    raise CommandError(f"Cannot read {name}: {error}") from error
                self._one(raw, counts)
        else:
            self._one(sys.stdin.buffer.read(), counts)
        self.stdout.write(
            f"{counts['messages']} message(s), {counts['reports']} failed recipient(s), "
            f"{counts['recorded']} new bounce(s) recorded."
        )

    def _maildir(self, path: Path, counts: dict) -> None:
        if not (path / "new").is_dir() and not (path / "cur").is_dir():
            raise CommandError(f"{path} is not a Maildir (no new/ or cur/).")
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in list(box.keys()):
            message = box.get_message(key)
            if "S" in message.get_flags():
                continue
            self._one(box.get_bytes(key), counts)
            message.set_subdir("cur")
            message.add_flag("S")
            box[key] = message

    def _one(self, raw: bytes, counts: dict) -> None:
        counts["messages"] += 1
        message = message_from_bytes(raw, policy=policy.compat32)
        for report in dsn_reports(message, raw=raw):
            counts["reports"] += 1
            recorded = bounce_record(
                email=report.email,
                kind=report.kind,
                source=Bounce.DSN,
                event_id=report.event_id,
                detail=report.detail,
            )
            counts["recorded"] += recorded is not None
