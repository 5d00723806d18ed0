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

django-otp-webauthn (staff passkeys) imports ``webauthn.helpers.structs`` and
``parse_attestation_object`` in its app checks and models, and the ``webauthn`` and
``webauthn.helpers`` package ``__init__`` modules import every part of the library with
them: cryptography, pyOpenSSL, pyasn1 (about 13 MB in a worker, reader requests never use
them). ``defer_package_init()`` leaves those two ``__init__`` modules unrun until a name they
would define is asked for: a name that is a submodule of the package gives what the
``__init__`` binds to it (``webauthn.helpers``' layout: each ``from .name import name``),
any other name runs the real ``__init__`` first. A passkey sign-in loads the whole library,
as before, in the request that needs it.

Once the apps are loaded, ``freeze_loaded_objects()`` moves the 180,000-odd objects made
at start (modules, classes, settings, URL patterns), which live as long as the process, out of
the garbage collector's reach. CPython runs a full collection only when the objects that have
reached the oldest generation since the last one outnumber a quarter of those already there;
with the start-up objects counted, reference cycles left by requests (a rendered template's
context, an exception's traceback) piled up for a long while before one ran. Frozen, they are
not counted, so those cycles are freed sooner (4-5 MB less per worker after serving), and
each full collection skips them.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

POSTGRES_DRIVERS = ("psycopg", "psycopg2")
HEIF_PLUGIN = "pillow_heif"
HIDDEN_WHILE_LOADING = ("yaml", "pygments", "jinja2")
# Parents first: importing a submodule needs its parent in sys.modules.
DEFERRED_PACKAGES = ("webauthn", "webauthn.helpers")
_DEFERRED_INIT_LOCK = threading.RLock()


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


def load_web_application(build: Callable[[], Any]) -> Any:
    """``build()`` (Django's get_wsgi_application or get_asgi_application) as every web
    process runs it: optional packages marked absent, webauthn's __init__ deferred, the
    optional imports no request uses hidden while the apps load. Call
    ``freeze_loaded_objects()`` once whatever wraps the application is built too."""
    skip_unused_optional_packages()
    defer_package_init()
    with optional_imports_hidden():
        return build()


def freeze_loaded_objects() -> None:
    """Collect the garbage of start-up, then exempt what remains from later collections.
    Call it once the WSGI or ASGI application is built."""
    gc.collect()
    gc.freeze()


class _DeferredPackage(types.ModuleType):
    """A package whose ``__init__`` has not run yet (``defer_package_init``)."""

    def __getattribute__(self, name):
        value = super().__getattribute__(name)
        # A submodule `name` stands for the `name` it defines, as `from .name import name`
        # in the real __init__ would have bound it.
        if isinstance(value, types.ModuleType) and not name.startswith("__"):
            return value.__dict__.get(name, value)
        return value

    def __getattr__(self, name):  # only for names not bound yet
        if name.startswith("__") and name != "__all__":
            raise AttributeError(name)
        full_name = f"{self.__name__}.{name}"
        try:
            importlib.import_module(full_name)
        except ModuleNotFoundError as error:
            if error.name != full_name:
                raise
            # Not a submodule: something only the real __init__ defines. Run it, once (the
            # lock keeps other threads from seeing it half run).
            with _DEFERRED_INIT_LOCK:
                if type(self) is _DeferredPackage:
                    if self.__dict__.get("__running__"):  # asked by its own __init__
                        raise AttributeError(name) from None
                    self.__dict__["__running__"] = True
                    try:
                        self.__spec__.loader.exec_module(self)
                    finally:
                        del self.__dict__["__running__"]
                    self.__class__ = types.ModuleType
        return getattr(self, name)


def defer_package_init(names: tuple[str, ...] = DEFERRED_PACKAGES) -> list[str]:
    """Put each package of ``names`` (parents first) in sys.modules with its ``__init__``
    not run, unless it is imported already; see the module docstring. Returns the names."""
    deferred = []
    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.submodule_search_locations is None:
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _DeferredPackage
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)
        deferred.append(name)
    return deferred
