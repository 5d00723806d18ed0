import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.base")

from masthead.core.startup import skip_unused_optional_packages  # noqa: E402

skip_unused_optional_packages()  # before the apps load (masthead/core/startup.py)

application = get_asgi_application()
