"""``manage.py update_translations``: extract every catalogue's marked strings into its .po
files (one per app, one for the project templates), and with ``--compile`` build the .mo files.
Translate the new entries in between; core/tests/test_translations.py fails until every
string has its translation. docs/subsystems/editions-strings.md"""

from django.core.management.base import BaseCommand, CommandError

from masthead.core import translations


class Command(BaseCommand):
    help = "Extract marked strings into every catalogue's .po files; --compile builds the .mo."

    def add_arguments(self, parser):
        parser.add_argument(
            "-l", "--locale", action="append", help="Only this language (default: all but en)."
        )
        parser.add_argument("--compile", action="store_true", help="Compile .po into .mo only.")

    def handle(self, *args, **options):
        missing = translations.missing_tools()
        if missing:
            raise CommandError(f"GNU gettext is needed (missing: {', '.join(missing)}).")
        languages = options["locale"] or translations.languages()
        from tqdm import tqdm

        for catalogue in tqdm(translations.catalogues(), desc="catalogues", unit="catalogue"):
            for language in languages:
                if options["compile"]:
                    if catalogue.po(language).exists():
                        translations.compile_catalogue(catalogue, language)
                    continue
                po = translations.extract(catalogue, language)
                if po is not None:
                    self.stdout.write(f"{catalogue.name}: {po}")
