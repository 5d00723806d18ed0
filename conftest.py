"""Fixtures shared by every app's tests: the site tree, staff by role, article factory."""

import pytest


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    from masthead.accounts.roles import ensure_newsroom_roles

    return ensure_newsroom_roles()


@pytest.fixture
def home(db):
    from masthead.news.tests.factories import make_home

    return make_home()


@pytest.fixture
def section(home):
    from masthead.news.tests.factories import make_section

    return make_section(home, title="War", slug="war")


@pytest.fixture
def author(db):
    from masthead.people.tests.factories import AuthorFactory

    return AuthorFactory(name="Iryna Demo", role="Kyiv correspondent")


@pytest.fixture
def make_article(section, author):
    from masthead.news.tests.factories import make_article

    def make(**kwargs):
        kwargs.setdefault("section", section)
        kwargs.setdefault("authors", [author])
        return make_article(**kwargs)

    return make


@pytest.fixture
def article(make_article):
    return make_article()


def _staff(username, group_name, roles, **extra):
    from django.contrib.auth.models import Group

    from masthead.accounts.tests.factories import UserFactory

    user = UserFactory(username=username, **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(roles):
    return _staff("editor", "Editor", roles)


@pytest.fixture
def reporter(roles):
    return _staff("reporter", "Reporter", roles)


@pytest.fixture
def admin_user(roles):
    return _staff("admin", "Administrator", roles, is_superuser=True, is_staff=True)
