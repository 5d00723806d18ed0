"""What a web process does before Django loads its apps (masthead/wsgi.py, masthead/asgi.py).

A site on SQLite never talks to PostgreSQL, yet Wagtail's redirects app imports Django REST
framework, whose ``compat`` module imports ``django.contrib.postgres`` and with it psycopg
(about 9 MB in every web worker, docs/deploy.md "Memory per web worker"). Both libraries
treat psycopg as optional and fall back when importing it raises ImportError, so a web
process whose databases are all SQLite marks the driver as absent: ``None`` in
``sys.modules`` makes ``import psycopg`` raise ModuleNotFoundError (the import system's
documented behaviour) instead of loading it. Management commands and tests are unaffected.

The same holds for pillow-heif (about 9 MB): Willow imports it, if it can, to open HEIC
files, and the site accepts no HEIC uploads (WAGTAILIMAGES_EXTENSIONS); AVIF, which it
accepts, Pillow reads and writes itself.

Some libraries the apps load try optional packages once, at import, for features no web
request uses: Django REST framework's ``compat`` (loaded with Wagtail's redirects app) tries
PyYAML (its OpenAPI YAML renderer) and Pygments (highlighting for Markdown docs in the
browsable API, without Markdown installed), and ``django.test.utils`` (which
``wagtail.coreutils`` imports through ``django.test``) tries Jinja2 for a test decorator.
``optional_imports_hidden()`` hides them while the apps load (about 3.5 MB in a worker) and
makes them importable again afterwards, for any code that really uses them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

POSTGRES_DRIVERS = ("psycopg", "psycopg2")
HEIF_PLUGIN = "pillow_heif"
HIDDEN_WHILE_LOADING = ("yaml", "pygments", "jinja2")


def skip_unused_optional_packages() -> list[str]:
    """Mark as absent the PostgreSQL drivers when no configured database uses them, and
    pillow-heif when no HEIC/HEIF upload is accepted, unless already imported. Reads the
    settings (not the apps): call it before ``get_wsgi_application()``. Returns the names
    it marked."""
    from django.conf import settings

    unused = []
    engines = {database["ENGINE"] for database in settings.DATABASES.values()}
    if not any("postgres" in engine for engine in engines):
        unused += POSTGRES_DRIVERS
    extensions = getattr(settings, "WAGTAILIMAGES_EXTENSIONS", None) or []
    if not {"heic", "heif"} & {extension.lower() for extension in extensions}:
        unused.append(HEIF_PLUGIN)
    marked = [name for name in unused if name not in sys.modules]
    for name in marked:
        sys.modules[name] = None
    return marked


@contextmanager
def optional_imports_hidden(names: tuple[str, ...] = HIDDEN_WHILE_LOADING) -> Iterator[list[str]]:
    """Inside the block, importing one of ``names`` (unless already imported) raises
    ImportError, so libraries that try them as optional go without; afterwards they import
    as usual. Yields the names it hid."""
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None
    try:
        yield hidden
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
