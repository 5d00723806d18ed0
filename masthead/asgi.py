import os

from django.core.asgi import get_asgi_application

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
    application = get_asgi_application()

freeze_loaded_objects()  # last: what start-up made lives as long as the process
