import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.base")

from masthead.core.startup import freeze_loaded_objects, load_web_application  # noqa: E402

django_application = load_web_application(get_wsgi_application)  # masthead/core/startup.py

from django.conf import settings  # noqa: E402

from masthead.caching.pages import PageCacheWSGI  # noqa: E402
from masthead.core.memory import FreezeWhenWarm, TrimFreedMemory  # noqa: E402

# Anonymous cache hits are answered by PageCacheWSGI, before Django builds a request
# (caching/pages.py); freed memory goes back to the system every few hundred requests, and
# what the first requests built is exempted from later garbage collections (core/memory.py).
application = FreezeWhenWarm(
    TrimFreedMemory(
        PageCacheWSGI(django_application),
        every=getattr(settings, "MEMORY_TRIM_EVERY_REQUESTS", 200),
    ),
    after=getattr(settings, "GC_FREEZE_AFTER_REQUESTS", 2000),
)

freeze_loaded_objects()  # last: what start-up made lives as long as the process
