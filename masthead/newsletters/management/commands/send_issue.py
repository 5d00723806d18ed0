import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from masthead.newsletters import services
from masthead.newsletters.models import Issue
from masthead.newsletters.sending import issue_progress, send_batches


class Command(BaseCommand):
    help = (
        "Send a newsletter issue and show its progress. By default the background workers "
        "send it (start `manage.py db_worker`); --inline sends from this process too. An "
        "issue that was already sent is not sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue_id", type=int)
        parser.add_argument("--inline", action="store_true", help="Also send from here.")
        parser.add_argument("--no-wait", action="store_true", help="Start and return.")

    def handle(self, *args, issue_id, inline, no_wait, **options):
        issue = Issue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"No issue {issue_id}.")
        if issue.status == Issue.SENT:
            self.stdout.write(f"Issue {issue_id} was already sent; nothing to do.")
            return
        try:
            services.issue_send_now(issue=issue)
        except services.NotAllowed as error:
            raise CommandError(str(error)) from error
        if inline:
            # Create the rows here in case no worker is running; idempotent.
            services.issue_start(issue_id=issue_id)
        if no_wait:
            self.stdout.write(f"Issue {issue_id} is sending.")
            return
        progress = issue_progress(issue)
        bar = tqdm(total=progress.total, unit="msg", desc=f"issue {issue_id}", file=self.stdout)
        shown = 0

        def refresh():
            nonlocal shown, progress
            issue.refresh_from_db()
            progress = issue_progress(issue)
            bar.total = progress.total
            bar.update(progress.done - shown)
            shown = progress.done
            eta = f"{progress.eta_seconds:.0f}s" if progress.eta_seconds else "-"
            bar.set_postfix(rate=f"{progress.rate:.0f}/s", eta=eta, failed=progress.failed)

        if inline:
            send_batches(issue_id=issue_id, on_sent=lambda: bar.update(1) or None)
            shown = bar.n
        while True:
            refresh()
            if issue.status != Issue.SENDING:
                break
            time.sleep(1)
        bar.close()
        self.stdout.write(
            f"Issue {issue_id}: {progress.sent} sent, {progress.failed} failed, "
            f"status {issue.status}."
        )
