import pytest

from masthead.accounts.tests.smtp import smtp_inbox  # noqa: F401 - a fixture


@pytest.fixture
def reader(db):
    from masthead.accounts.tests.factories import UserFactory

    return UserFactory(username="taras", email="taras@example.org", display_name="Taras")


@pytest.fixture
def other_reader(db):
    from masthead.accounts.tests.factories import UserFactory

    return UserFactory(username="maria", email="maria@example.org", display_name="Maria")


@pytest.fixture
def plain_article(make_article):
    return make_article(image=False, title="Night trains run to the front-line towns")


@pytest.fixture
def fetch_headers():
    return {"HTTP_X_REQUESTED_WITH": "fetch"}
