import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.base")

from masthead.core.startup import skip_unused_database_drivers  # noqa: E402

skip_unused_database_drivers()  # before the apps load: no psycopg on SQLite

application = get_asgi_application()
