"""The interface's translation catalogues: where they live, how they are extracted, and how
to tell whether one is complete.

One catalogue per app (``masthead/<app>/locale/<lang>/LC_MESSAGES/django.po``, found by Django
on its own) and one for the project templates (``masthead/locale``, ``LOCALE_PATHS``).
``makemessages`` run from the repository root files each string under the first locale
directory whose parent is a prefix of the file's path, so ``masthead/newsletters`` would land
in ``masthead/news/locale``; extracting from inside each catalogue's own directory keeps them
apart (``manage.py update_translations``). The completeness test runs the same extraction on
a temporary copy and asks gettext's own tools what is missing (``check_catalogue``).
"""

from __future__ import annotations

import contextlib
import gettext as gettext_module
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

PROJECT_DIR = Path(__file__).resolve().parent.parent  # masthead/
TOOLS = ("xgettext", "msgmerge", "msguniq", "msgfmt", "msgattrib")
# Never reader-facing, and large: tests, migrations, demo content, built assets.
IGNORE = ["tests/*", "migrations/*", "demo/*", "static/*", "node_modules/*"]
COPY_IGNORE = shutil.ignore_patterns(
    "tests", "migrations", "demo", "static", "__pycache__", "*.pyc", "*.mo"
)


@dataclass(frozen=True)
class Catalogue:
    name: str  # "project" or the app's label
    source: Path  # where its marked strings are
    locale: Path  # its locale directory

    def po(self, language: str) -> Path:
        return self.locale / language / "LC_MESSAGES" / "django.po"

    def mo(self, language: str) -> Path:
        return self.po(language).with_suffix(".mo")


def catalogues() -> list[Catalogue]:
    """The project templates' catalogue, then every masthead app's, by name."""
    found = [Catalogue("project", PROJECT_DIR / "templates", Path(settings.LOCALE_PATHS[0]))]
    for app in sorted(PROJECT_DIR.iterdir()):
        if (app / "apps.py").is_file():
            found.append(Catalogue(app.name, app, app / "locale"))
    return found


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@contextlib.contextmanager
def _cwd(path: Path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def extract(catalogue: Catalogue, language: str, *, root: Path | None = None) -> Path | None:
    """Run ``makemessages`` for one catalogue: its strings merged into its ``.po`` (new ones
    untranslated, changed ones fuzzy). ``root``: work on a copy there instead (the check):
    ``root/<source dir name>`` with its ``locale`` directory inside. Returns the ``.po``, or
    None when the catalogue marks no strings (then no new locale directory is left behind)."""
    if root is None:
        workdir, locale = catalogue.source, catalogue.locale
    else:
        workdir = root / catalogue.source.name
        locale = workdir / "locale"
    created = not locale.exists()
    locale.mkdir(parents=True, exist_ok=True)
    # From the catalogue's own directory: makemessages files each string under the first
    # locale directory whose parent holds it (an app's ``locale``), else under LOCALE_PATHS[0]
    # (the project's, for masthead/templates).
    with _cwd(workdir):
        call_command(
            "makemessages",
            locale=[language],
            domain="django",
            ignore_patterns=IGNORE,
            add_location="file",
            no_obsolete=True,
            verbosity=0,
        )
    po = locale / language / "LC_MESSAGES" / "django.po"
    if po.exists():
        return po
    if created:
        shutil.rmtree(locale)
    return None


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603


def _msgids(po: Path, *flags: str) -> list[str]:
    """The msgids ``msgattrib`` selects with ``flags`` (header left out)."""
    out = _run("msgattrib", "--no-wrap", "--no-obsolete", *flags, str(po)).stdout
    ids, current = [], None
    for line in out.splitlines():
        if line.startswith("msgid "):
            current = line[len("msgid ") :]
        elif current is not None and line.startswith('"') and current == '""':
            current = line
        elif current is not None and not line.startswith('"'):
            if current != '""':
                ids.append(current.strip('"'))
            current = None
    return ids


def _catalog(mo_bytes: bytes) -> dict:
    import io

    return dict(gettext_module.GNUTranslations(io.BytesIO(mo_bytes))._catalog)


def check_catalogue(catalogue: Catalogue, language: str) -> list[str]:
    """What is wrong with one catalogue, as sentences: strings marked in the code with no
    translation or a fuzzy one, a .po gettext rejects, a .mo older than its .po."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="masthead-i18n-") as tmp:
        root = Path(tmp)
        shutil.copytree(catalogue.source, root / catalogue.source.name, ignore=COPY_IGNORE)
        if catalogue.po(language).exists():
            target = root / catalogue.source.name / "locale" / language / "LC_MESSAGES"
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(catalogue.po(language), target / "django.po")
        po = extract(catalogue, language, root=root)
        if po is None:
            return problems  # marks nothing
        if not catalogue.po(language).exists():
            return [f"{catalogue.name}: strings are marked but there is no {language} catalogue"]
        for msgid in _msgids(po, "--untranslated"):
            problems.append(f"{catalogue.name}: no {language} translation for {msgid!r}")
        for msgid in _msgids(po, "--only-fuzzy"):
            problems.append(f"{catalogue.name}: fuzzy {language} translation for {msgid!r}")
        compiled = root / "check.mo"
        result = _run("msgfmt", "--check", "-o", str(compiled), str(catalogue.po(language)))
        if result.returncode != 0:
            problems.append(f"{catalogue.name}: msgfmt --check failed: {result.stderr.strip()}")
            return problems
        mo = catalogue.mo(language)
        if not mo.exists():
            problems.append(f"{catalogue.name}: {mo} is missing (run compilemessages)")
        elif _catalog(mo.read_bytes()) != _catalog(compiled.read_bytes()):
            problems.append(f"{catalogue.name}: {mo} is older than its .po (run compilemessages)")
    return problems


def compile_catalogue(catalogue: Catalogue, language: str) -> None:
    po = catalogue.po(language)
    result = _run("msgfmt", "--check", "-o", str(catalogue.mo(language)), str(po))
    if result.returncode != 0:
        raise RuntimeError(f"{po}: {result.stderr.strip()}")


def languages() -> list[str]:
    """Every language but the source one (the code's strings are English)."""
    return [code for code, _ in settings.LANGUAGES if code != "en"]
