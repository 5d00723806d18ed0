"""What a web process does before Django loads its apps (masthead/wsgi.py, masthead/asgi.py).

A site on SQLite never talks to PostgreSQL, yet Wagtail's redirects app imports Django REST
framework, whose ``compat`` module imports ``django.contrib.postgres`` and with it psycopg
(about 9 MB in every web worker, docs/deploy.md "Memory per web worker"). Both libraries
treat psycopg as optional and fall back when importing it raises ImportError, so a web
process whose databases are all SQLite marks the driver as absent: ``None`` in
``sys.modules`` makes ``import psycopg`` raise ModuleNotFoundError (the import system's
documented behaviour) instead of loading it. Management commands and tests are unaffected.
"""

from __future__ import annotations

import sys

POSTGRES_DRIVERS = ("psycopg", "psycopg2")


def skip_unused_database_drivers() -> list[str]:
    """Mark the PostgreSQL drivers as absent when no configured database uses them, unless
    one is already imported. Reads the settings (not the apps): call it before
    ``get_wsgi_application()``. Returns the names it marked."""
    from django.conf import settings

    engines = {database["ENGINE"] for database in settings.DATABASES.values()}
    if any("postgres" in engine for engine in engines):
        return []
    if any(name in sys.modules for name in POSTGRES_DRIVERS):
        return []
    for name in POSTGRES_DRIVERS:
        sys.modules[name] = None
    return list(POSTGRES_DRIVERS)
