from django.core.management.base import BaseCommand, CommandError

from masthead.core import site_url


class Command(BaseCommand):
    help = "Give the default Wagtail Site SITE_URL's host and port (--check: only report)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="exit 1 when the Site differs from SITE_URL"
        )

    def handle(self, *args, check=False, **options):
        problem = site_url.site_url_problem() or site_url.site_record_problem()
        if problem:
            raise CommandError(problem)
        mismatch = site_url.default_site_mismatch()
        if mismatch is None:
            self.stdout.write(f"The default Site matches SITE_URL ({site_url.root()}).")
            return
        if check:
            raise CommandError(mismatch)
        if not site_url.sync_default_site():
            raise CommandError(f"{mismatch} Another Site already uses that address.")
        self.stdout.write(self.style.SUCCESS(f"The default Site is now {site_url.root()}."))
