from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from masthead.audit.log import record
from masthead.staffsecurity import services
from masthead.staffsecurity.models import UserSession


class Command(BaseCommand):
    help = "End every indexed session of one account (a stolen staff account: run this first)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
        for key in keys:
            services.end_session(key)
        record("session.ended_by_command", target=user, ended=len(keys))
        self.stdout.write(f"Ended {len(keys)} session(s) of {username}.")
