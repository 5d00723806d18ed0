from django.core.management.base import BaseCommand

from masthead.planning.services import reminders_send_due


class Command(BaseCommand):
    help = (
        "Email the reminders of assignments due within PLANNING_REMINDER_BEFORE (each once per "
        "due time). The worker runs this at each reminder time by itself; run it from cron "
        "only to catch up after the worker was down."
    )

    def handle(self, *args, **options):
        sent = reminders_send_due()
        self.stdout.write(f"{sent} reminder(s) sent.")
