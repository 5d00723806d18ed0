import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.base")

from masthead.core.startup import skip_unused_optional_packages  # noqa: E402

skip_unused_optional_packages()  # before the apps load (masthead/core/startup.py)

django_application = get_wsgi_application()

# Anonymous cache hits are answered here, before Django builds a request (caching/pages.py).
from masthead.caching.pages import PageCacheWSGI  # noqa: E402

application = PageCacheWSGI(django_application)
