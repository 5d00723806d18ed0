from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from masthead.accounts.tests.factories import UserFactory
from masthead.people.tests.factories import AuthorFactory
from masthead.planning.tests.smtp import smtp_inbox  # noqa: F401 - a fixture


def _staff(username, group, **extra):
    user = UserFactory(username=username, first_name=username.capitalize(), **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reporter(roles):
    """A reporter with a byline, on the War desk by their assignments."""
    user = _staff("olena", "Reporter")
    AuthorFactory(name="Olena Demo", user=user)
    return user


@pytest.fixture
def other_reporter(roles):
    return _staff("taras", "Reporter")


@pytest.fixture
def editor(roles):
    return _staff("marta", "Editor")


@pytest.fixture
def other_section(home):
    from masthead.news.tests.factories import make_section

    return make_section(home, title="Economy", slug="economy")


@pytest.fixture
def make_assignment(section, editor):
    from masthead.planning.models import Assignment

    def make(*, assignees=(), notes=(), **fields):
        fields.setdefault("headline", "Night shelling of the river port")
        fields.setdefault("section", section)
        fields.setdefault("editor", editor)
        fields.setdefault("status", Assignment.Status.ASSIGNED)
        fields.setdefault("due_at", timezone.now() + timedelta(days=1))
        assignment = Assignment.objects.create(**fields)
        assignment.assignees.set(assignees)
        for text, private in notes:
            assignment.notes.create(text=text, private=private, author=editor)
        return assignment

    return make
