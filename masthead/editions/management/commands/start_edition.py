from django.core.management.base import BaseCommand, CommandError

from masthead.editions.services import start_edition


class Command(BaseCommand):
    help = "Make (and publish) the home page of an edition, e.g. `start_edition uk`."

    def add_arguments(self, parser):
        parser.add_argument("language")
        parser.add_argument("--title", default="")
        parser.add_argument("--draft", action="store_true", help="Do not publish it yet.")

    def handle(self, language, title, draft, **options):
        try:
            home = start_edition(language, title=title, publish=not draft)
        except ValueError as error:
            raise CommandError(str(error)) from error
        state = "live" if home.live else "draft"
        self.stdout.write(f"{language}: {home.title} ({state}) at {home.url or '-'}")
