import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.base")

from masthead.core.startup import freeze_loaded_objects, load_web_application  # noqa: E402

application = load_web_application(get_asgi_application)  # masthead/core/startup.py

freeze_loaded_objects()  # last: what start-up made lives as long as the process
