import pytest

from masthead.planning.tests.smtp import smtp_inbox  # noqa: F401 - a fixture
from masthead.webhooks import services
from masthead.webhooks.events import EVENT_TYPES

from . import receiver as receivers


@pytest.fixture
def receiver():
    receiver, server = receivers.start()
    yield receiver
    receiver.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_private(settings):
    """Only tests that call the loopback receiver lift the SSRF rule."""
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def endpoint(receiver, allow_private, admin_user):
    """An endpoint for every event, on the loopback receiver, which knows its secret."""
    made, secret = services.endpoint_create(
        url=receiver.url, description="test receiver", events=EVENT_TYPES, owner=admin_user
    )
    receiver.secret = secret
    return made
