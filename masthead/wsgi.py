import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.base")

from masthead.core.startup import (  # noqa: E402
    defer_package_init,
    freeze_loaded_objects,
    optional_imports_hidden,
    skip_unused_optional_packages,
)

skip_unused_optional_packages()  # before the apps load (masthead/core/startup.py)
defer_package_init()  # webauthn's whole library loads at the first passkey request

with optional_imports_hidden():  # optional imports no request uses (core/startup.py)
    django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402

from masthead.caching.pages import PageCacheWSGI  # noqa: E402
from masthead.core.memory import TrimFreedMemory  # noqa: E402

# Anonymous cache hits are answered by PageCacheWSGI, before Django builds a request
# (caching/pages.py); freed memory goes back to the system every few hundred requests
# (core/memory.py).
application = TrimFreedMemory(
    PageCacheWSGI(django_application),
    every=getattr(settings, "MEMORY_TRIM_EVERY_REQUESTS", 200),
)

freeze_loaded_objects()  # last: what start-up made lives as long as the process
